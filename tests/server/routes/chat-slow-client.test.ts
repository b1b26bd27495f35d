/**
 * A client that stops reading must not grow the server's memory: once a socket holds more than
 * CHAT_MAX_BUFFERED_BYTES unsent, the server closes it with 1008 and logs it, while other chats go on.
 */
import { randomUUID } from 'node:crypto';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { hashToken, newConversationToken } from '../../../server/chat/tokens.ts';
import { ChatClient, startTestApp, type TestApp } from '../../helpers/test-app.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const MAX_BUFFERED = 64 * 1024;

describe('/chat slow client', () => {
  let app: TestApp;
  const logs: { level: number; msg: string; bufferedBytes?: number }[] = [];

  beforeAll(async () => {
    app = await startTestApp({
      env: {
        CHAT_MAX_BUFFERED_BYTES: String(MAX_BUFFERED),
        CHAT_RATE_BURST: '1000',
        CHAT_RATE_PER_MINUTE: '60000',
      },
      logStream: { write: (line) => logs.push(JSON.parse(line)) },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  /** A conversation whose resume `welcome` is about 600 KB (200 long messages), and its token. */
  async function longConversation(): Promise<string> {
    const token = newConversationToken();
    const conversationId = randomUUID();
    const createdAt = new Date();
    await app.fastify.storage.createConversation({
      id: conversationId,
      tokenHash: hashToken(token),
      locale: 'ja',
      createdAt,
    });
    for (let seq = 1; seq <= 200; seq++) {
      await app.fastify.storage.appendShopperMessage({
        id: randomUUID(),
        conversationId,
        clientSeq: seq,
        text: `定期便${seq}`.padEnd(1000, 'あ'),
        createdAt,
      });
    }
    return token;
  }

  test('a socket that stops reading is closed with 1008 once its unsent bytes pass the limit; others keep chatting', async () => {
    const token = await longConversation();
    const healthy = await ChatClient.connect(app.url);
    const before = new Set(app.fastify.websocketServer.clients);
    const slow = new WebSocket(`${app.url.replace('http', 'ws')}/chat`);
    await new Promise((resolve, reject) => {
      slow.once('open', resolve);
      slow.once('error', reject);
    });
    const closeCode = new Promise<number>((resolve) => slow.once('close', (code) => resolve(code)));
    const serverSide = [...app.fastify.websocketServer.clients].find((c) => !before.has(c))!;
    // Stop reading: the kernel buffers fill, then the server's own queue grows.
    (slow as unknown as { _socket: net.Socket })._socket.pause();
    for (let i = 0; i < 60; i++) slow.send(JSON.stringify({ type: 'hello', token }));

    // Meanwhile a healthy chat is answered.
    for (let seq = 1; seq <= 3; seq++) {
      healthy.send({ type: 'message', text: '送料はいくらですか', seq });
      await expect(healthy.next('reply')).resolves.toMatchObject({ replyTo: seq, intent: 'shipping.fee' });
    }
    await waitFor(() => serverSide.readyState !== WebSocket.OPEN, 'the server to close the slow socket');
    // Bounded: the limit plus at most one frame (a welcome of about 600 KB) was queued.
    expect(serverSide.bufferedAmount).toBeLessThan(MAX_BUFFERED + 1024 * 1024);
    const warning = logs.find((l) => l.msg === 'chat socket closed: the client stopped reading');
    expect(warning?.level).toBe(40);
    expect(warning?.bufferedBytes).toBeGreaterThan(MAX_BUFFERED);

    healthy.send({ type: 'message', text: 'こんにちは', seq: 4 });
    await expect(healthy.next('reply')).resolves.toMatchObject({ replyTo: 4 });
    // Once it reads again, the client finds the close frame after what was already queued.
    (slow as unknown as { _socket: net.Socket })._socket.resume();
    expect(await closeCode).toBe(1008);
    healthy.close();
  });
});
