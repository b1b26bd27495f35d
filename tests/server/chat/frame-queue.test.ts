import { describe, expect, test } from 'vitest';
import { FrameQueue } from '../../../server/chat/frame-queue.ts';

describe('FrameQueue', () => {
  test('runs tasks one at a time in the order they were queued', async () => {
    const seen: string[] = [];
    const queue = new FrameQueue(() => {});
    void queue.push(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen.push('slow first');
    });
    await queue.push(() => {
      seen.push('quick second');
    });
    expect(seen).toEqual(['slow first', 'quick second']);
  });

  test('a failing task is reported and the tasks after it still run', async () => {
    const failures: unknown[] = [];
    const queue = new FrameQueue((error) => failures.push(error));
    const seen: string[] = [];
    const failed = queue.push(() => {
      throw new Error('broken frame');
    });
    await expect(failed).resolves.toBeUndefined();
    await queue.push(() => {
      seen.push('next');
    });
    expect(seen).toEqual(['next']);
    expect(failures).toHaveLength(1);
  });
});
