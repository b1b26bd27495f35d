import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { resumeConversation, startConversation } from '../../../server/chat/conversation.ts';
import { ConversationBinding } from '../../../server/chat/conversation-binding.ts';
import { hashToken } from '../../../server/chat/tokens.ts';
import type { ServerFrame } from '../../../server/schemas/protocol.ts';
import type { Storage } from '../../../server/storage/repository.ts';
import { jst, SHOP_CALENDAR } from '../../bot/calendar/fixtures.ts';
import { type Event, recordedStorage } from '../../helpers/chat-turn.ts';

/** A Tuesday morning in Tokyo, the shop open: a greeting is offered. */
const OPEN = jst('2026-12-01T10:30');

describe('conversation step', () => {
  let events: Event[];
  let storage: Storage;
  let close: () => Promise<void>;
  let sent: ServerFrame[];

  beforeEach(async () => {
    events = [];
    sent = [];
    ({ storage, close } = await recordedStorage(events));
  });
  afterEach(async () => close());

  const deps = () => ({
    storage,
    calendar: SHOP_CALENDAR,
    now: () => OPEN,
    send: (f: ServerFrame) => sent.push(f),
  });

  test('a new conversation is stored with the hash of a token sent once, and welcomed with a greeting', async () => {
    const binding = new ConversationBinding();
    binding.locale = 'en';
    const conversation = await startConversation(deps(), binding, true);
    const welcome = sent[0];
    expect(welcome).toMatchObject({
      type: 'welcome',
      resumed: false,
      locale: 'en',
      messages: [],
      shop: { open: true },
    });
    const token = welcome?.type === 'welcome' ? (welcome.token ?? '') : '';
    expect((await storage.findConversationByTokenHash(hashToken(token)))?.id).toBe(conversation.id);
    expect(welcome?.type === 'welcome' && welcome.greeting).toEqual(expect.any(String));
    expect(binding.conversationId).toBe(conversation.id);
  });

  test('the greeting is recorded as shown in the write that creates the conversation, before the welcome carries it, and never offered again', async () => {
    const binding = new ConversationBinding();
    const conversation = await startConversation(deps(), binding, true);
    expect(events.map((e) => (e.kind === 'stored' ? e.method : 'sent'))).toEqual(['createConversation']);
    const token = sent[0]?.type === 'welcome' ? (sent[0].token ?? '') : '';
    const stored = await storage.findConversationByTokenHash(hashToken(token));
    expect(stored?.state).toMatchObject({ greeting: { shownAt: OPEN.toISOString() } });
    expect(binding.conversation?.state).toEqual(stored?.state);
    const again = new ConversationBinding();
    expect(await resumeConversation(deps(), again, token, undefined)).toBe(true);
    expect(sent[1]).toMatchObject({
      type: 'welcome',
      conversationId: conversation.id,
      resumed: true,
      greeting: null,
    });
    expect('token' in (sent[1] ?? {})).toBe(false);
  });

  test('a conversation started by a message is not greeted', async () => {
    await startConversation(deps(), new ConversationBinding(), false);
    expect(sent[0]).toMatchObject({ type: 'welcome', greeting: null });
  });

  test("a resumed conversation is in the client's locale if it asks for one, else its own, with its history", async () => {
    const binding = new ConversationBinding();
    const conversation = await startConversation(deps(), binding, false);
    await storage.appendShopperMessage({
      id: '00000000-0000-4000-8000-00000000000a',
      conversationId: conversation.id,
      clientSeq: 1,
      text: 'こんにちは',
      createdAt: OPEN,
    });
    const token = sent[0]?.type === 'welcome' ? (sent[0].token ?? '') : '';
    const resumed = new ConversationBinding();
    await resumeConversation(deps(), resumed, token, 'en');
    expect(sent[1]).toMatchObject({
      locale: 'en',
      messages: [{ role: 'shopper', clientSeq: 1, text: 'こんにちは' }],
      greeting: null,
    });
    expect(resumed.locale).toBe('en');
    await resumeConversation(deps(), new ConversationBinding(), token, undefined);
    expect(sent[2]).toMatchObject({ locale: 'ja' });
  });

  test('an unknown token binds nothing and sends nothing', async () => {
    const binding = new ConversationBinding();
    expect(await resumeConversation(deps(), binding, 'x'.repeat(43), 'ja')).toBe(false);
    expect(binding.conversation).toBeUndefined();
    expect(sent).toEqual([]);
  });

  test('of two customers resuming the same anonymous conversation at once, one gets it; the other sees nothing of it', async () => {
    const first = new ConversationBinding();
    const conversation = await startConversation(deps(), first, false);
    await storage.appendShopperMessage({
      id: '00000000-0000-4000-8000-00000000000b',
      conversationId: conversation.id,
      clientSeq: 1,
      text: '注文の件です',
      createdAt: OPEN,
    });
    const token = sent[0]?.type === 'welcome' ? (sent[0].token ?? '') : '';
    const taro = new ConversationBinding();
    taro.shopper = { customerId: 'demo-taro' };
    const hanako = new ConversationBinding();
    hanako.shopper = { customerId: 'demo-hanako' };
    sent.length = 0;
    await Promise.all([
      resumeConversation(deps(), taro, token, undefined),
      resumeConversation(deps(), hanako, token, undefined),
    ]);
    const owner = (await storage.getConversation(conversation.id))?.customerId;
    const [winner, loser] = owner === 'demo-taro' ? [taro, hanako] : [hanako, taro];
    expect(owner === 'demo-taro' || owner === 'demo-hanako').toBe(true);
    expect(winner.conversationId).toBe(conversation.id);
    expect(loser.conversationId).not.toBe(conversation.id);
    const welcomes = sent.flatMap((f) => (f.type === 'welcome' ? [f] : []));
    expect(welcomes.find((w) => w.conversationId === conversation.id)).toMatchObject({
      resumed: true,
      messages: [{ text: '注文の件です' }],
    });
    expect(welcomes.find((w) => w.conversationId === loser.conversationId)).toMatchObject({
      resumed: false,
      messages: [],
    });
  });
});
