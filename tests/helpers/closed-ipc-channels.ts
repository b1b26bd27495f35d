/**
 * Worker IPC channels whose primary is gone, the two ways a send reports it: Node calls send's callback
 * with the error, or the channel throws.
 */
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
