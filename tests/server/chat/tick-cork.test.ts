/**
 * Frames sent in one tick leave in one write: the ack and the reply of a message reach the client
 * together, in order, with one system call on the server's socket instead of one per frame.
 */
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { tickCork } from '../../../server/chat/tick-cork.ts';

/** A ws server whose first connection is handed to the test, with its TCP socket's writes counted. */
async function connectedPair() {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const accepted = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const serverSide = await accepted;
  await new Promise((resolve) => client.once('open', resolve));
  const tcp = (serverSide as unknown as { _socket: Socket })._socket;
  const writes = { count: 0 };
  for (const method of ['_write', '_writev'] as const) {
    const original = tcp[method]!.bind(tcp) as (...args: unknown[]) => void;
    (tcp as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      writes.count += 1;
      original(...args);
    };
  }
  const received: string[] = [];
  client.on('message', (data) => received.push(String(data)));
  const close = async () => {
    client.terminate();
    await new Promise((resolve) => server.close(resolve));
  };
  return { serverSide, writes, received, close };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('tickCork', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('sends the frames of one tick in one write, in order', async () => {
    const pair = await connectedPair();
    close = pair.close;
    const cork = tickCork(pair.serverSide);
    for (const frame of ['ack', 'reply', 'extra']) {
      cork();
      pair.serverSide.send(frame);
    }
    await until(() => pair.received.length === 3);
    expect(pair.received).toEqual(['ack', 'reply', 'extra']);
    expect(pair.writes.count).toBe(1);
  });

  it('writes once per frame without it (what it saves)', async () => {
    const pair = await connectedPair();
    close = pair.close;
    pair.serverSide.send('ack');
    pair.serverSide.send('reply');
    await until(() => pair.received.length === 2);
    expect(pair.writes.count).toBe(2);
  });

  it('uncorks at the end of the tick, so a frame of a later tick is not held back', async () => {
    const pair = await connectedPair();
    close = pair.close;
    const cork = tickCork(pair.serverSide);
    cork();
    pair.serverSide.send('first');
    await until(() => pair.received.length === 1);
    cork();
    pair.serverSide.send('second');
    await until(() => pair.received.length === 2);
    expect(pair.received).toEqual(['first', 'second']);
    expect(pair.writes.count).toBe(2);
  });

  it('does nothing for an object without a TCP socket', () => {
    expect(() => tickCork({})()).not.toThrow();
  });
});
