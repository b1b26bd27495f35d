/**
 * Metrics end to end on the real app: a chat exchange and a handoff over a real socket move the counters
 * scraped from the metrics port; the token guards both the metrics port and GET /metrics on the chat
 * port; without METRICS_TOKEN the chat port serves no metrics, and without any metrics setting the
 * instruments are the no-op ones and nothing is served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_INSTRUMENTS } from '../../../server/metrics/instruments.ts';
import { completeHandoff } from '../../helpers/handoff.ts';
import { sampleValue } from '../../helpers/prometheus-text.ts';
import { freePort } from '../../helpers/server-process.ts';
import { buildTestApp, ChatClient, startTestApp, type TestApp } from '../../helpers/test-app.ts';

const TOKEN = 'metrics-token-for-tests-0123';

describe('metrics on a separate port and behind a token', () => {
  let app: TestApp;
  let metricsUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
    app = await startTestApp({ env: { METRICS_PORT: String(port), METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await app.close();
  });

  const scrape = async (): Promise<string> => {
    const response = await fetch(metricsUrl, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };

  it('counts a chat, its answer, the prediction, the commit and the open socket', async () => {
    const before = await scrape();
    const opened = (text: string) => sampleValue(text, 'shopbot_chats_opened_total', { channel: 'widget' });
    const answered = (text: string) =>
      sampleValue(text, 'shopbot_chat_messages_total', { channel: 'widget', decision: 'answer' });
    const predictions = (text: string) => sampleValue(text, 'shopbot_nlu_prediction_seconds_count');
    const commits = (text: string) =>
      sampleValue(text, 'shopbot_storage_commit_seconds_count', { operation: 'exchange' });

    const client = await ChatClient.connect(app.url);
    client.send({ type: 'hello' });
    await client.next('welcome');
    client.send({ type: 'message', text: '送料はいくらですか', seq: 1 });
    await client.next('ack');
    const reply = await client.next('reply');
    expect(reply.decision).toBe('answer');
    const during = await scrape();
    client.close();

    expect(opened(during)).toBe((opened(before) ?? 0) + 1);
    expect(answered(during)).toBe((answered(before) ?? 0) + 1);
    expect(predictions(during)).toBe((predictions(before) ?? 0) + 1);
    expect(commits(during)).toBe((commits(before) ?? 0) + 1);
    expect(sampleValue(during, 'shopbot_chat_sockets_open')).toBe(1);
    // The test app's prepared engine has no stored version.
    expect(sampleValue(during, 'shopbot_model_info', { version: 'none' })).toBe(1);
    expect(sampleValue(during, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(during, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('shows a handoff and its waiting mail (no SMTP: it stays pending)', async () => {
    const client = await ChatClient.connect(app.url);
    client.send({ type: 'hello' });
    await client.next('welcome');
    await completeHandoff(client, { seq: 1, email: 'hanako@example.jp', summary: '定期便について' });
    client.close();
    const text = await scrape();
    expect(sampleValue(text, 'shopbot_chat_messages_total', { decision: 'handoff' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(sampleValue(text, 'shopbot_outbox_mails', { status: 'pending' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(text, 'shopbot_outbox_mails', { status: 'failed' })).toBe(0);
    expect(sampleValue(text, 'shopbot_outbox_oldest_unsent_age_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('counts error frames by code', async () => {
    const client = await ChatClient.connect(app.url);
    client.send('{not json');
    expect((await client.next('error')).code).toBe('CHAT_ERR_MALFORMED_JSON');
    client.close();
    expect(
      sampleValue(await scrape(), 'shopbot_chat_errors_total', { code: 'CHAT_ERR_MALFORMED_JSON' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('refuses the metrics port without the token or with a wrong one', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-wrong-token' },
      { authorization: TOKEN },
    ];
    for (const headers of attempts) {
      const response = await fetch(metricsUrl, { headers });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { code: string }).code).toBe('METRICS_ERR_UNAUTHORIZED');
    }
  });

  it('serves /metrics on the chat port to the bearer token only', async () => {
    const refused = await fetch(`${app.url}/metrics`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('Bearer');
    const wrong = await fetch(`${app.url}/metrics`, {
      headers: { authorization: 'Bearer nope-nope-nope-nope' },
    });
    expect(wrong.status).toBe(401);
    const allowed = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('shopbot_chats_opened_total');
  });

  it('answers 404 on the metrics port for anything but GET /metrics', async () => {
    const response = await fetch(metricsUrl.replace('/metrics', '/'), {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(404);
  });
});

describe('metrics without a token', () => {
  it('serves the metrics port without asking, and nothing on the chat port', async () => {
    const port = await freePort();
    const app = await startTestApp({ env: { METRICS_PORT: String(port) } });
    try {
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('shopbot_chat_messages_total');
      const onChatPort = await fetch(`${app.url}/metrics`);
      expect(onChatPort.status).toBe(404);
    } finally {
      await app.close();
    }
  });
});

describe('metrics on the chat port only (METRICS_TOKEN, no METRICS_PORT)', () => {
  it('slows down token guessing: a client gets 429 after 60 requests a minute', async () => {
    const app = await buildTestApp({ env: { METRICS_TOKEN: TOKEN } });
    try {
      const guess = (i: number) =>
        app.fastify.inject({
          method: 'GET',
          url: '/metrics',
          headers: { authorization: `Bearer guess-${i}-0123456789` },
        });
      const statuses: number[] = [];
      for (let i = 0; i < 61; i += 1) statuses.push((await guess(i)).statusCode);
      expect(statuses.slice(0, 60).every((status) => status === 401)).toBe(true);
      expect(statuses[60]).toBe(429);
    } finally {
      await app.close();
    }
  });
});

describe('metrics off (no METRICS_PORT, no METRICS_TOKEN)', () => {
  it('uses the no-op instruments and serves no /metrics', async () => {
    const app = await buildTestApp();
    try {
      expect(app.fastify.metrics).toBe(NO_INSTRUMENTS);
      const response = await app.fastify.inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
