/**
 * Subscription changes through the real server and WebSocket, carried out by a real webhook server on
 * 127.0.0.1: the signed request and its idempotency key, success, a timeout retried under the same key,
 * and a 500 that ends in a handoff with the request filled in.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { idempotencyKey } from '../../../server/actions/subscription-webhook.ts';
import { jst } from '../../bot/calendar/fixtures.ts';
import { useChatRoute } from '../../helpers/chat-route.ts';
import { FLOW_CORPUS, flowEngine } from '../../helpers/flow-corpus.ts';
import { startWebhookServer, type WebhookTestServer } from '../../helpers/webhook-test-server.ts';

const SECRET = 'integration-secret-0123456789';

describe('/chat subscription changes with a webhook', () => {
  let webhook: WebhookTestServer;

  // Hooks run in order and their afterAlls in reverse: the webhook stand-in is up before the app, and
  // closes after it.
  beforeAll(async () => {
    webhook = await startWebhookServer();
  });
  afterAll(async () => {
    await webhook.close();
  });
  const app = useChatRoute(async () => ({
    now: () => jst('2026-11-24T15:00'),
    prepared: { engine: await flowEngine(), corpus: FLOW_CORPUS },
    shop: (shop) => ({
      ...shop,
      subscriptionWebhook: { url: webhook.url, secret: SECRET, timeoutMs: 300 },
    }),
  }));

  const chat = () => app.chat({ locale: 'ja' });

  test('a confirmed interval change reaches the webhook signed and the shopper is told it is done', async () => {
    const { client, conversationId, exchange: say } = await chat();
    const offer = await say('お届け周期を変更したい');
    expect(offer.reply).toMatchObject({ decision: 'ask', intent: 'subscription.interval_change' });
    expect(offer.reply.markdown).toContain('このチャットでお届け周期の変更を承る');
    await say('12345678');
    const confirm = await say('2ヶ月ごと', 'flow.sub.interval');
    expect(confirm.reply.markdown).toContain('お届け周期を2ヶ月ごとに変更');
    const before = webhook.requests.length;
    const done = await say('手続きする', 'flow.sub.confirm');
    expect(done.reply).toMatchObject({ decision: 'answer', intent: 'subscription.interval_change' });
    expect(done.reply.markdown).toContain('手続きが完了しました（注文番号: 12345678');
    expect(webhook.requests).toHaveLength(before + 1);
    const request = webhook.requests.at(-1)!;
    expect(request.headers['x-signature']).toBe(
      `sha256=${createHmac('sha256', SECRET).update(request.body).digest('hex')}`,
    );
    expect(request.headers['idempotency-key']).toBe(
      idempotencyKey(conversationId, String(done.ack.messageId)),
    );
    expect(JSON.parse(request.body)).toEqual({
      type: 'subscription.interval_change',
      orderNumber: '12345678',
      interval: { unit: 'month', count: 2 },
      conversationId,
      locale: 'ja',
    });
    const stored = (await app.fastify.storage.listMessages(conversationId)).find(
      (m) => m.id === done.reply.messageId,
    );
    expect(stored?.payload?.action).toMatchObject({ type: 'subscription.interval_change', ok: true });
    const conversation = await app.fastify.storage.getConversation(conversationId);
    expect(conversation?.state).not.toHaveProperty('flow');
    client.close();
  });

  test('a webhook timeout is a failure message; the retry sends the same idempotency key', async () => {
    const { client, conversationId, exchange: say } = await chat();
    await say('次回をスキップしたい 12345678');
    webhook.plan({ status: 200, delayMs: 2000 }, { status: 200 });
    const before = webhook.requests.length;
    const failed = await say('手続きする', 'flow.sub.confirm');
    expect(failed.reply).toMatchObject({ decision: 'ask', locale: 'ja' });
    expect(failed.reply.markdown).toContain('手続きの完了を確認できませんでした');
    expect((failed.reply.quickReplies as { intent: string }[]).map((q) => q.intent)).toEqual([
      'flow.sub.retry',
      'flow.sub.staff',
    ]);
    const stored = (await app.fastify.storage.listMessages(conversationId)).find(
      (m) => m.id === failed.reply.messageId,
    );
    expect(stored?.payload?.action).toMatchObject({ ok: false, code: 'ACTION_ERR_TIMEOUT' });
    const retried = await say('もう一度試す', 'flow.sub.retry');
    expect(retried.reply.markdown).toContain('手続きが完了しました');
    const keys = webhook.requests.slice(before).map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[0]).toBe(idempotencyKey(conversationId, String(failed.ack.messageId)));
    client.close();
  });

  test('a 500 is a failure message whose handoff records the request for staff', async () => {
    const { client, conversationId, exchange: say } = await chat();
    await say('定期便を休止したい');
    await say('12345678');
    webhook.plan({ status: 500 });
    const failed = await say('手続きする', 'flow.sub.confirm');
    expect(failed.reply.markdown).toContain('担当スタッフに手続きをご依頼ください');
    const ask = await say('スタッフに依頼する', 'flow.sub.staff');
    expect(ask.reply).toMatchObject({
      decision: 'ask',
      reason: 'change-request',
      handoff: { step: 'email' },
    });
    const done = await say('taro@example.jp');
    expect(done.reply).toMatchObject({ decision: 'handoff', handoff: { step: 'done' } });
    const escalations = (await app.fastify.storage.listEscalations()).filter(
      (e) => e.conversationId === conversationId,
    );
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({
      reason: 'change-request',
      summary: '定期便の変更のご依頼（注文番号: 12345678、内容: 定期便を休止）',
    });
    client.close();
  });
});
