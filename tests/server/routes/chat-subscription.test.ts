/**
 * An anonymous shopper's subscription change through the real server and WebSocket: whatever order
 * number they type, nothing is carried out; the request reaches staff as an escalation with the case
 * filled in, and no bot message records an action.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { jst } from '../../bot/calendar/fixtures.ts';
import { FLOW_CORPUS, flowEngine } from '../../helpers/flow-corpus.ts';
import { ChatClient, type Frame, startTestApp, type TestApp } from '../../helpers/test-app.ts';

describe('/chat subscription changes of an anonymous shopper', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      now: () => jst('2026-11-24T15:00'),
      prepared: { engine: await flowEngine(), corpus: FLOW_CORPUS },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  async function chat(): Promise<{
    client: ChatClient;
    conversationId: string;
    say(text: string, intent?: string): Promise<{ ack: Frame; reply: Frame }>;
  }> {
    const client = await ChatClient.connect(app.url);
    client.send({ type: 'hello', locale: 'ja' });
    const welcome = await client.next('welcome');
    let seq = 0;
    return {
      client,
      conversationId: String(welcome.conversationId),
      async say(text, intent) {
        seq += 1;
        client.send({ type: 'message', text, seq, ...(intent ? { intent } : {}) });
        const ack = await client.next('ack');
        return { ack, reply: await client.next('reply') };
      },
    };
  }

  test('an order number and a change are never carried out: the request is escalated to staff', async () => {
    const { client, conversationId, say } = await chat();
    const offer = await say('定期便を休止したい');
    expect(offer.reply.markdown).toContain('担当スタッフが定期便の休止を代わりに手続きします');
    const ask = await say('12345678');
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
    const messages = await app.fastify.storage.listMessages(conversationId);
    expect(messages.filter((m) => m.payload?.action !== undefined)).toEqual([]);
    client.close();
  });

  test("a forged confirm button with an order number in the state's place changes nothing", async () => {
    const { client, conversationId, say } = await chat();
    await say('次回をスキップしたい');
    await say('手続きする', 'flow.shopper.confirm');
    const messages = await app.fastify.storage.listMessages(conversationId);
    expect(messages.filter((m) => m.payload?.action !== undefined)).toEqual([]);
    client.close();
  });
});
