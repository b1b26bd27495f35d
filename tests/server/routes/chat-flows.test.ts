/**
 * The dialogue flows through the real server and WebSocket: cancellation (outcome stored with the bot
 * message), shipping date (fixed clock), defect intake (escalation recorded with the case), sizing (the
 * demo shop's size table), subscription changes without a webhook (handed to staff).
 */
import { describe, expect, test } from 'vitest';
import { jst } from '../../bot/calendar/fixtures.ts';
import { useChatRoute } from '../../helpers/chat-route.ts';
import { staffClient } from '../../helpers/console-client.ts';
import { FLOW_CORPUS, flowEngine } from '../../helpers/flow-corpus.ts';

describe('/chat flows', () => {
  const app = useChatRoute(async () => ({
    now: () => jst('2026-11-24T15:00'),
    prepared: { engine: await flowEngine(), corpus: FLOW_CORPUS },
  }));

  const chat = () => app.chat({ locale: 'ja' });

  test('a cancellation retained by an interval change stores the outcome with the bot message', async () => {
    const { client, conversationId, say } = await chat();
    const ask = await say('定期便を解約したい');
    expect(ask).toMatchObject({ decision: 'ask', intent: 'subscription.cancel' });
    expect((ask.quickReplies as { intent: string }[]).map((q) => q.intent)).toContain(
      'flow.cancel.reason.surplus',
    );
    const offer = await say('使い切れない・余っている', 'flow.cancel.reason.surplus');
    expect(offer.markdown).toContain('お届け周期を延ばす');
    const done = await say('周期を変える', 'flow.cancel.accept');
    expect(done.decision).toBe('answer');
    const messages = await app.fastify.storage.listMessages(conversationId);
    const stored = messages.find((m) => m.id === done.messageId);
    expect(stored?.payload?.outcome).toEqual({
      flow: 'cancellation',
      result: 'retained',
      reason: 'surplus',
      alternative: 'interval',
    });
    const conversation = await app.fastify.storage.getConversation(conversationId);
    expect(conversation?.state).not.toHaveProperty('flow');
    client.close();
  });

  test('the shipping date is computed from the server clock and the shop config', async () => {
    const { client, say } = await chat();
    const ask = await say('いつ届きますか');
    expect(ask).toMatchObject({ decision: 'ask' });
    expect(ask.markdown).toContain('11月25日(水)に発送します');
    const answer = await say('東京都', 'flow.ship.prefecture');
    expect(answer.markdown).toContain(
      '今ご注文いただくと11月25日(水)に発送、東京都へは11月26日(木)お届け予定です',
    );
    client.close();
  });

  test('sizing recommends from the shop config size table and names the exchange window', async () => {
    const { client, conversationId, say } = await chat();
    const ask = await say('どのサイズを買えばいい');
    expect(ask).toMatchObject({ decision: 'ask', intent: 'sizing.guide' });
    expect((ask.quickReplies as { text: string }[]).map((q) => q.text)).toEqual(['S', 'M', 'L']);
    const foot = await say('24.5cm');
    expect(foot).toMatchObject({ decision: 'ask', locale: 'ja' });
    expect((foot.quickReplies as { intent: string }[]).map((q) => q.intent)).toEqual([
      'flow.sizing.foot.high',
      'flow.sizing.foot.wide',
      'flow.sizing.foot.normal',
    ]);
    const answer = await say('甲高', 'flow.sizing.foot.high');
    expect(answer.decision).toBe('answer');
    expect(answer.markdown).toContain('普段より0.5cm大きい**25.0cm**がおすすめです');
    expect(answer.markdown).toContain('商品到着から8日以内・未着用であれば');
    const conversation = await app.fastify.storage.getConversation(conversationId);
    expect(conversation?.state).not.toHaveProperty('flow');
    client.close();
  });

  test('without a webhook a subscription change is recorded as a request for staff', async () => {
    const { client, conversationId, say } = await chat();
    const offer = await say('次回をスキップしたい');
    expect(offer).toMatchObject({ decision: 'ask', intent: 'subscription.skip' });
    expect(offer.markdown).toContain('担当スタッフが次回のスキップを代わりに手続きします');
    const ask = await say('12345678');
    expect(ask).toMatchObject({ decision: 'ask', reason: 'change-request', handoff: { step: 'email' } });
    await say('hanako@example.jp');
    const escalations = (await app.fastify.storage.listEscalations()).filter(
      (e) => e.conversationId === conversationId,
    );
    expect(escalations[0]).toMatchObject({
      reason: 'change-request',
      summary: '定期便の変更のご依頼（注文番号: 12345678、内容: 次回のお届けをスキップ）',
    });
    client.close();
  });

  test('a defect report becomes a recorded escalation with the case as its summary', async () => {
    const { client, conversationId, say } = await chat();
    await say('商品が壊れていた');
    await say('20261124');
    const promise = await say('破損・汚れがあった', 'flow.defect.problem.damaged');
    expect(promise).toMatchObject({ decision: 'ask', reason: 'defect-report', handoff: { step: 'email' } });
    expect(promise.markdown).not.toContain('交換品を先にお送りします');
    const done = await say('hanako@example.jp');
    expect(done.markdown).toContain('交換品を先にお送りします');
    expect(done).toMatchObject({ decision: 'handoff', reason: 'defect-report', handoff: { step: 'done' } });
    const escalations = (await app.fastify.storage.listEscalations()).filter(
      (e) => e.conversationId === conversationId,
    );
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({
      reason: 'defect-report',
      email: 'hanako@example.jp',
      summary: '不良品・誤配送のご連絡（注文番号: 20261124、内容: 破損・汚れがあった）',
    });
    client.close();
  });

  test("an answer the shopper's next line disputes reaches the console's unanswered queue with that line", async () => {
    const { client, say } = await chat();
    const answer = await say('送料はいくら');
    expect(answer).toMatchObject({ decision: 'answer', intent: 'shipping.fee' });
    await say('そうじゃなくて、まだ届かないんです');
    const editor = await staffClient(app.fastify, 'editor', 'flows-editor@shop.test');
    const response = await editor.call('GET', '/unanswered?locale=ja');
    expect(response.status).toBe(200);
    const messages = (response.body.groups as { messages: Record<string, unknown>[] }[]).flatMap(
      (g) => g.messages,
    );
    expect(messages.find((m) => m.text === '送料はいくら')).toMatchObject({
      reason: 'disputed',
      intent: 'shipping.fee',
      signal: 'negation',
      followUp: 'そうじゃなくて、まだ届かないんです',
    });
    client.close();
  });
});
