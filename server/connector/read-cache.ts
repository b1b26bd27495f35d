/**
 * A short cache of a customer's reads (subscriptions, orders), so a conversation's turns add at most one
 * round trip to the shop per customer and TTL. Bounded (least recently used go first) so many shoppers
 * cannot grow memory; a change drops the customer's entries, so the next read shows the change.
 */
import { LRUCache } from 'lru-cache';

/** Options of the read cache. */
export interface ReadCacheOptions {
  /** How long a read is reused, in ms (0: no caching). */
  ttlMs: number;
  /** Entries kept at most (two per customer). */
  max: number;
  /** Monotonic clock in ms (tests). */
  now?: () => number;
}

/** What is cached for a customer. */
export type ReadKind = 'subscriptions' | 'orders';

/** The cache: values are the validated lists, keyed by kind and customer. */
export class ReadCache {
  readonly #cache: LRUCache<string, object> | undefined;

  constructor(options: ReadCacheOptions) {
    this.#cache =
      options.ttlMs > 0
        ? new LRUCache<string, object>({
            max: options.max,
            ttl: options.ttlMs,
            // An injected clock is read on every check (lru-cache otherwise reuses a reading for 1 ms).
            ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
          })
        : undefined;
  }

  get<T extends object>(kind: ReadKind, customerId: string): T | undefined {
    return this.#cache?.get(key(kind, customerId)) as T | undefined;
  }

  set(kind: ReadKind, customerId: string, value: object): void {
    this.#cache?.set(key(kind, customerId), value);
  }

  /** Forgets everything read for the customer (after a change). */
  invalidate(customerId: string): void {
    this.#cache?.delete(key('subscriptions', customerId));
    this.#cache?.delete(key('orders', customerId));
  }
}

function key(kind: ReadKind, customerId: string): string {
  return `${kind}\n${customerId}`;
}
