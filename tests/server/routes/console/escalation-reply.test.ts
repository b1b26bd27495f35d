/**
 * An operator's reply in the widget conversation (POST /escalations/:id/reply), in one process: it is a
 * staff message of the transcript, sent at once to the shopper's open chat, found unread in the history
 * of the next visit until a `seen` frame, shown in the console transcript with its author, and the
 * shopper's answer re-opens the resolved escalation.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { jst } from '../../../bot/calendar/fixtures.ts';
import { type ConsoleClient, staffClient } from '../../../helpers/console-client.ts';
import { completeHandoff } from '../../../helpers/handoff.ts';
import { type BuiltTestApp, buildTestApp, ChatClient, type Frame } from '../../../helpers/test-app.ts';

describe('an operator reply in the widget conversation', () => {
  let app: BuiltTestApp;
  let operator: ConsoleClient;
  let chat: ChatClient;
  let token: string;
  let escalationId: string;
  const now = jst('2026-12-04T10:30');

  /** A new visit: the chat resumed with the conversation's token. */
  async function resume(): Promise<{ client: ChatClient; welcome: Frame }> {
    const client = await ChatClient.inject(app.fastify);
    client.send({ type: 'hello', token });
    return { client, welcome: await client.next('welcome') };
  }

  function staffLines(welcome: Frame) {
    return (welcome.messages as { role: string; text: string; unread?: boolean; seq: number }[]).filter(
      (m) => m.role === 'staff',
    );
  }

  beforeAll(async () => {
    app = await buildTestApp({ now: () => now });
    operator = await staffClient(app.fastify, 'operator');
    chat = await ChatClient.inject(app.fastify);
    chat.send({ type: 'hello' });
    const welcome = await chat.next('welcome');
    token = String(welcome.token);
    await completeHandoff(chat, { seq: 1, email: 'hanako@example.jp' });
    const [escalation] = (await app.fastify.storage.listEscalations()).filter(
      (e) => e.conversationId === welcome.conversationId,
    );
    escalationId = escalation!.id;
  });
  afterAll(async () => {
    chat.close();
    await app.close();
  });

  test('goes to the open chat at once, as a staff message', async () => {
    const response = await operator.call('POST', `/escalations/${escalationId}/reply`, {
      text: 'お問い合わせありがとうございます。\n担当の佐藤です。',
    });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      via: 'web',
      fallback: false,
      mail: null,
      message: { role: 'staff', text: 'お問い合わせありがとうございます。\n担当の佐藤です。' },
    });
    const live = await chat.next('staff-reply');
    expect(live.message).toMatchObject({
      id: response.body.message.id,
      role: 'staff',
      text: 'お問い合わせありがとうございます。\n担当の佐藤です。',
      unread: true,
      decision: null,
      quickReplies: [],
    });
    // No mail was queued for it.
    const outbox = await app.fastify.storage.listOutbox();
    expect(outbox.filter((m) => m.subject.includes('ご返信'))).toEqual([]);
  });

  test('is in the next visit’s history, unread until the shopper has seen it', async () => {
    const first = await resume();
    const [line] = staffLines(first.welcome);
    expect(line).toMatchObject({
      text: 'お問い合わせありがとうございます。\n担当の佐藤です。',
      unread: true,
    });
    first.client.send({ type: 'seen', seq: line!.seq });
    first.client.send({ type: 'ping' });
    await first.client.next('pong');
    first.client.close();
    const second = await resume();
    expect(staffLines(second.welcome).map((m) => m.unread)).toEqual([false]);
    second.client.close();
  });

  test('shows in the console transcript with its author and when it was seen', async () => {
    const detail = await operator.call('GET', `/escalations/${escalationId}`);
    const staff = (
      detail.body.transcript as { role: string; staff?: { name: string; seenAt: string | null } }[]
    ).filter((l) => l.role === 'staff');
    expect(staff).toHaveLength(1);
    expect(staff[0]!.staff).toEqual({ name: 'operator tester', channel: 'web', seenAt: now.toISOString() });
  });

  test('a shopper answer re-opens the resolved escalation and shows after the staff line', async () => {
    expect((await operator.call('POST', `/escalations/${escalationId}/resolve`)).body.status).toBe(
      'resolved',
    );
    chat.send({ type: 'message', text: 'ありがとうございます。来週の配送でお願いします。', seq: 10 });
    await chat.next('ack');
    await chat.next('reply');
    const detail = await operator.call('GET', `/escalations/${escalationId}`);
    expect(detail.body.escalation.status).toBe('open');
    const roles = (detail.body.transcript as { role: string; text: string }[]).map((l) => l.role);
    const staffAt = roles.indexOf('staff');
    expect(detail.body.transcript[staffAt + 1]).toMatchObject({
      role: 'shopper',
      text: 'ありがとうございます。来週の配送でお願いします。',
    });
  });

  test('a resumed chat answering re-opens it too', async () => {
    expect((await operator.call('POST', `/escalations/${escalationId}/resolve`)).body.status).toBe(
      'resolved',
    );
    const visit = await resume();
    visit.client.send({ type: 'message', text: 'もう一つ質問です', seq: 20 });
    await visit.client.next('reply');
    visit.client.close();
    expect((await operator.call('GET', `/escalations/${escalationId}`)).body.escalation.status).toBe('open');
  });

  test('a reply by mail when the operator chooses it: queued, nothing in the transcript', async () => {
    const before = (
      await app.fastify.storage.listMessages(
        (await app.fastify.storage.getEscalation(escalationId))!.conversationId,
      )
    ).length;
    const response = await operator.call('POST', `/escalations/${escalationId}/reply`, {
      via: 'mail',
      text: 'メールでもご連絡します。',
    });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      via: 'mail',
      fallback: false,
      message: null,
      mail: { to: 'hanako@example.jp' },
    });
    const after = (
      await app.fastify.storage.listMessages(
        (await app.fastify.storage.getEscalation(escalationId))!.conversationId,
      )
    ).length;
    expect(after).toBe(before);
  });
});
