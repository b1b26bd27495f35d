/**
 * The turn queue behind PostgreSQL's batched writes: one flush per turn, at most `maxInFlight` flushes
 * out, the items asked for meanwhile leaving together when one comes back, and a failed flush not
 * stopping the queue.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { TurnQueue } from '../../../server/storage/turn-queue.ts';

/** A flush that records its items and waits until released. */
function heldFlushes() {
  const flushes: { items: number[]; release: () => void; fail: (error: Error) => void }[] = [];
  const flush = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      flushes.push({ items, release: resolve, fail: reject });
    });
  return { flushes, flush };
}

describe('TurnQueue', () => {
  it('hands the items of one turn to one flush, on the next turn', async () => {
    const { flushes, flush } = heldFlushes();
    const queue = new TurnQueue(flush, 2);
    queue.push(1);
    queue.push(2);
    queue.push(3);
    expect(flushes).toHaveLength(0);
    await nextTurn();
    expect(flushes.map((f) => f.items)).toEqual([[1, 2, 3]]);
  });

  it('holds the items asked for while maxInFlight flushes are out, then sends them together', async () => {
    const { flushes, flush } = heldFlushes();
    const queue = new TurnQueue(flush, 2);
    queue.push(1);
    await nextTurn();
    queue.push(2);
    await nextTurn();
    queue.push(3);
    await nextTurn();
    queue.push(4);
    await nextTurn();
    expect(flushes.map((f) => f.items)).toEqual([[1], [2]]);
    expect(queue.waiting).toBe(2);
    flushes[0]!.release();
    await nextTurn();
    await nextTurn();
    expect(flushes.map((f) => f.items)).toEqual([[1], [2], [3, 4]]);
    expect(queue.waiting).toBe(0);
  });

  it('goes on after a flush fails', async () => {
    const { flushes, flush } = heldFlushes();
    const queue = new TurnQueue(flush, 1);
    queue.push(1);
    await nextTurn();
    queue.push(2);
    flushes[0]!.fail(new Error('connection lost'));
    await nextTurn();
    await nextTurn();
    expect(flushes.map((f) => f.items)).toEqual([[1], [2]]);
  });
});
