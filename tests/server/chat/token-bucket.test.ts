import { describe, expect, test } from 'vitest';
import { TokenBucket } from '../../../server/chat/token-bucket.ts';

describe('TokenBucket', () => {
  test('allows a burst, then refuses until time refills it', () => {
    let now = 0;
    const bucket = new TokenBucket(3, 60, () => now);
    expect([1, 2, 3, 4].map(() => bucket.take())).toEqual([true, true, true, false]);
    now += 999;
    expect(bucket.take()).toBe(false);
    now += 1;
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  test('never stores more than the burst however long it was idle', () => {
    let now = 0;
    const bucket = new TokenBucket(2, 60, () => now);
    now += 3_600_000;
    expect([1, 2, 3].map(() => bucket.take())).toEqual([true, true, false]);
  });
});
