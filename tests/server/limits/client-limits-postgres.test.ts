/**
 * Two instances on one PostgreSQL database, as behind a load balancer: the per-client limits are
 * counted in the database, so one client's sockets spread over both instances share one allowance and
 * one socket cap.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allowance,
  floodHandoffs,
  floodMessages,
  HANDOFF_FLOOD_MESSAGES,
  handshakeStatus,
  openSockets,
} from '../../helpers/flood.ts';
import { pgAdmin, TEST_PG_URL } from '../../helpers/storage-backends.ts';
import { type ChatClient, startTestApp, type TestApp } from '../../helpers/test-app.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const MESSAGES = { perMinute: 1, burst: 16 };
const HANDOFFS = { perMinute: 1, burst: 2 };
/** Sockets of the handoff flood: their messages all fit the message burst (see floodHandoffs). */
const HANDOFF_SOCKETS = 4;

describe('per-client limits over two instances on PostgreSQL', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const apps: TestApp[] = [];
  const clients: ChatClient[] = [];

  beforeAll(async () => {
    await pgAdmin(`CREATE SCHEMA ${schema}`);
    const env = {
      DATABASE_URL: `${TEST_PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      TRUST_PROXY: '127.0.0.1',
      CLIENT_MESSAGES_PER_MINUTE: String(MESSAGES.perMinute),
      CLIENT_MESSAGES_BURST: String(MESSAGES.burst),
      CLIENT_HANDOFFS_PER_MINUTE: String(HANDOFFS.perMinute),
      CLIENT_HANDOFFS_BURST: String(HANDOFFS.burst),
      CHAT_MAX_CONNECTIONS_PER_IP: '6',
    };
    apps.push(await startTestApp({ env }));
    apps.push(await startTestApp({ env }));
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    for (const app of apps) await app.close();
    await pgAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it('accepts at most CLIENT_MESSAGES_BURST messages plus the refill from one client on both instances', async () => {
    const started = Date.now();
    const sockets = await openSockets(
      apps.map((a) => a.url),
      6,
      { 'X-Forwarded-For': '203.0.113.1' },
    );
    clients.push(...sockets);
    const outcomes = await floodMessages(sockets, 4);
    const elapsed = Date.now() - started;
    const accepted = outcomes.filter((f) => f.type === 'reply').length;
    expect(accepted).toBeGreaterThanOrEqual(MESSAGES.burst);
    expect(accepted).toBeLessThanOrEqual(allowance(MESSAGES.burst, MESSAGES.perMinute, elapsed));
  });

  it('records at most CLIENT_HANDOFFS_BURST handoffs plus the refill from one client on both instances', async () => {
    expect(HANDOFF_SOCKETS * HANDOFF_FLOOD_MESSAGES).toBeLessThanOrEqual(MESSAGES.burst);
    const started = Date.now();
    const sockets = await openSockets(
      apps.map((a) => a.url),
      HANDOFF_SOCKETS,
      { 'X-Forwarded-For': '203.0.113.2' },
    );
    clients.push(...sockets);
    const lasts = await floodHandoffs(sockets);
    const elapsed = Date.now() - started;
    const escalations = await apps[0]!.fastify.storage.listEscalations();
    expect(escalations.length).toBeGreaterThanOrEqual(HANDOFFS.burst);
    expect(escalations.length).toBeLessThanOrEqual(allowance(HANDOFFS.burst, HANDOFFS.perMinute, elapsed));
    expect(lasts.filter((f) => f.type === 'error')).toHaveLength(HANDOFF_SOCKETS - escalations.length);
  });

  it('holds CHAT_MAX_CONNECTIONS_PER_IP open sockets per client over both instances', async () => {
    const headers = { 'X-Forwarded-For': '203.0.113.3' };
    const urls = apps.map((a) => a.url);
    const sockets = await openSockets(urls, 6, headers);
    clients.push(...sockets);
    expect(await handshakeStatus(urls[0]!, headers)).toBe(429);
    expect(await handshakeStatus(urls[1]!, headers)).toBe(429);
    sockets[1]!.close();
    await sockets[1]!.closed();
    await waitFor(async () => (await handshakeStatus(urls[0]!, headers)) === 101, 'the freed slot');
  });
});
