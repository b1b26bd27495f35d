/**
 * Analytics in the console: the report over shop-time days and hours, its default and capped range, the
 * CSV downloads (BOM, formula-safe cells), and that every staff role may read it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { jst } from '../../../bot/calendar/fixtures.ts';
import { conversationAt, exchangeAt } from '../../../helpers/chat-rows.ts';
import { type ConsoleClient, staffClient } from '../../../helpers/console-client.ts';
import { type BuiltTestApp, buildTestApp } from '../../../helpers/test-app.ts';

describe('console analytics', () => {
  let app: BuiltTestApp;
  let operator: ConsoleClient;
  const now = jst('2026-11-24T12:00');

  beforeAll(async () => {
    app = await buildTestApp({ now: () => now });
    operator = await staffClient(app.fastify, 'operator');
    const night = new Date('2026-11-23T15:30:00Z'); // 00:30 on 11-24 in Tokyo
    const c1 = await conversationAt(app.fastify, night);
    await exchangeAt(app.fastify, c1, '送料はいくら', {
      at: night,
      decision: 'answer',
      intent: 'shipping.fee',
    });
    await exchangeAt(app.fastify, c1, '=HYPERLINK("http://evil.example","x")', {
      at: night,
      decision: 'none',
    });
    const noon = jst('2026-11-24T11:00');
    const c2 = await conversationAt(app.fastify, noon, 'en');
    await exchangeAt(app.fastify, c2, 'shipping cost', {
      at: noon,
      decision: 'answer',
      intent: 'shipping.fee',
      locale: 'en',
    });
    // Outside the default 30 days (2026-10-26 … 2026-11-24).
    const old = jst('2026-10-25T12:00');
    const c3 = await conversationAt(app.fastify, old);
    await exchangeAt(app.fastify, c3, '古い質問', { at: old, decision: 'none' });
  });
  afterAll(async () => app.close());

  test('reports the last 30 days by default, bucketed by Tokyo day and hour', async () => {
    const response = await operator.call('GET', '/analytics');
    expect(response.status).toBe(200);
    const report = response.body;
    expect(report).toMatchObject({ from: '2026-10-26', to: '2026-11-24' });
    expect(report.days).toHaveLength(30);
    expect(report.totals).toMatchObject({ conversations: 2, messages: 3, answered: 2, unanswered: 1 });
    expect(report.totals.answerRate).toBeCloseTo(2 / 3);
    const day = (key: string) => report.days.find((d: { key: string }) => d.key === key);
    expect(day('2026-11-23').messages).toBe(0);
    expect(day('2026-11-24').messages).toBe(3);
    const hour = (key: string) => report.hours.find((h: { key: string }) => h.key === key);
    expect(hour('00').messages).toBe(2);
    expect(hour('11').messages).toBe(1);
    expect(report.topIntents).toEqual([{ intent: 'shipping.fee', count: 2 }]);
  });

  test('reports an explicit range and one locale', async () => {
    const older = await operator.call('GET', '/analytics?from=2026-10-25&to=2026-10-25');
    expect(older.body.totals.messages).toBe(1);
    expect(older.body.topUnanswered).toEqual([{ text: '古い質問', count: 1 }]);
    const english = await operator.call('GET', '/analytics?locale=en');
    expect(english.body.totals).toMatchObject({ conversations: 1, messages: 1 });
  });

  test('refuses a range over 366 days and a reversed one with a clear 400', async () => {
    const long = await operator.call('GET', '/analytics?from=2025-01-01&to=2026-11-24');
    expect(long.status).toBe(400);
    expect(long.body.code).toBe('CONSOLE_ERR_RANGE_TOO_LONG');
    expect(long.body.message).toContain('366');
    const reversed = await operator.call('GET', '/analytics?from=2026-11-24&to=2026-11-01');
    expect(reversed.body.code).toBe('CONSOLE_ERR_BAD_RANGE');
  });

  test('downloads a table as CSV with a BOM and shopper text that cannot run as a formula', async () => {
    const response = await operator.call('GET', '/analytics.csv?report=unanswered');
    expect(response.status).toBe(200);
    expect(String(response.headers['content-type'])).toBe('text/csv; charset=utf-8');
    expect(String(response.headers['content-disposition'])).toContain(
      'analytics-unanswered-2026-10-26-2026-11-24.csv',
    );
    expect(response.body).toBe(`\uFEFFtext,count\r\n"'=HYPERLINK(""http://evil.example"",""x"")",1\r\n`);
  });

  test('downloads the hours table with one row per hour', async () => {
    const response = await operator.call('GET', '/analytics.csv?report=hours&from=2026-11-24&to=2026-11-24');
    const lines = String(response.body).trimEnd().split('\r\n');
    expect(lines).toHaveLength(25);
    expect(lines[1]).toBe('00,1,2,1,0,1,0,0.5,0');
  });

  test('refuses an unknown CSV table', async () => {
    const response = await operator.call('GET', '/analytics.csv?report=passwords');
    expect(response.status).toBe(400);
  });

  test('is open to editors and admins too, not to anonymous callers', async () => {
    const editor = await staffClient(app.fastify, 'editor');
    expect((await editor.call('GET', '/analytics')).status).toBe(200);
    const anonymous = await app.fastify.inject({ method: 'GET', url: '/api/console/analytics' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('console analytics by channel', () => {
  let app: BuiltTestApp;
  let operator: ConsoleClient;
  const now = jst('2026-11-24T12:00');

  beforeAll(async () => {
    app = await buildTestApp({ now: () => now });
    operator = await staffClient(app.fastify, 'operator');
    const at = jst('2026-11-24T10:00');
    const web = await conversationAt(app.fastify, at);
    await exchangeAt(app.fastify, web, '送料はいくら', { at, decision: 'answer', intent: 'shipping.fee' });
    const line = await app.fastify.storage.createConversation({
      id: '5b0a4c1e-7d1f-4c39-9a51-0d6f3e2b8c11',
      tokenHash: 'line-conversation',
      locale: 'ja',
      channel: 'line',
      createdAt: at,
    });
    await exchangeAt(app.fastify, line.id, '定期便の周期を変えたい', {
      at,
      decision: 'answer',
      intent: 'subscription.interval_change',
    });
    await exchangeAt(app.fastify, line.id, '猫が好き', { at, decision: 'none' });
  });
  afterAll(async () => app.close());

  test('counts both channels by default and one when asked', async () => {
    const both = await operator.call('GET', '/analytics');
    expect(both.body.totals).toMatchObject({ conversations: 2, messages: 3 });
    const line = await operator.call('GET', '/analytics?channel=line');
    expect(line.body.totals).toMatchObject({ conversations: 1, messages: 2, answered: 1, unanswered: 1 });
    expect(line.body.topIntents).toEqual([{ intent: 'subscription.interval_change', count: 1 }]);
    const web = await operator.call('GET', '/analytics?channel=web');
    expect(web.body.totals).toMatchObject({ conversations: 1, messages: 1 });
    expect((await operator.call('GET', '/analytics?channel=fax')).status).toBe(400);
  });
});
