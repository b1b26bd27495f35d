/**
 * SERVER_PROCESSES=2 with metrics (the real server/main.ts): the primary serves METRICS_PORT with both
 * workers' metrics combined, so one scrape counts the chats of both; GET /metrics on the chat port (with
 * METRICS_TOKEN) answers with the same sum whichever worker takes it; the outbox gauges, which every worker
 * reads from the same database, are not doubled.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIFTED_CLIENT_LIMITS } from '../../helpers/client-limits-env.ts';
import { startClusterProcess } from '../../helpers/cluster-process.ts';
import { completeHandoff } from '../../helpers/handoff.ts';
import { parseSamples, sampleValue } from '../../helpers/prometheus-text.ts';
import { freePort } from '../../helpers/server-process.ts';
import { ChatClient } from '../../helpers/test-app.ts';

const TOKEN = 'cluster-metrics-token-0123456';

describe('metrics of a cluster of two worker processes', () => {
  let dir: string;
  let url: string;
  let metricsUrl: string;
  let primary: ChildProcess;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-bot-cluster-metrics-'));
    const metricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    ({ url, primary } = await startClusterProcess(dir, {
      ...LIFTED_CLIENT_LIMITS,
      METRICS_PORT: String(metricsPort),
      METRICS_TOKEN: TOKEN,
    }));
  }, 150_000);
  afterAll(async () => {
    if (primary.exitCode === null) primary.kill('SIGTERM');
    await new Promise((resolve) => primary.once('exit', resolve));
    await fs.rm(dir, { recursive: true, force: true });
  });

  const scrape = async (target = metricsUrl): Promise<string> => {
    const response = await fetch(target, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    return response.text();
  };
  const opened = (text: string) =>
    sampleValue(text, 'shopbot_chats_opened_total', { channel: 'widget' }) ?? 0;

  it('counts the chats of both workers in one scrape of the primary', async () => {
    const before = await scrape();
    // Round-robin: eight chats land on both workers.
    const clients = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const client = await ChatClient.connect(url);
        client.send({ type: 'hello' });
        await client.next('welcome');
        client.send({ type: 'message', text: '送料はいくら', seq: 1 });
        await client.next('reply');
        return client;
      }),
    );
    const during = await scrape();
    for (const client of clients) client.close();

    expect(opened(during) - opened(before)).toBe(8);
    expect(sampleValue(during, 'shopbot_chat_sockets_open')).toBe(8);
    // Each worker's default metrics were combined: two processes' CPU, one series.
    expect(parseSamples(during).filter((s) => s.name === 'process_cpu_user_seconds_total')).toHaveLength(1);
    expect(sampleValue(during, 'shopbot_model_info')).toBe(1);
  });

  it('does not double the outbox, which both workers read from one database', async () => {
    const client = await ChatClient.connect(url);
    client.send({ type: 'hello' });
    await client.next('welcome');
    await completeHandoff(client, { seq: 1, email: 'hanako@example.jp', summary: '定期便について' });
    client.close();
    const text = await scrape();
    const outbox = sampleValue(text, 'shopbot_outbox_mails', { status: 'pending' });
    // The mails of that one handoff (the staff mail, and a shopper copy if the shop sends one), once.
    expect(outbox).toBeGreaterThanOrEqual(1);
    expect(outbox).toBeLessThanOrEqual(2);
  });

  it('answers GET /metrics on the chat port with the same sum, whichever worker takes it', async () => {
    const expected = opened(await scrape());
    // Several requests: each fetch may land on either worker.
    for (let i = 0; i < 4; i += 1) expect(opened(await scrape(`${url}/metrics`))).toBe(expected);
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
  });
});
