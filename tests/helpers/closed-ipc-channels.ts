/**
 * Worker IPC channels whose primary is gone, the two ways a send reports it: Node calls send's callback
 * with the error, or the channel throws.
 */
import { vi } from 'vitest';
import type { IpcChannel } from '../../server/limits/cluster-limit-store.ts';

export const closedIpcChannels: { name: string; channel: IpcChannel }[] = [
  {
    name: 'reports it to the callback',
    channel: {
      send: (_message, callback) => queueMicrotask(() => callback?.(new Error('Channel closed'))),
      on: () => undefined,
      off: () => undefined,
    },
  },
  {
    name: 'throws',
    channel: {
      send: () => {
        throw new Error('Channel closed');
      },
      on: () => undefined,
      off: () => undefined,
    },
  },
];

/**
 * What `start()`'s promise settles to (its value, or the error it rejects with) within two event-loop
 * turns, with setTimeout faked so that no answer timeout can fire: `'pending'` when it has not settled.
 * A worker's message leaves on the next turn (setImmediate, not faked).
 */
export async function settledBeforeAnyTimeout(start: () => Promise<unknown>): Promise<unknown> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    const outcome = start().then(
      (value) => value,
      (error: unknown) => error,
    );
    await new Promise((resolve) => setImmediate(resolve));
    return await Promise.race([outcome, new Promise((resolve) => setImmediate(resolve, 'pending'))]);
  } finally {
    vi.useRealTimers();
  }
}
