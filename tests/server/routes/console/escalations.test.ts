/**
 * Escalations and the outbox in the console, over a real handoff driven through the chat socket: the
 * list and its filters (shop-time days), the transcript with the bot's decisions, mails, notes, resolve
 * and reopen, a reply to the shopper queued in the outbox (by mail; replies in the chat:
 * escalation-reply.test.ts), and who may do what.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { jst } from '../../../bot/calendar/fixtures.ts';
import { type ConsoleClient, staffClient } from '../../../helpers/console-client.ts';
import { completeHandoff } from '../../../helpers/handoff.ts';
import { type BuiltTestApp, buildTestApp, ChatClient } from '../../../helpers/test-app.ts';

describe('console escalations', () => {
  let app: BuiltTestApp;
  let operator: ConsoleClient;
  let escalationId: string;
  let conversationId: string;
  // 2026-11-24 00:30 in Tokyo is 2026-11-23 15:30 UTC: the escalation belongs to the 24th.
  const now = jst('2026-11-24T00:30');

  beforeAll(async () => {
    app = await buildTestApp({ now: () => now });
    operator = await staffClient(app.fastify, 'operator');
    const client = await ChatClient.inject(app.fastify);
    client.send({ type: 'hello' });
    conversationId = String((await client.next('welcome')).conversationId);
    client.send({ type: 'message', text: '送料はいくら', seq: 1 });
    await client.next('reply');
    await completeHandoff(client, { seq: 2, email: 'hanako@example.jp', summary: '<b>至急</b>' });
    client.close();
    const [escalation] = (await app.fastify.storage.listEscalations()).filter(
      (e) => e.conversationId === conversationId,
    );
    escalationId = escalation!.id;
  });
  afterAll(async () => app.close());

  test('lists the escalation, newest first, filtered by status and shop-time day', async () => {
    const all = await operator.call('GET', '/escalations');
    expect(all.status).toBe(200);
    expect(all.body.escalations[0]).toMatchObject({
      id: escalationId,
      conversationId,
      status: 'open',
      reason: 'user-requested',
      email: 'hanako@example.jp',
      // An anonymous chat: no verified customer, no subscriptions.
      customerId: null,
      subscriptions: null,
      summary: '<b>至急</b>',
      locale: 'ja',
      channel: 'web',
      createdAt: '2026-11-23T15:30:00.000Z',
      resolvedAt: null,
      resolvedBy: null,
    });
    const ids = async (query: string) =>
      ((await operator.call('GET', `/escalations?${query}`)).body.escalations as { id: string }[]).map(
        (e) => e.id,
      );
    expect(await ids('from=2026-11-24&to=2026-11-24')).toEqual([escalationId]);
    expect(await ids('to=2026-11-23')).toEqual([]);
    expect(await ids('status=resolved')).toEqual([]);
    expect(await ids('reason=repeated-fallback')).toEqual([]);
    expect(await ids('intent=human_agent')).toEqual([escalationId]);
  });

  test('refuses an impossible day and a reversed range', async () => {
    const impossible = await operator.call('GET', '/escalations?from=2026-02-30');
    expect(impossible.status).toBe(400);
    expect(impossible.body.code).toBe('CONSOLE_ERR_BAD_DAY');
    const reversed = await operator.call('GET', '/escalations?from=2026-11-25&to=2026-11-24');
    expect(reversed.body.code).toBe('CONSOLE_ERR_BAD_RANGE');
  });

  test('shows the whole transcript with the bot’s decision per line, and the handoff mail', async () => {
    const detail = await operator.call('GET', `/escalations/${escalationId}`);
    expect(detail.status).toBe(200);
    const transcript = detail.body.transcript as { role: string; text: string; decision: string | null }[];
    expect(transcript[0]).toMatchObject({ seq: 1, role: 'shopper', text: '送料はいくら', decision: null });
    expect(transcript[1]).toMatchObject({ seq: 2, role: 'bot', decision: 'answer', intent: 'shipping.fee' });
    expect(transcript.at(-1)).toMatchObject({ role: 'bot', decision: 'handoff' });
    expect(detail.body.mails).toHaveLength(1);
    expect(detail.body.mails[0]).toMatchObject({
      to: 'support@shop.example',
      replyTo: 'hanako@example.jp',
      status: 'pending',
      escalationId,
    });
    expect(detail.body.notes).toEqual([]);
  });

  test('gives operators every intent with its title for the intent filter', async () => {
    const response = await operator.call('GET', '/escalations/intents');
    expect(response.status).toBe(200);
    expect(response.body.intents).toContainEqual({
      locale: 'ja',
      id: 'human_agent',
      title: 'スタッフと話す',
    });
    expect(response.body.intents).toContainEqual({ locale: 'en', id: 'shipping.fee', title: 'Shipping fee' });
    expect(Object.keys(response.body.intents[0]).sort()).toEqual(['id', 'locale', 'title']);
  });

  test('answers 404 for an unknown escalation', async () => {
    const response = await operator.call('GET', '/escalations/00000000-0000-4000-8000-000000000000');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('CONSOLE_ERR_NOT_FOUND');
  });

  test('adds a note under the operator’s name', async () => {
    const created = await operator.call('POST', `/escalations/${escalationId}/notes`, {
      text: '電話で対応済み',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ authorName: 'operator tester', text: '電話で対応済み' });
    const detail = await operator.call('GET', `/escalations/${escalationId}`);
    expect(detail.body.notes.map((n: { text: string }) => n.text)).toEqual(['電話で対応済み']);
  });

  test('resolves with who and when, and reopens', async () => {
    const resolved = await operator.call('POST', `/escalations/${escalationId}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolvedAt: now.toISOString(),
      resolvedBy: 'operator tester',
    });
    const listed = await operator.call('GET', '/escalations?status=resolved');
    expect(listed.body.escalations.map((e: { id: string }) => e.id)).toContain(escalationId);
    const reopened = await operator.call('POST', `/escalations/${escalationId}/reopen`);
    expect(reopened.body).toMatchObject({ status: 'open', resolvedAt: null, resolvedBy: null });
  });

  test('queues a reply to the shopper in the outbox with the operator’s text escaped in the HTML', async () => {
    const response = await operator.call('POST', `/escalations/${escalationId}/reply`, {
      via: 'mail',
      text: 'ご連絡ありがとうございます。\n<script>alert(1)</script><a href="https://evil.example">here</a>',
    });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ via: 'mail', fallback: false, message: null });
    const mail = response.body.mail;
    expect(mail).toMatchObject({
      to: 'hanako@example.jp',
      replyTo: 'support@shop.example',
      status: 'pending',
      escalationId,
    });
    expect(mail.subject).toMatch(/^【.+】お問い合わせへのご返信 #[0-9A-F]{8}$/u);
    expect(mail.html).not.toMatch(/<script|<a /iu);
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.text).toContain('<script>alert(1)</script>');
    const detail = await operator.call('GET', `/escalations/${escalationId}`);
    expect(detail.body.mails.map((m: { id: string }) => m.id)).toContain(mail.id);
  });

  test('needs the CSRF token to reply', async () => {
    const response = await operator.call(
      'POST',
      `/escalations/${escalationId}/reply`,
      { text: 'x' },
      { csrf: false },
    );
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('CONSOLE_ERR_CSRF');
  });

  test('shows the outbox with counts per status and that SMTP is not configured', async () => {
    const response = await operator.call('GET', '/outbox');
    expect(response.status).toBe(200);
    expect(response.body.smtpConfigured).toBe(false);
    expect(response.body.counts).toEqual({ pending: 2, sending: 0, sent: 0, failed: 0 });
    expect(response.body.mails.map((m: { to: string }) => m.to)).toEqual([
      'hanako@example.jp',
      'support@shop.example',
    ]);
    const sent = await operator.call('GET', '/outbox?status=sent');
    expect(sent.body.mails).toEqual([]);
  });

  test('keeps escalations and the outbox from editors', async () => {
    const editor = await staffClient(app.fastify, 'editor');
    for (const path of ['/escalations', '/escalations/intents', `/escalations/${escalationId}`, '/outbox']) {
      const response = await editor.call('GET', path);
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('CONSOLE_ERR_FORBIDDEN');
    }
    const reply = await editor.call('POST', `/escalations/${escalationId}/reply`, { text: 'x' });
    expect(reply.status).toBe(403);
  });
});
