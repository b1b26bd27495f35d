/**
 * Conversation news between cluster workers: a worker's notice goes to the primary over IPC, which
 * relays it to every other worker (not back to the sender, whose own listeners were told already).
 * The cluster is played by event emitters standing in for the workers' IPC channels.
 */

import type { Worker } from 'node:cluster';
import { EventEmitter } from 'node:events';
import { describe, expect, test } from 'vitest';
import { clusterNewsTransport, serveClusterNews } from '../../../server/conversation-news/cluster-news.ts';
import { conversationNews, NewsRegistry } from '../../../server/conversation-news/news-registry.ts';

/** One worker: its process side (IpcChannel) and the primary's Worker handle, wired to `primary`. */
function fakeWorker(primary: EventEmitter) {
  const processSide = new EventEmitter();
  const handle = {
    isConnected: () => true,
    send: (message: unknown) => {
      setImmediate(() => processSide.emit('message', message));
      return true;
    },
  } as unknown as Worker;
  const channel = {
    send: (message: unknown) => setImmediate(() => primary.emit('message', handle, message)),
    on: (event: 'message', listener: (m: unknown) => void) => processSide.on(event, listener),
    off: (event: 'message', listener: (m: unknown) => void) => processSide.off(event, listener),
  };
  return { handle, channel };
}

describe('cluster conversation news', () => {
  test("a notice on one worker reaches the other worker's listeners once, and the sender's once", async () => {
    const primary = Object.assign(new EventEmitter(), { workers: {} as NodeJS.Dict<Worker> });
    const a = fakeWorker(primary);
    const b = fakeWorker(primary);
    primary.workers = { 1: a.handle, 2: b.handle };
    serveClusterNews(primary);
    const registryA = new NewsRegistry();
    const registryB = new NewsRegistry();
    const newsA = conversationNews(registryA, clusterNewsTransport(a.channel, registryA));
    const newsB = conversationNews(registryB, clusterNewsTransport(b.channel, registryB));
    const heard: string[] = [];
    newsA.subscribe('c-1', () => heard.push('a'));
    const onB = new Promise<void>((resolve) =>
      newsB.subscribe('c-1', () => {
        heard.push('b');
        resolve();
      }),
    );
    newsB.subscribe('c-2', () => heard.push('b other conversation'));
    newsA.publish('c-1');
    await onB;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard).toEqual(['a', 'b']);
  });

  test('an unsubscribed listener hears nothing', () => {
    const registry = new NewsRegistry();
    const heard: string[] = [];
    const stop = registry.subscribe('c-1', () => heard.push('x'));
    stop();
    registry.deliver('c-1');
    expect(heard).toEqual([]);
    expect(registry.size).toBe(0);
  });
});
