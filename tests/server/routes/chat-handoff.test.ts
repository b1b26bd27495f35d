/**
 * The handoff over the chat socket: the `ask` steps, validation of the address, the escalation and its
 * mail committed before the last reply, the reply-time promise, retries and resumption.
 */
import { describe, expect, test } from 'vitest';
import { jst } from '../../bot/calendar/fixtures.ts';
import { useChatRoute } from '../../helpers/chat-route.ts';
import { completeHandoff } from '../../helpers/handoff.ts';

describe('/chat handoff', () => {
  let now = jst('2026-11-24T15:00');
  // No SMTP_URL: mail stays in the outbox, where these tests look for it.
  const app = useChatRoute({ now: () => now });

  const chat = () => app.chat();

  async function escalationsOf(conversationId: string) {
    return (await app.fastify.storage.listEscalations()).filter((e) => e.conversationId === conversationId);
  }

  test('asks for the email, then the summary, and records the escalation and its mail before the reply', async () => {
    now = jst('2026-11-24T15:00');
    const { client, conversationId } = await chat();
    const { askEmail, askSummary, done } = await completeHandoff(client, {
      seq: 1,
      email: 'hanako@example.jp',
      summary: '定期便を解約したい',
    });
    expect(askEmail).toMatchObject({ decision: 'ask', reason: 'user-requested', handoff: { step: 'email' } });
    expect(askEmail.quickReplies).toEqual([{ label: 'やめる', text: 'やめる', intent: 'handoff.cancel' }]);
    expect(askSummary).toMatchObject({
      decision: 'ask',
      handoff: { step: 'summary', email: 'hanako@example.jp' },
    });
    expect(done).toMatchObject({
      decision: 'handoff',
      reason: 'user-requested',
      intent: 'human_agent',
      handoff: { step: 'done', email: 'hanako@example.jp', open: true, nextOpening: null },
    });
    expect(done.markdown).toContain('2時間以内を目安にご返信します。');
    // Already committed when the reply arrived.
    const [escalation] = await escalationsOf(conversationId);
    expect(escalation).toMatchObject({
      reason: 'user-requested',
      email: 'hanako@example.jp',
      summary: '定期便を解約したい',
    });
    expect(done.markdown).toContain(`受付番号: ${(done.handoff as { ticket: string }).ticket}`);
    const mails = (await app.fastify.storage.listOutbox()).filter((m) => m.escalationId === escalation!.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      status: 'pending',
      to: 'support@shop.example',
      replyTo: 'hanako@example.jp',
    });
    expect((await app.fastify.storage.getConversation(conversationId))?.email).toBe('hanako@example.jp');
    client.close();
  });

  test('rejects a header-injection attempt in the email field with a clear message', async () => {
    const { client, conversationId } = await chat();
    client.send({ type: 'message', text: '人と話したい', seq: 1 });
    await client.next('reply');
    client.send({ type: 'message', text: 'a@b.example\r\nBcc: everyone@example.com', seq: 2 });
    const refused = await client.next('reply');
    expect(refused).toMatchObject({ decision: 'ask', handoff: { step: 'email' } });
    expect(refused.markdown).toBe(
      'メールアドレスに改行や制御文字は使えません。アドレスだけを1行で入力してください（例: taro@example.jp）。',
    );
    client.send({ type: 'message', text: 'a@b.example>,everyone@example.com', seq: 3 });
    expect((await client.next('reply')).markdown).toContain('記号は使えません');
    expect(await escalationsOf(conversationId)).toEqual([]);
    client.close();
  });

  test.each([
    {
      when: 'on a Saturday',
      at: '2026-11-28T11:00',
      promise: 'ただいま営業時間外のため、11月30日(月) 10:00以降にご返信します。',
      next: '2026-11-30T01:00:00.000Z',
    },
    {
      when: 'during 年末年始',
      at: '2026-12-31T09:00',
      promise: 'ただいま営業時間外のため、1月4日(月) 10:00以降にご返信します。',
      next: '2027-01-04T01:00:00.000Z',
    },
  ])('when closed $when, the last reply names the next opening', async ({ at, promise, next }) => {
    now = jst(at);
    const { client } = await chat();
    const { done } = await completeHandoff(client, { seq: 1, email: 'taro@example.jp' });
    expect(done.markdown).toContain(promise);
    expect(done.handoff).toMatchObject({ open: false, nextOpening: next });
    client.close();
  });

  test('a retried last message records one escalation and gets the same reply', async () => {
    now = jst('2026-11-24T15:00');
    const { client, conversationId } = await chat();
    const { done } = await completeHandoff(client, { seq: 1, email: 'taro@example.jp' });
    client.send({ type: 'message', text: 'スキップ', seq: 3, intent: 'handoff.skip' });
    expect(await client.next('ack')).toMatchObject({ duplicate: true });
    expect(await client.next('reply')).toEqual(done);
    expect(await escalationsOf(conversationId)).toHaveLength(1);
    client.close();
  });

  test('a shopper who handed off before keeps their address and is only asked for a summary', async () => {
    const { client, conversationId } = await chat();
    await completeHandoff(client, { seq: 1, email: 'taro@example.jp' });
    client.send({ type: 'message', text: 'オペレーターにつないで', seq: 4 });
    const ask = await client.next('reply');
    expect(ask).toMatchObject({ decision: 'ask', handoff: { step: 'summary', email: 'taro@example.jp' } });
    client.send({ type: 'message', text: '別件です', seq: 5 });
    expect(await client.next('reply')).toMatchObject({ decision: 'handoff' });
    expect(await escalationsOf(conversationId)).toHaveLength(2);
    client.close();
  });

  test('a resumed conversation carries the handoff facts in its history', async () => {
    const { client } = await chat();
    client.send({ type: 'message', text: '人と話したい', seq: 1 });
    const welcomeToken = await (async () => {
      const first = client.frames.find((f) => f.type === 'welcome');
      return first?.token;
    })();
    await client.next('reply');
    client.close();
    const again = await app.open();
    again.send({ type: 'hello', token: welcomeToken });
    const resumed = await again.next('welcome');
    const history = resumed.messages as { role: string; decision: string | null; handoff?: unknown }[];
    expect(history.at(-1)).toMatchObject({ role: 'bot', decision: 'ask', handoff: { step: 'email' } });
    // The dialogue goes on where it was.
    again.send({ type: 'message', text: 'taro@example.jp', seq: 2 });
    expect(await again.next('reply')).toMatchObject({ decision: 'ask', handoff: { step: 'summary' } });
    again.close();
  });

  test('Cancel ends the dialogue without an escalation', async () => {
    const { client, conversationId } = await chat();
    client.send({ type: 'message', text: '人と話したい', seq: 1 });
    await client.next('reply');
    client.send({ type: 'message', text: 'やめる', seq: 2, intent: 'handoff.cancel' });
    const reply = await client.next('reply');
    expect(reply).toMatchObject({ decision: 'answer', intent: null });
    expect(reply.handoff).toBeUndefined();
    expect(await escalationsOf(conversationId)).toEqual([]);
    client.close();
  });

  test('a question typed in the email step is answered and the reply still asks for the address', async () => {
    const { client, conversationId } = await chat();
    client.send({ type: 'message', text: '人と話したい', seq: 1 });
    await client.next('reply');
    client.send({ type: 'message', text: '送料はいくら', seq: 2 });
    const answer = await client.next('reply');
    expect(answer).toMatchObject({ decision: 'answer', intent: 'shipping.fee', handoff: { step: 'email' } });
    expect(answer.markdown).toContain('送料は');
    client.send({ type: 'message', text: 'hanako@example.jp', seq: 3 });
    expect(await client.next('reply')).toMatchObject({ decision: 'ask', handoff: { step: 'summary' } });
    // The history tells a resuming client the same: the form belongs under the answer.
    const history = await app.fastify.storage.listMessages(conversationId);
    expect(history.find((m) => m.intent === 'shipping.fee')?.payload?.handoff).toEqual({ step: 'email' });
    client.close();
  });

  test('typing やめる in the email step ends the dialogue without an escalation', async () => {
    const { client, conversationId } = await chat();
    client.send({ type: 'message', text: '人と話したい', seq: 1 });
    await client.next('reply');
    client.send({ type: 'message', text: 'やめる', seq: 2 });
    const reply = await client.next('reply');
    expect(reply).toMatchObject({ decision: 'answer', intent: null });
    expect(reply.handoff).toBeUndefined();
    expect(await escalationsOf(conversationId)).toEqual([]);
    client.close();
  });

  test('without SMTP_URL the mail stays in the outbox and no relay runs', async () => {
    expect(app.fastify.mailRelay).toBeUndefined();
    const pending = await app.fastify.storage.listOutbox({ status: 'pending' });
    expect(pending.length).toBeGreaterThan(0);
    expect(await app.fastify.storage.listOutbox({ status: 'sent' })).toEqual([]);
  });
});
