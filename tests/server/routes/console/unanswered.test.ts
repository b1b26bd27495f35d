/**
 * The unanswered queue in the console: what lands in it, grouping of similar questions, assigning them
 * to an intent (they become utterances in their locale) and dismissing them, and who may do it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { jst } from '../../../bot/calendar/fixtures.ts';
import { conversationAt, exchangeAt } from '../../../helpers/chat-rows.ts';
import { type ConsoleClient, staffClient } from '../../../helpers/console-client.ts';
import { type BuiltTestApp, buildTestApp } from '../../../helpers/test-app.ts';

interface Group {
  label: string;
  count: number;
  suggestedIntent: string | null;
  messages: { id: string; text: string; locale: string; reason: string }[];
}

describe('console unanswered queue', () => {
  let app: BuiltTestApp;
  let editor: ConsoleClient;
  const at = jst('2026-11-24T23:40');

  beforeAll(async () => {
    app = await buildTestApp({ now: () => at });
    editor = await staffClient(app.fastify, 'editor');
  });
  afterAll(async () => app.close());

  async function groups(query = ''): Promise<Group[]> {
    const response = await editor.call('GET', `/unanswered${query}`);
    expect(response.status).toBe(200);
    return response.body.groups;
  }

  const allIds = (list: Group[]) => list.flatMap((g) => g.messages.map((m) => m.id));

  test('groups refused and clarified questions and down-voted answers by similar wording', async () => {
    const c = await conversationAt(app.fastify, at);
    const a = await exchangeAt(app.fastify, c, '解約したい', { at, decision: 'none' });
    const b = await exchangeAt(app.fastify, c, '解約したいです', {
      at,
      decision: 'clarify',
      intent: 'subscription.cancel',
    });
    const d = await exchangeAt(app.fastify, c, '定期便を解約したい', {
      at,
      decision: 'answer',
      intent: 'subscription.interval_change',
    });
    await app.fastify.storage.setFeedback(c, d.bot.id, -1);
    const e = await exchangeAt(app.fastify, c, '送料はいくら', { at, decision: 'none' });
    const answered = await exchangeAt(app.fastify, c, 'こんにちは', {
      at,
      decision: 'answer',
      intent: 'greeting',
    });

    const list = await groups();
    const cancel = list.find((g) => g.messages.some((m) => m.id === a.shopper.id));
    expect(cancel).toMatchObject({ label: '解約したい', count: 3 });
    expect(cancel?.messages.map((m) => m.reason).sort()).toEqual(['clarify', 'downvote', 'none']);
    expect(cancel?.messages.map((m) => m.id).sort()).toEqual(
      [a.shopper.id, b.shopper.id, d.shopper.id].sort(),
    );
    expect(list.find((g) => g.messages.some((m) => m.id === e.shopper.id))?.count).toBe(1);
    expect(allIds(list)).not.toContain(answered.shopper.id);
  });

  test('shows why the engine refused a question, when the reply recorded it', async () => {
    const c = await conversationAt(app.fastify, at);
    const refused = await exchangeAt(app.fastify, c, 'Amazonの定期便をやめたい', {
      at,
      decision: 'none',
      intent: 'subscription.cancel',
      payload: { nluReason: 'other-company' },
    });
    const forged = await exchangeAt(app.fastify, c, '宇宙の広さ', {
      at,
      decision: 'none',
      payload: { nluReason: '<script>alert(1)</script>' },
    });
    const messages = (await groups()).flatMap((g) => g.messages) as (Group['messages'][number] & {
      nluReason: string | null;
    })[];
    expect(messages.find((m) => m.id === refused.shopper.id)?.nluReason).toBe('other-company');
    expect(messages.find((m) => m.id === forged.shopper.id)?.nluReason).toBeNull();
  });

  test('filters by locale', async () => {
    const c = await conversationAt(app.fastify, at, 'en');
    const english = await exchangeAt(app.fastify, c, 'do you ship to Mars', {
      at,
      decision: 'none',
      locale: 'en',
    });
    expect(allIds(await groups('?locale=en'))).toEqual([english.shopper.id]);
    expect(allIds(await groups('?locale=ja'))).not.toContain(english.shopper.id);
  });

  test('dismissing takes messages off the queue and counts only those newly reviewed', async () => {
    const c = await conversationAt(app.fastify, at);
    const { shopper } = await exchangeAt(app.fastify, c, '猫は好きですか', { at, decision: 'none' });
    const first = await editor.call('POST', '/unanswered/dismiss', { messageIds: [shopper.id] });
    expect(first).toMatchObject({ status: 200, body: { reviewed: 1 } });
    expect(allIds(await groups())).not.toContain(shopper.id);
    const again = await editor.call('POST', '/unanswered/dismiss', { messageIds: [shopper.id] });
    expect(again.body.reviewed).toBe(0);
  });

  test('assigning adds the texts as utterances of the intent and takes them off the queue', async () => {
    const c = await conversationAt(app.fastify, at);
    const { shopper } = await exchangeAt(app.fastify, c, '送料って何円かかる？', { at, decision: 'none' });
    const response = await editor.call('POST', '/unanswered/assign', {
      messageIds: [shopper.id],
      intent: 'shipping.fee',
    });
    expect(response).toMatchObject({ status: 200, body: { reviewed: 1 } });
    const stored = await app.fastify.corpusStore.get('ja', 'shipping.fee');
    expect(stored?.intent.utterances).toContain('送料って何円かかる？');
    expect(allIds(await groups())).not.toContain(shopper.id);
  });

  test('assigning to an intent missing in the message’s locale is 404 and changes nothing', async () => {
    const c = await conversationAt(app.fastify, at, 'en');
    const { shopper } = await exchangeAt(app.fastify, c, 'how do I cancel', {
      at,
      decision: 'none',
      locale: 'en',
    });
    const response = await editor.call('POST', '/unanswered/assign', {
      messageIds: [shopper.id],
      intent: 'subscription.cancel',
    });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('CONSOLE_ERR_NOT_FOUND');
    expect(allIds(await groups('?locale=en'))).toContain(shopper.id);
  });

  test('refuses a limit above 500', async () => {
    const response = await editor.call('GET', '/unanswered?limit=2000');
    expect(response.status).toBe(400);
  });

  test('keeps the queue from operators', async () => {
    const operator = await staffClient(app.fastify, 'operator');
    const list = await operator.call('GET', '/unanswered');
    expect(list.status).toBe(403);
    expect(list.body.code).toBe('CONSOLE_ERR_FORBIDDEN');
    const dismiss = await operator.call('POST', '/unanswered/dismiss', {
      messageIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(dismiss.status).toBe(403);
  });
});
