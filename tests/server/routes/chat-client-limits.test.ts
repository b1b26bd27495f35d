/**
 * The per-client limits of /chat (CLIENT_*), counted over many sockets of one client: a new socket brings
 * no fresh allowance. Counts, not timings: whatever the test's duration, one client gets at most the
 * burst plus what the rate refilled meanwhile (`allowance`).
 */
import { afterEach, describe, expect, test } from 'vitest';
import { allowance, floodHandoffs, floodMessages, handshakeStatus, outcome } from '../../helpers/flood.ts';
import { ChatClient, startTestApp, type TestApp } from '../../helpers/test-app.ts';
import { waitFor } from '../../helpers/wait-for.ts';

describe('/chat per-client limits', () => {
  const apps: TestApp[] = [];
  const clients: ChatClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    for (const app of apps.splice(0)) await app.close();
  });

  async function start(env: Record<string, string>): Promise<TestApp> {
    const app = await startTestApp({ env });
    apps.push(app);
    return app;
  }

  async function connect(app: TestApp, headers: Record<string, string> = {}): Promise<ChatClient> {
    const client = await ChatClient.connect(app.url, headers);
    clients.push(client);
    return client;
  }

  test('messages accepted from one client over several sockets stay within CLIENT_MESSAGES_*', async () => {
    const app = await start({ CLIENT_MESSAGES_PER_MINUTE: '1', CLIENT_MESSAGES_BURST: '6' });
    const started = Date.now();
    const sockets = await Promise.all([1, 2, 3, 4].map(() => connect(app)));
    const outcomes = await floodMessages(sockets, 5);
    const elapsed = Date.now() - started;
    const accepted = outcomes.filter((f) => f.type === 'reply');
    const refused = outcomes.filter((f) => f.type === 'error');
    expect(accepted.length).toBeGreaterThanOrEqual(6);
    expect(accepted.length).toBeLessThanOrEqual(allowance(6, 1, elapsed));
    expect(new Set(refused.map((f) => f.code))).toEqual(new Set(['CHAT_ERR_CLIENT_RATE_LIMITED']));
    // Nothing of a refused message was stored.
    const stored = (await app.fastify.storage.database().selectFrom('messages').select('role').execute())
      .length;
    expect(stored).toBe(accepted.length * 2);
  });

  test('a refused message gets CHAT_ERR_CLIENT_RATE_LIMITED in the shopper language', async () => {
    const app = await start({ CLIENT_MESSAGES_PER_MINUTE: '1', CLIENT_MESSAGES_BURST: '1' });
    const first = await connect(app);
    first.send({ type: 'hello', locale: 'en' });
    await first.next('welcome');
    first.send({ type: 'message', text: 'shipping fee?', seq: 1 });
    await first.next('reply');
    const second = await connect(app);
    second.send({ type: 'hello', locale: 'en' });
    await second.next('welcome');
    second.send({ type: 'message', text: 'shipping fee?', seq: 1 });
    const error = await second.next('error');
    expect(error).toMatchObject({ code: 'CHAT_ERR_CLIENT_RATE_LIMITED', seq: 1 });
    expect(error.message).toContain('Too many messages');
  });

  test('another client is not limited by the first one', async () => {
    const app = await start({
      TRUST_PROXY: '127.0.0.1',
      CLIENT_MESSAGES_PER_MINUTE: '1',
      CLIENT_MESSAGES_BURST: '1',
    });
    const noisy = await connect(app, { 'X-Forwarded-For': '203.0.113.1' });
    noisy.send({ type: 'message', text: '送料はいくら', seq: 1 });
    noisy.send({ type: 'message', text: '送料はいくら', seq: 2 });
    expect((await outcome(noisy, 2)).code).toBe('CHAT_ERR_CLIENT_RATE_LIMITED');
    const other = await connect(app, { 'X-Forwarded-For': '203.0.113.2' });
    other.send({ type: 'message', text: '送料はいくら', seq: 1 });
    expect((await outcome(other, 1)).type).toBe('reply');
  });

  test('handoffs recorded from one client over several sockets stay within CLIENT_HANDOFFS_*', async () => {
    const app = await start({ CLIENT_HANDOFFS_PER_MINUTE: '1', CLIENT_HANDOFFS_BURST: '2' });
    const started = Date.now();
    const sockets = await Promise.all([1, 2, 3, 4, 5].map(() => connect(app)));
    const lasts = await floodHandoffs(sockets);
    const elapsed = Date.now() - started;
    const escalations = await app.fastify.storage.listEscalations();
    expect(escalations.length).toBeGreaterThanOrEqual(2);
    expect(escalations.length).toBeLessThanOrEqual(allowance(2, 1, elapsed));
    const refused = lasts.filter((f) => f.type === 'error');
    expect(refused.length).toBe(5 - escalations.length);
    expect(new Set(refused.map((f) => f.code))).toEqual(new Set(['CHAT_ERR_HANDOFF_RATE_LIMITED']));
  });

  test('a flood of refused handoffs queues one alert mail, not one mail each', async () => {
    const app = await start({ CLIENT_HANDOFFS_PER_MINUTE: '1', CLIENT_HANDOFFS_BURST: '1' });
    const sockets = await Promise.all([1, 2, 3, 4].map(() => connect(app)));
    for (const [i, client] of sockets.entries()) {
      client.send({ type: 'message', text: '人と話したい', seq: 1 });
      await outcome(client, 1);
      client.send({ type: 'message', text: `flood${i}@example.jp`, seq: 2 });
      await outcome(client, 2);
      client.send({ type: 'message', text: 'スキップ', seq: 3, intent: 'handoff.skip' });
      await outcome(client, 3);
    }
    const outbox = await app.fastify.storage.listOutbox();
    const alerts = outbox.filter((m) => m.escalationId === null);
    expect(outbox.length - alerts.length).toBe(1);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.subject).toContain('127.0.0.1');
  });

  test('handshakes from one client beyond CLIENT_HANDSHAKES_* get 429', async () => {
    const app = await start({ CLIENT_HANDSHAKES_PER_MINUTE: '1', CLIENT_HANDSHAKES_BURST: '3' });
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push(await handshakeStatus(app.url));
    const elapsed = Date.now() - started;
    const opened = statuses.filter((s) => s === 101).length;
    expect(opened).toBeGreaterThanOrEqual(3);
    expect(opened).toBeLessThanOrEqual(allowance(3, 1, elapsed));
    expect(statuses.filter((s) => s !== 101).every((s) => s === 429)).toBe(true);
  });

  test('conversations started or resumed by one client beyond CLIENT_CONVERSATIONS_* are refused', async () => {
    const app = await start({ CLIENT_CONVERSATIONS_PER_MINUTE: '1', CLIENT_CONVERSATIONS_BURST: '2' });
    const started = Date.now();
    const sockets = await Promise.all([1, 2, 3, 4, 5].map(() => connect(app)));
    for (const client of sockets) client.send({ type: 'hello' });
    await waitFor(
      () => sockets.every((c) => c.frames.some((f) => f.type === 'welcome' || f.type === 'error')),
      'every hello answered',
    );
    const elapsed = Date.now() - started;
    const welcomed = sockets.filter((c) => c.frames.some((f) => f.type === 'welcome')).length;
    expect(welcomed).toBeGreaterThanOrEqual(2);
    expect(welcomed).toBeLessThanOrEqual(allowance(2, 1, elapsed));
    const conversations = await app.fastify.storage
      .database()
      .selectFrom('conversations')
      .select('id')
      .execute();
    expect(conversations).toHaveLength(welcomed);
    const refused = sockets.flatMap((c) => c.frames.filter((f) => f.type === 'error'));
    expect(new Set(refused.map((f) => f.code))).toEqual(new Set(['CHAT_ERR_CLIENT_RATE_LIMITED']));
  });
});
