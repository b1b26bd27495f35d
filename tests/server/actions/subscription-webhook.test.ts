import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SubscriptionAction } from '../../../bot/flows/flow.ts';
import {
  createSubscriptionWebhook,
  idempotencyKey,
  NO_ACTIONS,
  signBody,
} from '../../../server/actions/subscription-webhook.ts';
import { startWebhookServer, type WebhookTestServer } from '../../helpers/webhook-test-server.ts';

const SECRET = 'test-secret-0123456789';
const ACTION: SubscriptionAction = {
  id: 'message-1',
  type: 'subscription.interval_change',
  orderNumber: '12345678',
  interval: { unit: 'month', count: 2 },
};
const CONTEXT = { conversationId: 'conversation-1', locale: 'ja' as const };

describe('subscription webhook', () => {
  let server: WebhookTestServer;

  beforeAll(async () => {
    server = await startWebhookServer();
  });
  afterAll(async () => {
    await server.close();
  });

  test('posts JSON signed with HMAC-SHA256 over the raw body', async () => {
    const webhook = createSubscriptionWebhook({ url: server.url, secret: SECRET, timeoutMs: 2000 });
    await expect(webhook.execute(ACTION, CONTEXT)).resolves.toEqual({ ok: true });
    const request = server.requests.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json');
    const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(request.body).digest('hex')}`);
    const received = Buffer.from(String(request.headers['x-signature']));
    expect(received.length === expected.length && timingSafeEqual(received, expected)).toBe(true);
    expect(JSON.parse(request.body)).toEqual({
      type: 'subscription.interval_change',
      orderNumber: '12345678',
      interval: { unit: 'month', count: 2 },
      conversationId: 'conversation-1',
      locale: 'ja',
    });
  });

  test('sends the same Idempotency-Key when the same action is sent again', async () => {
    const webhook = createSubscriptionWebhook({ url: server.url, secret: SECRET, timeoutMs: 2000 });
    await webhook.execute(ACTION, CONTEXT);
    await webhook.execute(ACTION, CONTEXT);
    await webhook.execute({ ...ACTION, id: 'message-2' }, CONTEXT);
    const keys = server.requests.slice(-3).map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toBe(idempotencyKey('conversation-1', 'message-1'));
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/u);
  });

  test('reports a 500 as ACTION_ERR_STATUS with the status', async () => {
    server.plan({ status: 500 });
    const webhook = createSubscriptionWebhook({ url: server.url, secret: SECRET, timeoutMs: 2000 });
    await expect(webhook.execute(ACTION, CONTEXT)).resolves.toEqual({
      ok: false,
      code: 'ACTION_ERR_STATUS',
      status: 500,
    });
  });

  test('gives up after timeoutMs with ACTION_ERR_TIMEOUT', async () => {
    server.plan({ status: 200, delayMs: 3000 });
    const webhook = createSubscriptionWebhook({ url: server.url, secret: SECRET, timeoutMs: 200 });
    const started = Date.now();
    await expect(webhook.execute(ACTION, CONTEXT)).resolves.toEqual({
      ok: false,
      code: 'ACTION_ERR_TIMEOUT',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('reports a refused connection as ACTION_ERR_NETWORK', async () => {
    // A port that was just free: nothing listens there any more.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const webhook = createSubscriptionWebhook({
      url: `http://127.0.0.1:${port}/actions`,
      secret: SECRET,
      timeoutMs: 2000,
    });
    await expect(webhook.execute(ACTION, CONTEXT)).resolves.toEqual({
      ok: false,
      code: 'ACTION_ERR_NETWORK',
    });
  });

  test('records each call as webhook.<action type> with its outcome and duration', async () => {
    const calls: { operation: string; outcome: string; seconds: number }[] = [];
    const metrics = {
      connectorCall: (operation: string, outcome: string, seconds: number) =>
        calls.push({ operation, outcome, seconds }),
    };
    const webhook = createSubscriptionWebhook({ url: server.url, secret: SECRET, timeoutMs: 2000 }, metrics);
    await webhook.execute(ACTION, CONTEXT);
    server.plan({ status: 500 });
    await webhook.execute(ACTION, CONTEXT);
    expect(calls.map(({ operation, outcome }) => [operation, outcome])).toEqual([
      ['webhook.subscription.interval_change', 'ok'],
      ['webhook.subscription.interval_change', 'ACTION_ERR_STATUS'],
    ]);
    for (const call of calls) expect(call.seconds).toBeGreaterThan(0);
  });

  test('signBody is sha256= and the hex HMAC', () => {
    expect(signBody('key', '{}')).toBe(`sha256=${createHmac('sha256', 'key').update('{}').digest('hex')}`);
  });

  test('without a webhook every action is refused as not configured', async () => {
    await expect(NO_ACTIONS.execute(ACTION, CONTEXT)).resolves.toEqual({
      ok: false,
      code: 'ACTION_ERR_NOT_CONFIGURED',
    });
  });
});
