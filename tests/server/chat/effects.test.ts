import { describe, expect, test } from 'vitest';
import type { HandoffRequest } from '../../../bot/handoff/handoff-flow.ts';
import type { ShopperContext } from '../../../bot/shop/shop-data.ts';
import { idempotencyKey } from '../../../server/actions/subscription-actions.ts';
import { respondTurn } from '../../../server/chat/dialogue.ts';
import { type EffectsDependencies, runEffects } from '../../../server/chat/effects.ts';
import type { BotActionRecord } from '../../../server/storage/bot-action-store.ts';
import type { Conversation } from '../../../server/storage/repository.ts';
import { botReply, scriptedBot } from '../../helpers/chat-turn.ts';
import { type MemoryShopConnector, memoryShopConnector } from '../../helpers/memory-shop-connector.ts';
import { CONTEXT_A, CONTEXT_B, CUSTOMERS, LOTION } from '../../helpers/shopper-fixtures.ts';

const NOW = new Date('2026-12-01T03:00:00Z');
const CONVERSATION: Conversation = {
  id: 'c-1',
  tokenHash: 'h',
  locale: 'ja',
  state: { misses: 0 },
  email: 'known@example.jp',
  customerId: null,
  channel: 'web',
  staffReplyAt: null,
  createdAt: NOW,
  updatedAt: NOW,
};
const ACTION = {
  id: 'm-1',
  type: 'subscription.change' as const,
  subscriptionId: LOTION.id,
  change: { kind: 'skip' as const },
};
const HANDOFF: HandoffRequest = {
  id: 'h-1',
  reason: 'change-request',
  email: 'a@example.jp',
  summary: null,
  startedAt: NOW.toISOString(),
  promise: { open: false, nextOpening: new Date('2026-12-02T01:00:00Z'), text: '' },
};

function dependencies(
  bot: ReturnType<typeof scriptedBot>,
  order: string[],
  shop: MemoryShopConnector = memoryShopConnector(CUSTOMERS),
): EffectsDependencies {
  return {
    bot,
    connector: {
      subscriptions: (id) => shop.subscriptions(id),
      orders: (id) => shop.orders(id),
      async changeSubscription(customerId, subscriptionId, change, key) {
        order.push(`action:${subscriptionId}:${change.kind}`);
        return shop.changeSubscription(customerId, subscriptionId, change, key);
      },
    },
    escalations: {
      async record(input) {
        order.push(`escalation:${input.handoff.id}`);
        return { escalationId: 'e', ticket: 'T-9', created: true };
      },
    },
    log: { warn: (_obj, msg) => order.push(`warn:${msg}`) },
  };
}

function turnOf(bot: ReturnType<typeof scriptedBot>, shopper: ShopperContext | null = CONTEXT_A) {
  return respondTurn(bot, {
    text: 'はい',
    messageId: 'm-1',
    locale: 'ja',
    state: { misses: 0 },
    email: null,
    now: NOW,
    ...(shopper ? { shopper } : {}),
  });
}

