/**
 * The proactive greeting and the shop status in `welcome`, over the real server and WebSocket, on a clock
 * the test sets (the demo shop's calendar: weekdays 10–12 and 13–18 in Tokyo, closed on holidays).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { hashToken, newConversationToken } from '../../../server/chat/tokens.ts';
import { jst } from '../../bot/calendar/fixtures.ts';
import { useChatRoute } from '../../helpers/chat-route.ts';
import type { ChatClient, Frame } from '../../helpers/test-app.ts';

/** Tuesday 23:40 in Tokyo: closed, open again on Wednesday at 10:00. */
const LATE_NIGHT = jst('2026-11-24T23:40');

describe('/chat greeting and shop status', () => {
  let clock = LATE_NIGHT;
  const app = useChatRoute({ now: () => clock });

  /** Says hello (with a token to resume) on a new socket; returns the welcome and the open client. */
  async function hello(frame: object = {}): Promise<{ client: ChatClient; welcome: Frame }> {
    const client = await app.open();
    client.send({ type: 'hello', ...frame });
    return { client, welcome: await client.next('welcome') };
  }

  /** Waits until every frame sent before has been handled (the server answers frames in order). */
  async function settle(client: ChatClient): Promise<void> {
    client.send({ type: 'ping' });
    await client.next('pong');
  }

  test('welcomes a new conversation late at night with the greeting and the shop closed until 10:00', async () => {
    clock = LATE_NIGHT;
    const { client, welcome } = await hello();
    expect(welcome.greeting).toBe(
      '遅くまでお疲れさまです。ただいま営業時間外ですが、チャットの自動応答ならいますぐお答えします。スタッフは11月25日(水) 10:00から対応します。',
    );
    expect(welcome.shop).toEqual({ open: false, nextOpening: jst('2026-11-25T10:00').toISOString() });
    client.close();
  });

  test('greets in English during opening hours and reports the shop open', async () => {
    clock = jst('2026-11-24T14:00');
    const { client, welcome } = await hello({ locale: 'en' });
    expect(welcome.greeting).toBe(
      'Hello! Any questions? Ask us about your subscription, delivery or payment here.',
    );
    expect(welcome.shop).toEqual({ open: true, nextOpening: null });
    client.close();
  });

  test('greets a conversation once: resuming it brings no greeting, still the shop status', async () => {
    clock = LATE_NIGHT;
    const first = await hello();
    expect(typeof first.welcome.greeting).toBe('string');
    first.client.close();
    await first.client.closed();

    clock = jst('2026-11-25T09:00');
    const second = await hello({ token: first.welcome.token });
    expect(second.welcome).toMatchObject({ resumed: true, greeting: null });
    expect(second.welcome.shop).toEqual({ open: false, nextOpening: jst('2026-11-25T10:00').toISOString() });
    second.client.close();
  });

  test('records a dismissal, and a resumed conversation is not greeted after it', async () => {
    clock = LATE_NIGHT;
    const first = await hello();
    first.client.send({ type: 'greeting-dismissed' });
    await settle(first.client);
    const stored = await app.fastify.storage.getConversation(String(first.welcome.conversationId));
    expect(stored?.state.greeting).toEqual({
      shownAt: LATE_NIGHT.toISOString(),
      dismissedAt: LATE_NIGHT.toISOString(),
    });
    first.client.close();

    const second = await hello({ token: first.welcome.token });
    expect(second.welcome.greeting).toBeNull();
    second.client.close();
  });

  test("keeps the greeting's record through the bot's replies", async () => {
    clock = LATE_NIGHT;
    const { client, welcome } = await hello();
    client.send({ type: 'message', text: '送料はいくらですか', seq: 1 });
    await client.next('reply');
    const stored = await app.fastify.storage.getConversation(String(welcome.conversationId));
    expect(stored?.state.greeting).toEqual({ shownAt: LATE_NIGHT.toISOString() });
    client.close();
  });

  test('does not greet a conversation started by a message, but tells the shop status', async () => {
    clock = LATE_NIGHT;
    const client = await app.open();
    client.send({ type: 'message', text: '送料はいくらですか', seq: 1 });
    const welcome = await client.next('welcome');
    expect(welcome.greeting).toBeNull();
    expect(welcome.shop).toMatchObject({ open: false });
    await client.next('reply');
    client.close();
  });

  test('greets a conversation from before greetings once on resume, unless the shopper has written', async () => {
    clock = jst('2026-11-23T14:00');
    const token = newConversationToken();
    await app.fastify.storage.createConversation({
      id: randomUUID(),
      tokenHash: hashToken(token),
      locale: 'ja',
      createdAt: clock,
    });
    const first = await hello({ token });
    // Monday 2026-11-23 is a national holiday (勤労感謝の日): closed until Tuesday 10:00.
    expect(first.welcome.greeting).toBe(
      'こんにちは。ただいま営業時間外ですが、チャットの自動応答ならいますぐお答えします。スタッフは11月24日(火) 10:00から対応します。',
    );
    first.client.close();
    const second = await hello({ token });
    expect(second.welcome.greeting).toBeNull();
    second.client.close();

    const wrote = newConversationToken();
    const chatted = await app.fastify.storage.createConversation({
      id: randomUUID(),
      tokenHash: hashToken(wrote),
      locale: 'ja',
      createdAt: clock,
    });
    await app.fastify.storage.appendShopperMessage({
      id: randomUUID(),
      conversationId: chatted.id,
      clientSeq: 1,
      text: 'こんにちは',
      createdAt: clock,
    });
    const third = await hello({ token: wrote });
    expect(third.welcome.greeting).toBeNull();
    third.client.close();
  });

  test('ignores a dismissal before any conversation and refuses one with extra fields', async () => {
    const client = await app.open();
    client.send({ type: 'greeting-dismissed' });
    await settle(client);
    expect(client.frames.map((f) => f.type)).toEqual(['pong']);
    client.send({ type: 'greeting-dismissed', at: 'now' });
    expect(await client.next('error')).toMatchObject({ code: 'CHAT_ERR_INVALID_FRAME' });
    client.close();
  });
});
