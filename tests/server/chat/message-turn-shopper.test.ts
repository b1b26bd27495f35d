/**
 * The message pipeline for a verified shopper, with the real bot and an in-memory shop connector:
 * their data read before the dialogue (once per turn), a skip done in the chat and answered with the
 * new date, a retried confirming message changing nothing twice, the shop down answered with the
 * general answer and a person, another customer's ids refused, and anonymous shoppers untouched.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Bot } from '../../../bot/respond.ts';
import { createBot } from '../../../bot/respond.ts';
import type { VerifiedShopper } from '../../../bot/shop/shop-data.ts';
import { ConversationBinding } from '../../../server/chat/conversation-binding.ts';
import { errorFrame } from '../../../server/chat/error-frame.ts';
import { handleMessage, type MessageTurnContext } from '../../../server/chat/message-turn.ts';
import type { Storage } from '../../../server/storage/repository.ts';
import { jst, SHOP_CALENDAR } from '../../bot/calendar/fixtures.ts';
import { FLOW_FACTS } from '../../bot/flows/flow-facts.ts';
import { chatDependencies, type Event, recordedStorage, sentFrames, trace } from '../../helpers/chat-turn.ts';
import { FLOW_CORPUS, flowEngine } from '../../helpers/flow-corpus.ts';
import { type MemoryShopConnector, memoryShopConnector } from '../../helpers/memory-shop-connector.ts';
import { TEST_SHOP } from '../../helpers/shop-facts.ts';
import { CUSTOMERS, LOTION, SHOPPER_A, SHOPPER_B } from '../../helpers/shopper-fixtures.ts';

let bot: Bot;
beforeAll(async () => {
  bot = createBot({
    engine: await flowEngine(),
    corpus: FLOW_CORPUS,
    shop: TEST_SHOP,
    handoff: {
      calendar: SHOP_CALENDAR,
      replyPromise: { ja: '2時間以内', en: 'within 2 hours' },
      replyWithinMinutes: 120,
    },
    flows: {
      ...FLOW_FACTS,
      enabled: { cancellation: true, subscription: true, shopperSubscription: true, tracking: true },
    },
  });
});

describe('handleMessage for a verified shopper', () => {
  let events: Event[];
  let storage: Storage;
  let close: () => Promise<void>;
  let shop: MemoryShopConnector;

  beforeEach(async () => {
    events = [];
    ({ storage, close } = await recordedStorage(events));
    shop = memoryShopConnector(CUSTOMERS);
  });
  afterEach(async () => close());

  /** A connection of `shopper` (undefined: anonymous) over the memory shop (and `store`, default the test's). */
  function connection(shopper: VerifiedShopper | undefined, store: Storage = storage) {
    const deps = chatDependencies(store, bot, { connector: shop, now: () => jst('2026-11-24T10:00') });
    const binding = new ConversationBinding();
    if (shopper) binding.shopper = shopper;
    const send: MessageTurnContext['send'] = (frame) => events.push({ kind: 'sent', frame });
    const ctx: MessageTurnContext = {
      deps,
      binding,
      send,
      refuse: (code, seq, locale = binding.locale) => send(errorFrame(code, seq, locale, deps.maxTextLength)),
    };
    /** Sends a line (a pressed button: its intent) and returns the reply frame. */
    return async (seq: number, text: string, intent?: string) => {
      const mark = events.length;
      await handleMessage(ctx, { text, seq, intent });
      const reply = sentFrames(events.slice(mark)).find((f) => f.type === 'reply');
      if (reply?.type !== 'reply') throw new Error(`no reply to ${text}`);
      return { reply, conversationId: binding.conversationId ?? '' };
    };
  }
  const intentsOf = (reply: { quickReplies: { intent: string }[] }) =>
    reply.quickReplies.map((q) => q.intent);

  test('reads the shopper’s data once per turn, both at once, and answers with the real next date', async () => {
    const say = connection(SHOPPER_A);
    const { reply } = await say(1, '次のお届けはいつ？', 'subscription.next_delivery');
    expect(reply.markdown).toContain(
      '薬用化粧水の次回は**12月8日(火)のお届け**です。変更は12月5日(土)まで承ります。',
    );
    expect(intentsOf(reply)).toEqual(['flow.shopper.skip', 'flow.shopper.date', 'flow.shopper.interval']);
    expect(shop.calls).toEqual([
      { kind: 'subscriptions', customerId: 'cust-a' },
      { kind: 'orders', customerId: 'cust-a' },
    ]);
  });

  test('a skip is done in the chat after one confirmation and answered with the new next date', async () => {
    const say = connection(SHOPPER_A);
    await say(1, '次のお届けはいつ？', 'subscription.next_delivery');
    const confirm = await say(2, '次回をスキップ', 'flow.shopper.skip');
    expect(confirm.reply.markdown).toBe(
      '薬用化粧水の次回のお届け（12月8日(火)）をスキップします。よろしいですか？',
    );
    expect(shop.applied).toEqual([]);
    const done = await say(3, '手続きする', 'flow.shopper.confirm');
    expect(done.reply.markdown).toBe(
      '手続きが完了しました。薬用化粧水の次回は**1月8日(金)のお届け**です（1ヶ月ごと）。',
    );
    expect(shop.applied).toEqual([
      { customerId: 'cust-a', subscriptionId: 'sub-a1', change: { kind: 'skip' } },
    ]);
    const stored = (await storage.listMessages(done.conversationId)).find(
      (m) => m.id === done.reply.messageId,
    );
    expect(await storage.listBotActions({ conversationId: done.conversationId })).toMatchObject([
      { customerId: 'cust-a', kind: 'skip', subscriptionId: 'sub-a1', result: 'done', code: null },
    ]);
    expect(stored?.payload?.action).toMatchObject({
      subscriptionId: 'sub-a1',
      ok: true,
      change: { kind: 'skip' },
    });
  });

  test('a retry of the confirming message (same seq) does not change the subscription twice', async () => {
    const say = connection(SHOPPER_A);
    await say(1, 'スキップしたい', 'subscription.skip');
    const first = await say(2, '手続きする', 'flow.shopper.confirm');
    const again = await say(2, '手続きする', 'flow.shopper.confirm');
    expect(shop.applied).toHaveLength(1);
    expect(again.reply.messageId).toBe(first.reply.messageId);
    expect(shop.customers.get('cust-a')?.subscriptions[0]?.nextDeliveryDate).toBe('2027-01-08');
  });

  test('the shop down: the general answer and a person on offer, nothing else', async () => {
    shop.down = true;
    const say = connection(SHOPPER_A);
    const { reply } = await say(1, '次のお届けはいつ？', 'subscription.next_delivery');
    expect(reply.markdown).toContain('ショップのシステムからご契約内容を確認できませんでした');
    expect(intentsOf(reply)).toContain('human_agent');
    const person = await say(2, 'スタッフに相談する', 'human_agent');
    expect(person.reply.decision).toBe('ask');
  });

  test("A's subscription id pressed on B's connection changes nothing", async () => {
    const say = connection(SHOPPER_B);
    const pick = await say(1, 'スキップしたい', 'subscription.skip');
    expect(intentsOf(pick.reply)).toEqual(['flow.shopper.pick.sub-b1', 'flow.shopper.pick.sub-b2']);
    const forged = await say(2, '薬用化粧水', `flow.shopper.pick.${LOTION.id}`);
    expect(forged.reply.markdown).not.toContain('薬用化粧水');
    await say(3, '手続きする', 'flow.shopper.confirm');
    expect(shop.calls.filter((c) => c.kind === 'change')).toEqual([]);
    expect(shop.customers.get('cust-a')?.subscriptions[0]).toEqual(LOTION);
  });

  test('an anonymous shopper gets today’s answer and the shop is never asked', async () => {
    const say = connection(undefined);
    const { reply } = await say(1, '次のお届けはいつ？', 'subscription.next_delivery');
    expect(reply.markdown).not.toContain('12月8日');
    expect(shop.calls).toEqual([]);
  });

  test('a change done commits its audit row in the same write as the reply that says so', async () => {
    const say = connection(SHOPPER_A);
    await say(1, 'スキップしたい', 'subscription.skip');
    const mark = events.length;
    const done = await say(2, '手続きする', 'flow.shopper.confirm');
    expect(trace(events.slice(mark))).toEqual([
      'store:appendShopperMessage',
      'send:ack',
      'store:appendReply',
      'send:reply',
    ]);
    expect(await storage.listBotActions({ conversationId: done.conversationId })).toMatchObject([
      { actionId: expect.any(String), kind: 'skip', result: 'done' },
    ]);
  });

  test('a reply write that fails leaves no audit row; the retried message stores both, the shop changed once', async () => {
    let failNextReply = true;
    const failing = new Proxy(storage, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        const replyWrite = property === 'appendReply' || property === 'appendBotMessage';
        return (...args: unknown[]) => {
          if (replyWrite && failNextReply) {
            failNextReply = false;
            return Promise.reject(new Error('the server stopped before the reply was stored'));
          }
          return value.apply(target, args);
        };
      },
    });
    const say = connection(SHOPPER_A, failing);
    const { conversationId } = await say(1, 'スキップしたい', 'subscription.skip');
    await expect(say(2, '手続きする', 'flow.shopper.confirm')).rejects.toThrow('stopped');
    expect(shop.applied).toHaveLength(1);
    expect(await storage.listBotActions({ conversationId })).toEqual([]);
    expect((await storage.listMessages(conversationId)).filter((m) => m.role === 'bot')).toHaveLength(1);
    const done = await say(2, '手続きする', 'flow.shopper.confirm');
    expect(done.reply.markdown).toContain('手続きが完了しました');
    expect(shop.applied).toHaveLength(1);
    const [row] = await storage.listBotActions({ conversationId });
    expect(row).toMatchObject({ kind: 'skip', result: 'done' });
    const stored = (await storage.listMessages(conversationId)).find((m) => m.id === done.reply.messageId);
    expect(stored?.payload?.action).toMatchObject({ id: row?.actionId, ok: true });
  });
});
