/**
 * SERVER_PROCESSES=2 on SQLite (the real server/main.ts): the per-client limits are counted by the
 * cluster primary, so one client's sockets spread over both workers share one allowance and one socket
 * cap. With each process counting alone, the same floods get up to twice as much through.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIFTED_CLIENT_LIMITS } from '../../helpers/client-limits-env.ts';
import { startClusterProcess } from '../../helpers/cluster-process.ts';
import {
  allowance,
  floodHandoffs,
  floodMessages,
  handshakeStatus,
  openSockets,
} from '../../helpers/flood.ts';
import type { ChatClient } from '../../helpers/test-app.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const MESSAGES = { perMinute: 1, burst: 20 };
const HANDOFFS = { perMinute: 1, burst: 2 };
const SOCKETS_PER_CLIENT = 8;

describe('per-client limits over a cluster of two worker processes', () => {
  let dir: string;
  let url: string;
  let primary: ChildProcess;
  const clients: ChatClient[] = [];

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-bot-limits-cluster-'));
    ({ url, primary } = await startClusterProcess(dir, {
      ...LIFTED_CLIENT_LIMITS,
      // Two clients from one test: each flood has its own forwarded address.
      TRUST_PROXY: '127.0.0.1',
      CLIENT_MESSAGES_PER_MINUTE: String(MESSAGES.perMinute),
      CLIENT_MESSAGES_BURST: String(MESSAGES.burst),
      CLIENT_HANDOFFS_PER_MINUTE: String(HANDOFFS.perMinute),
      CLIENT_HANDOFFS_BURST: String(HANDOFFS.burst),
      CHAT_MAX_CONNECTIONS_PER_IP: String(SOCKETS_PER_CLIENT),
    }));
  }, 150_000);
  afterAll(async () => {
    for (const client of clients) client.close();
    if (primary.exitCode === null) primary.kill('SIGTERM');
    await new Promise((resolve) => primary.once('exit', resolve));
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('accepts at most CLIENT_MESSAGES_BURST messages plus the refill from one client on both workers', async () => {
    const started = Date.now();
    const sockets = await openSockets([url], SOCKETS_PER_CLIENT, { 'X-Forwarded-For': '203.0.113.1' });
    clients.push(...sockets);
    const outcomes = await floodMessages(sockets, 6);
    const elapsed = Date.now() - started;
    const accepted = outcomes.filter((f) => f.type === 'reply').length;
    expect(accepted).toBeGreaterThanOrEqual(MESSAGES.burst);
    expect(accepted).toBeLessThanOrEqual(allowance(MESSAGES.burst, MESSAGES.perMinute, elapsed));
    const refused = outcomes.filter((f) => f.type === 'error').map((f) => f.code);
    expect(new Set(refused)).toEqual(new Set(['CHAT_ERR_CLIENT_RATE_LIMITED']));
  });

  it('records at most CLIENT_HANDOFFS_BURST handoffs plus the refill from one client on both workers', async () => {
    const started = Date.now();
    const sockets = await openSockets([url], 5, { 'X-Forwarded-For': '203.0.113.2' });
    clients.push(...sockets);
    const lasts = await floodHandoffs(sockets);
    const elapsed = Date.now() - started;
    const handedOff = lasts.filter((f) => f.type === 'reply' && f.decision === 'handoff').length;
    expect(handedOff).toBeGreaterThanOrEqual(HANDOFFS.burst);
    expect(handedOff).toBeLessThanOrEqual(allowance(HANDOFFS.burst, HANDOFFS.perMinute, elapsed));
    const refused = lasts.filter((f) => f.type === 'error').map((f) => f.code);
    expect(refused).toHaveLength(5 - handedOff);
    expect(new Set(refused)).toEqual(new Set(['CHAT_ERR_HANDOFF_RATE_LIMITED']));
  });

  it('holds CHAT_MAX_CONNECTIONS_PER_IP open sockets per client over both workers', async () => {
    const headers = { 'X-Forwarded-For': '203.0.113.3' };
    const sockets = await openSockets([url], SOCKETS_PER_CLIENT, headers);
    clients.push(...sockets);
    expect(await handshakeStatus(url, headers)).toBe(429);
    sockets[0]!.close();
    await sockets[0]!.closed();
    await waitFor(async () => (await handshakeStatus(url, headers)) === 101, 'the freed slot');
  });
});
