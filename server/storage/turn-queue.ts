/**
 * Gathers the items of one event-loop turn and hands them to `flush` together on the next turn, with at
 * most `maxInFlight` flushes out at once: items pushed while that many are out wait and leave together
 * when one comes back. Under light load nothing waits longer than a turn; under load a flush carries
 * more items instead of the server sending more statements. The PostgreSQL writes use it (the message
 * exchanges, the per-client limits, the socket cap): on the 2-core benchmark machine each statement cost
 * the chat's main thread about 100 µs in the socket write alone, because loopback TCP wakes the
 * database's backend from inside the write.
 */

/**
 * Flushes out at once unless a queue says otherwise. With one, a slow statement likely held up everything
 * behind it (replies waited 200–338 ms in two of three open-loop runs, docs/benchmarks.md); with no cap
 * the batches stay small.
 */
export const MAX_FLUSHES_IN_FLIGHT = 2;

export class TurnQueue<T> {
  private queue: T[] = [];
  private scheduled = false;
  private inFlight = 0;

  constructor(
    /** Sends the items; must settle every item itself, and should not reject. */
    private readonly flush: (items: T[]) => Promise<void>,
    private readonly maxInFlight: number = MAX_FLUSHES_IN_FLIGHT,
  ) {}

  push(item: T): void {
    this.queue.push(item);
    this.schedule();
  }

  /** Items waiting for a flush (tests). */
  get waiting(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const items = this.queue;
      this.queue = [];
      this.inFlight += 1;
      void this.flush(items)
        .catch(() => undefined)
        .finally(() => {
          this.inFlight -= 1;
          if (this.queue.length > 0) this.schedule();
        });
    });
  }
}

/**
 * A batch's keys sorted, with how many items each has: one row per key in an upsert (which may not touch
 * a row twice), in one order, so that two statements lock shared rows in the same order.
 */
export function sortedCounts(groups: ReadonlyMap<string, readonly unknown[]>): {
  keys: string[];
  counts: number[];
} {
  const keys = [...groups.keys()].sort();
  return { keys, counts: keys.map((key) => groups.get(key)!.length) };
}

/** A batch's items grouped by `keyOf`, each group and the groups in the order of the items. */
export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
