/**
 * The socket cap held by the cluster primary: one count for every worker, a release gives the slot back
 * once, and the slots of a worker that died are given back with it.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, test } from 'vitest';
import {
  ClusterConnectionCap,
  serveClusterConnectionCap,
} from '../../../server/limits/cluster-connection-cap.ts';
import type { IpcChannel } from '../../../server/limits/cluster-limit-store.ts';
import { closedIpcChannels, settledBeforeAnyTimeout } from '../../helpers/closed-ipc-channels.ts';

/** The primary's cluster events and a channel per worker, wired in one process. */
function fakeCluster() {
  const events = new EventEmitter();
  const primary = serveClusterConnectionCap(
    events as unknown as Parameters<typeof serveClusterConnectionCap>[0],
  );
  let nextId = 1;
  const worker = () => {
    const toWorker = new EventEmitter();
    const handle = {
      id: nextId++,
      isConnected: () => true,
      send: (message: unknown) => queueMicrotask(() => toWorker.emit('message', message)),
    };
    const channel: IpcChannel = {
      send: (message) => queueMicrotask(() => events.emit('message', handle, message)),
      on: (event, listener) => toWorker.on(event, listener),
      off: (event, listener) => toWorker.off(event, listener),
    };
    return { cap: new ClusterConnectionCap(channel), exit: () => events.emit('exit', handle) };
  };
  return { primary, worker };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('ClusterConnectionCap', () => {
  test('two workers share one cap; a release frees one slot once', async () => {
    const cluster = fakeCluster();
    const a = cluster.worker();
    const b = cluster.worker();
    const first = await a.cap.acquire('203.0.113.1', 2);
    expect(await b.cap.acquire('203.0.113.1', 2)).toBeTypeOf('function');
    expect(await a.cap.acquire('203.0.113.1', 2)).toBeUndefined();
    expect(await b.cap.acquire('203.0.113.2', 2)).toBeTypeOf('function');
    first!();
    first!();
    await flush();
    expect(cluster.primary.count('203.0.113.1')).toBe(1);
    expect(await b.cap.acquire('203.0.113.1', 2)).toBeTypeOf('function');
    expect(await a.cap.acquire('203.0.113.1', 2)).toBeUndefined();
  });

  test("a dead worker's slots are given back", async () => {
    const cluster = fakeCluster();
    const a = cluster.worker();
    const b = cluster.worker();
    await a.cap.acquire('203.0.113.1', 2);
    await a.cap.acquire('203.0.113.1', 2);
    expect(await b.cap.acquire('203.0.113.1', 2)).toBeUndefined();
    a.exit();
    expect(cluster.primary.count('203.0.113.1')).toBe(0);
    expect(await b.cap.acquire('203.0.113.1', 2)).toBeTypeOf('function');
  });

  test.each(closedIpcChannels)(
    'a worker whose channel is closed ($name) admits the socket at once, and its release is a no-op',
    async ({ channel }) => {
      // Admitted without waiting for the answer's timeout.
      const cap = new ClusterConnectionCap(channel);
      const settled = await settledBeforeAnyTimeout(() => cap.acquire('203.0.113.1', 1));
      expect(settled).toBeTypeOf('function');
      expect(() => (settled as () => void)()).not.toThrow();
      await cap.close();
    },
  );
});
