/**
 * The guards of /chat over real sockets: the Origin allow-list and the per-IP cap answer the handshake
 * with an HTTP status before any upgrade, the per-socket rate limit answers in the shopper's language
 * and keeps the socket open, and a too long message is refused in the language it was written in.
 */
import { afterEach, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { ChatClient, startTestApp, type TestApp } from '../../helpers/test-app.ts';
import { waitFor } from '../../helpers/wait-for.ts';

/** The handshake's HTTP status: 101 when the socket opened (it is closed again), else the refusal. */
async function handshake(appUrl: string, headers: Record<string, string> = {}): Promise<number> {
  const socket = new WebSocket(`${appUrl.replace('http', 'ws')}/chat`, { headers });
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

describe('/chat guards', () => {
  const apps: TestApp[] = [];
  const clients: ChatClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    for (const app of apps.splice(0)) await app.close();
  });

  async function start(env: Record<string, string>, logStream?: { write(line: string): void }) {
    const app = await startTestApp({ env, ...(logStream ? { logStream } : {}) });
    apps.push(app);
    return app;
  }

  async function connect(app: TestApp, headers: Record<string, string> = {}): Promise<ChatClient> {
    const client = await ChatClient.connect(app.url, headers);
    clients.push(client);
    return client;
  }

  describe('Origin allow-list (ALLOWED_ORIGINS)', () => {
    const ALLOWED = { ALLOWED_ORIGINS: 'https://shop.example.jp, https://www.shop.example.jp' };

    test('a handshake from a foreign page gets 403 and no socket', async () => {
      const app = await start(ALLOWED);
      expect(await handshake(app.url, { Origin: 'https://evil.example' })).toBe(403);
      expect(await handshake(app.url, { Origin: 'https://shop.example.jp.evil.example' })).toBe(403);
      expect(app.fastify.websocketServer.clients.size).toBe(0);
    });

    test('a listed origin, the own origin and a client without Origin get a working chat', async () => {
      const app = await start(ALLOWED);
      const handshakes: Record<string, string>[] = [
        { Origin: 'https://www.shop.example.jp' },
        { Origin: app.url },
        {},
      ];
      for (const headers of handshakes) {
        const client = await connect(app, headers);
        client.send({ type: 'ping' });
        await expect(client.next('pong')).resolves.toMatchObject({ type: 'pong' });
      }
    });

    test('unset: every origin may connect, and the start logs a warning saying to set it', async () => {
      const lines: string[] = [];
      const app = await start({}, { write: (line) => lines.push(line) });
      expect(await handshake(app.url, { Origin: 'https://evil.example' })).toBe(101);
      const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string });
      expect(warnings.filter((l) => l.level === 40 && l.msg.includes('ALLOWED_ORIGINS'))).toHaveLength(1);
    });
  });

  describe('per-IP connection cap (CHAT_MAX_CONNECTIONS_PER_IP)', () => {
    test('the handshake over the cap gets 429; a closed socket frees its slot', async () => {
      const app = await start({ CHAT_MAX_CONNECTIONS_PER_IP: '2' });
      const first = await connect(app);
      await connect(app);
      expect(await handshake(app.url)).toBe(429);
      first.close();
      await first.closed();
      await waitFor(async () => (await handshake(app.url)) === 101, 'a freed slot');
      expect(app.fastify.websocketServer.clients.size).toBeLessThanOrEqual(2);
    });

    test('behind a trusted proxy, each forwarded client IP has its own cap', async () => {
      const app = await start({ CHAT_MAX_CONNECTIONS_PER_IP: '1', TRUST_PROXY: '127.0.0.1' });
      await connect(app, { 'X-Forwarded-For': '203.0.113.1' });
      expect(await handshake(app.url, { 'X-Forwarded-For': '203.0.113.1' })).toBe(429);
      const other = await connect(app, { 'X-Forwarded-For': '203.0.113.2' });
      other.send({ type: 'ping' });
      await expect(other.next('pong')).resolves.toMatchObject({ type: 'pong' });
    });

    test('without TRUST_PROXY a forged X-Forwarded-For does not get around the cap', async () => {
      const app = await start({ CHAT_MAX_CONNECTIONS_PER_IP: '1' });
      await connect(app, { 'X-Forwarded-For': '203.0.113.1' });
      expect(await handshake(app.url, { 'X-Forwarded-For': '203.0.113.2' })).toBe(429);
    });
  });

  describe('per-socket rate limit (CHAT_RATE_PER_MINUTE, CHAT_RATE_BURST)', () => {
    test.each([
      { locale: 'en', text: 'shipping fee?', sentence: "You're sending messages too quickly." },
      { locale: 'ja', text: '送料は？', sentence: '送信の間隔が短すぎます。' },
    ])(
      'frames over the burst get CHAT_ERR_RATE_LIMITED in $locale, nothing stored, the socket stays open',
      async ({ locale, text, sentence }) => {
        const app = await start({ CHAT_RATE_BURST: '3', CHAT_RATE_PER_MINUTE: '60' });
        const client = await connect(app);
        client.send({ type: 'hello', locale });
        const welcome = await client.next('welcome');
        for (const seq of [1, 2, 3, 4]) client.send({ type: 'message', text, seq });
        await client.next('reply');
        await client.next('reply');
        const refused = [await client.next('error'), await client.next('error')];
        expect(refused.map((e) => [e.code, e.seq])).toEqual([
          ['CHAT_ERR_RATE_LIMITED', 3],
          ['CHAT_ERR_RATE_LIMITED', 4],
        ]);
        expect(refused[0]!.message).toContain(sentence);
        const stored = await app.fastify.storage.listMessages(String(welcome.conversationId));
        expect(stored.filter((m) => m.role === 'shopper').map((m) => m.clientSeq)).toEqual([1, 2]);
        // One token a second: the same seq goes through once the bucket refills.
        await new Promise((resolve) => setTimeout(resolve, 1100));
        client.send({ type: 'message', text, seq: 3 });
        await expect(client.next('ack')).resolves.toMatchObject({ seq: 3, duplicate: false });
      },
    );
  });

  describe('message length', () => {
    test.each([
      { name: 'English', text: 'a'.repeat(101), sentence: 'within 100 characters' },
      { name: 'Japanese', text: 'あ'.repeat(101), sentence: '100文字以内' },
    ])(
      'a too long first message is refused in the language it was written in ($name)',
      async ({ text, sentence }) => {
        const app = await start({ CHAT_MAX_TEXT_LENGTH: '100' });
        const client = await connect(app);
        client.send({ type: 'message', text, seq: 1 });
        const error = await client.next('error');
        expect(error).toMatchObject({ code: 'CHAT_ERR_TEXT_TOO_LONG', seq: 1 });
        expect(error.message).toContain(sentence);
      },
    );
  });
});