describe('runEffects', () => {
  test("runs the action through the connector, then completes the bot's reply to the new state", async () => {
    const order: string[] = [];
    const shop = memoryShopConnector(CUSTOMERS);
    const bot = scriptedBot(
      () => botReply({ action: ACTION }),
      () => botReply({ markdown: 'スキップしました。' }),
    );
    const completed = await runEffects(dependencies(bot, order, shop), turnOf(bot), CONVERSATION);
    expect(order).toEqual(['action:sub-a1:skip']);
    expect(shop.calls.at(-1)).toEqual({
      kind: 'change',
      customerId: 'cust-a',
      subscriptionId: 'sub-a1',
      change: { kind: 'skip' },
      key: idempotencyKey('c-1', 'm-1'),
    });
    expect(bot.settled[0]?.result).toEqual({
      ok: true,
      subscription: { ...LOTION, nextDeliveryDate: '2027-01-08' },
    });
    expect(bot.settled[0]?.email).toBe('known@example.jp');
    expect(completed).toMatchObject({
      markdown: 'スキップしました。',
      action: {
        id: 'm-1',
        type: 'subscription.change',
        subscriptionId: 'sub-a1',
        customerId: 'cust-a',
        ok: true,
      },
    });
  });

  test('the same action carried out twice (a retried message) changes the subscription once', async () => {
    const shop = memoryShopConnector(CUSTOMERS);
    const bot = scriptedBot(() => botReply({ action: ACTION }));
    await runEffects(dependencies(bot, [], shop), turnOf(bot), CONVERSATION);
    await runEffects(dependencies(bot, [], shop), turnOf(bot), CONVERSATION);
    expect(shop.applied).toHaveLength(1);
    expect(bot.settled.map((s) => s.result)).toEqual([bot.settled[0]?.result, bot.settled[0]?.result]);
    expect(shop.customers.get('cust-a')?.subscriptions[0]?.nextDeliveryDate).toBe('2027-01-08');
  });

  test("refuses A's subscription id on B's turn before the shop is asked", async () => {
    const order: string[] = [];
    const shop = memoryShopConnector(CUSTOMERS);
    const bot = scriptedBot(() => botReply({ action: ACTION }));
    const completed = await runEffects(dependencies(bot, order, shop), turnOf(bot, CONTEXT_B), CONVERSATION);
    expect(shop.calls.filter((c) => c.kind === 'change')).toEqual([]);
    expect(bot.settled[0]?.result).toEqual({ ok: false, code: 'ACTION_ERR_NOT_ALLOWED' });
    expect(completed.action).toMatchObject({ ok: false, code: 'ACTION_ERR_NOT_OWN', customerId: 'cust-b' });
    expect(order).toEqual(['warn:flow action failed']);
  });

  test('gives each attempt its action log row with the reply, a refused one too, with who, what and the result', async () => {
    const bot = scriptedBot(() => botReply({ action: ACTION }));
    const deps = dependencies(bot, []);
    const done = await runEffects(deps, turnOf(bot), CONVERSATION);
    const refused = await runEffects(deps, turnOf(bot, CONTEXT_B), CONVERSATION);
    const recorded: (BotActionRecord | undefined)[] = [done.audit, refused.audit];
    expect(recorded).toEqual([
      expect.objectContaining({
        conversationId: 'c-1',
        actionId: 'm-1',
        customerId: 'cust-a',
        kind: 'skip',
        subscriptionId: 'sub-a1',
        change: { kind: 'skip' },
        result: 'done',
        code: null,
        createdAt: NOW,
      }),
      expect.objectContaining({ customerId: 'cust-b', result: 'failed', code: 'ACTION_ERR_NOT_OWN' }),
    ]);
  });

  test('refuses every action of an anonymous turn (no verified shopper)', async () => {
    const shop = memoryShopConnector(CUSTOMERS);
    const bot = scriptedBot(() => botReply({ action: ACTION }));
    const completed = await runEffects(dependencies(bot, [], shop), turnOf(bot, null), CONVERSATION);
    expect(shop.calls).toEqual([]);
    expect(completed.action).toMatchObject({ ok: false, code: 'ACTION_ERR_NOT_VERIFIED' });
  });

  test('refuses every action without a connector', async () => {
    const bot = scriptedBot(() => botReply({ action: ACTION }));
    const deps = dependencies(bot, []);
    delete deps.connector;
    const completed = await runEffects(deps, turnOf(bot), CONVERSATION);
    expect(completed.action).toMatchObject({ ok: false, code: 'ACTION_ERR_NO_CONNECTOR' });
  });

  test('a failed action is logged and its failure reply offers a handoff, recorded after the action', async () => {
    const order: string[] = [];
    const shop = memoryShopConnector(CUSTOMERS);
    shop.down = true;
    const bot = scriptedBot(
      () => botReply({ action: ACTION }),
      () => botReply({ decision: 'handoff', markdown: '担当者に引き継ぎます。', handoff: HANDOFF }),
    );
    const completed = await runEffects(dependencies(bot, order, shop), turnOf(bot), CONVERSATION);
    expect(order).toEqual(['action:sub-a1:skip', 'warn:flow action failed', 'escalation:h-1']);
    expect(bot.settled[0]?.result).toEqual({ ok: false, code: 'ACTION_ERR_UNAVAILABLE' });
    expect(completed.action).toEqual({
      id: 'm-1',
      type: 'subscription.change',
      subscriptionId: 'sub-a1',
      change: { kind: 'skip' },
      customerId: 'cust-a',
      ok: false,
      code: 'CONNECTOR_ERR_TIMEOUT',
    });
  });

  test('a handoff is recorded and its reply carries the ticket and the reply promise', async () => {
    const order: string[] = [];
    const bot = scriptedBot(() =>
      botReply({ decision: 'handoff', markdown: 'スタッフにつなぎます。', handoff: HANDOFF }),
    );
    const completed = await runEffects(dependencies(bot, order), turnOf(bot), CONVERSATION);
    expect(order).toEqual(['escalation:h-1']);
    expect(completed.markdown).toMatch(/^スタッフにつなぎます。\n\n.*T-9/su);
    expect(completed.handoff).toEqual({
      step: 'done',
      email: 'a@example.jp',
      ticket: 'T-9',
      open: false,
      nextOpening: '2026-12-02T01:00:00.000Z',
    });
  });

  test("a verified shopper's handoff hands over their subscriptions as read for the turn; an anonymous one none", async () => {
    const inputs: Parameters<EffectsDependencies['escalations']['record']>[0][] = [];
    const bot = scriptedBot(
      () => botReply({ decision: 'handoff', markdown: 'スタッフにつなぎます。', handoff: HANDOFF }),
      () => botReply({ decision: 'handoff', markdown: 'スタッフにつなぎます。', handoff: HANDOFF }),
    );
    const deps = dependencies(bot, []);
    deps.escalations = {
      async record(input) {
        inputs.push(input);
        return { escalationId: 'e', ticket: 'T-9', created: true };
      },
    };
    const bound = { ...CONVERSATION, customerId: 'cust-a' };
    await runEffects(deps, turnOf(bot), bound);
    const subscriptions = CONTEXT_A.subscriptions as Exclude<typeof CONTEXT_A.subscriptions, 'unavailable'>;
    expect(inputs[0]?.subscriptions).toEqual(
      subscriptions.map((s) => ({
        id: s.id,
        productName: s.productName,
        quantity: s.quantity,
        interval: s.interval,
        status: s.status,
        nextDeliveryDate: s.nextDeliveryDate,
      })),
    );
    expect(inputs[0]?.subscriptions?.length).toBeGreaterThan(0);
    await runEffects(deps, turnOf(bot, null), CONVERSATION);
    expect(inputs[1]?.subscriptions).toBeUndefined();
  });

  test('a turn without effects is completed without calling anything', async () => {
    const order: string[] = [];
    const bot = scriptedBot();
    const completed = await runEffects(dependencies(bot, order), turnOf(bot), CONVERSATION);
    expect(order).toEqual([]);
    expect(completed).toEqual({
      messageId: 'm-1',
      now: NOW,
      reply: botReply(),
      markdown: botReply().markdown,
    });
  });
});
