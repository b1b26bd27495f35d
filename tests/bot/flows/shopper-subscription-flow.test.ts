import { describe, expect, test } from 'vitest';
import { SHOP_ABORT, SHOP_CONFIRM, SHOP_RETRY } from '../../../bot/flows/shopper-steps.ts';
import {
  MENU_SKIP,
  type ShopperSubscriptionState,
  shopperSubscriptionFlow,
} from '../../../bot/flows/shopper-subscription-flow.ts';
import { PICK_PREFIX } from '../../../bot/flows/shopper-subscriptions.ts';
import { CONTEXT_A, CONTEXT_B, CONTEXT_DOWN, LOTION, SERUM } from '../../helpers/shopper-fixtures.ts';
import { jst } from '../calendar/fixtures.ts';
import { lineFor } from './flow-facts.ts';

const intents = (step: { quickReplies?: { intent: string }[] } | undefined) =>
  (step?.quickReplies ?? []).map((q) => q.intent);

describe('shopperSubscriptionFlow', () => {
  test('declines an anonymous shopper, so the anonymous flow answers as before', () => {
    expect(shopperSubscriptionFlow.accepts?.(lineFor(true, '次はいつ？'))).toBe(false);
    expect(shopperSubscriptionFlow.accepts?.(lineFor(true, '次はいつ？', { shopper: CONTEXT_A }))).toBe(true);
  });

  test('tells the real next delivery, its change deadline, and offers skip, date and interval', () => {
    const step = shopperSubscriptionFlow.start(
      lineFor(true, '次のお届けはいつ？', { intent: 'subscription.next_delivery', shopper: CONTEXT_A }),
    );
    expect(step.kind === 'ask' && step.markdown).toBe(
      '薬用化粧水の次回は**12月8日(火)のお届け**です。変更は12月5日(土)まで承ります。',
    );
    expect(intents(step.kind === 'ask' ? step : undefined)).toEqual([
      'flow.shopper.skip',
      'flow.shopper.date',
      'flow.shopper.interval',
    ]);
  });

  test('past the deadline it says so and offers no change', () => {
    const step = shopperSubscriptionFlow.start(
      lineFor(true, '次はいつ', {
        intent: 'subscription.next_delivery',
        shopper: CONTEXT_A,
        now: jst('2026-12-06T10:00'),
      }),
    );
    expect(step).toMatchObject({ kind: 'answer', quickReplies: [{ intent: 'human_agent' }] });
    expect(step.kind === 'answer' && step.markdown).toContain('変更期限（12月5日(土)）を過ぎたため');
  });

  test('skip: confirms in words, then asks the server for the change named after the confirming message', () => {
    const asked = shopperSubscriptionFlow.start(
      lineFor(true, '次回スキップしたい', { intent: 'subscription.skip', shopper: CONTEXT_A }),
    );
    expect(asked.kind === 'ask' && asked.markdown).toBe(
      '薬用化粧水の次回のお届け（12月8日(火)）をスキップします。よろしいですか？',
    );
    const state = asked.kind === 'ask' ? asked.state : undefined;
    const act = shopperSubscriptionFlow.next(
      lineFor(true, '手続きする', { chosen: SHOP_CONFIRM, shopper: CONTEXT_A, messageId: 'm-7' }),
      state as ShopperSubscriptionState,
      true,
    );
    expect(act?.kind === 'action' && act.action).toEqual({
      id: 'm-7',
      type: 'subscription.change',
      subscriptionId: 'sub-a1',
      change: { kind: 'skip' },
    });
  });

  test('the skip button of the next-delivery answer leads to the same confirmation', () => {
    const menu: ShopperSubscriptionState = {
      name: 'shopperSubscription',
      step: 'menu',
      wish: 'show',
      subscriptionId: 'sub-a1',
    };
    const step = shopperSubscriptionFlow.next(
      lineFor(true, '次回をスキップ', { chosen: MENU_SKIP, shopper: CONTEXT_A }),
      menu,
      true,
    );
    expect(step?.kind === 'ask' && step.state).toMatchObject({ step: 'confirm', change: { kind: 'skip' } });
  });

  test('answers a change done with the new next date', () => {
    const pending: ShopperSubscriptionState = {
      name: 'shopperSubscription',
      step: 'pending',
      wish: 'skip',
      subscriptionId: 'sub-a1',
    };
    const step = shopperSubscriptionFlow.settle?.(lineFor(true, '', { shopper: CONTEXT_A }), pending, {
      ok: true,
      subscription: { ...LOTION, nextDeliveryDate: '2027-01-08' },
    });
    expect(step).toEqual({
      kind: 'answer',
      markdown: '手続きが完了しました。薬用化粧水の次回は**1月8日(金)のお届け**です（1ヶ月ごと）。',
    });
  });

  test('an interval change given in the first line goes straight to the confirmation', () => {
    const step = shopperSubscriptionFlow.start(
      lineFor(true, '2ヶ月ごとにしたい', { intent: 'subscription.interval_change', shopper: CONTEXT_A }),
    );
    expect(step.kind === 'ask' && step.markdown).toContain('お届け周期を1ヶ月ごとから2ヶ月ごとに変更します');
  });

  test('pause about a paused subscription resumes it', () => {
    const step = shopperSubscriptionFlow.start(
      lineFor(true, '保湿クリームの定期を再開したい', { intent: 'subscription.pause', shopper: CONTEXT_B }),
    );
    expect(step.kind === 'ask' && step.state.change).toEqual({ kind: 'resume' });
  });

  test('refuses a change the shop does not allow now, says why and offers a person', () => {
    const step = shopperSubscriptionFlow.start(
      lineFor(true, 'スキップ', {
        intent: 'subscription.skip',
        shopper: { ...CONTEXT_A, subscriptions: [{ ...LOTION, allowedChanges: ['cancel'] }] },
      }),
    );
    expect(step).toMatchObject({ kind: 'answer', quickReplies: [{ intent: 'human_agent' }] });
    expect(step.kind === 'answer' && step.markdown).toContain('この変更をチャットで承ることができません');
  });

  test('several subscriptions: asks which one with product buttons first', () => {
    const step = shopperSubscriptionFlow.start(
      lineFor(true, 'スキップしたい', { intent: 'subscription.skip', shopper: CONTEXT_B }),
    );
    expect(step.kind === 'ask' && step.quickReplies).toEqual([
      { label: '美容液', text: '美容液', intent: `${PICK_PREFIX}sub-b1` },
      { label: '保湿クリーム', text: '保湿クリーム', intent: `${PICK_PREFIX}sub-b2` },
    ]);
    const picked = shopperSubscriptionFlow.next(
      lineFor(true, '美容液', { chosen: `${PICK_PREFIX}${SERUM.id}`, shopper: CONTEXT_B }),
      step.kind === 'ask' ? step.state : (undefined as never),
      true,
    );
    expect(picked?.kind === 'ask' && picked.state).toMatchObject({
      step: 'confirm',
      subscriptionId: 'sub-b1',
    });
  });

  test("a pick button carrying another customer's subscription id is not taken", () => {
    const pick: ShopperSubscriptionState = { name: 'shopperSubscription', step: 'pick', wish: 'skip' };
    const step = shopperSubscriptionFlow.next(
      lineFor(true, '薬用化粧水', { chosen: `${PICK_PREFIX}${LOTION.id}`, shopper: CONTEXT_B }),
      pick,
      true,
    );
    expect(step?.kind === 'ask' && step.state).toMatchObject({ step: 'pick', retried: true });
  });

  test("a confirmation about another customer's subscription leaves the flow without an action", () => {
    const confirm: ShopperSubscriptionState = {
      name: 'shopperSubscription',
      step: 'confirm',
      wish: 'skip',
      subscriptionId: LOTION.id,
      change: { kind: 'skip' },
    };
    const step = shopperSubscriptionFlow.next(
      lineFor(true, '手続きする', { chosen: SHOP_CONFIRM, shopper: CONTEXT_B }),
      confirm,
      true,
    );
    expect(step).toBeUndefined();
  });

  test('a waiting state on a line without a verified shopper leaves the flow', () => {
    const confirm: ShopperSubscriptionState = {
      name: 'shopperSubscription',
      step: 'confirm',
      wish: 'skip',
      subscriptionId: LOTION.id,
      change: { kind: 'skip' },
    };
    expect(
      shopperSubscriptionFlow.next(lineFor(true, 'はい', { chosen: SHOP_CONFIRM }), confirm, false),
    ).toBeUndefined();
  });

  test('a declined confirmation changes nothing', () => {
    const confirm: ShopperSubscriptionState = {
      name: 'shopperSubscription',
      step: 'confirm',
      wish: 'skip',
      subscriptionId: LOTION.id,
      change: { kind: 'skip' },
    };
    const step = shopperSubscriptionFlow.next(
      lineFor(true, 'やめる', { chosen: SHOP_ABORT, shopper: CONTEXT_A }),
      confirm,
      true,
    );
    expect(step).toMatchObject({ kind: 'answer', markdown: '承知しました。変更は行っていません。' });
  });

  test('the shop down: the general answer and a person on offer', () => {
    const step = shopperSubscriptionFlow.start(
      lineFor(true, '次はいつ', {
        intent: 'subscription.next_delivery',
        shopper: CONTEXT_DOWN,
        corpusAnswer: 'マイページで確認できます',
      }),
    );
    expect(step).toMatchObject({ kind: 'answer', quickReplies: [{ intent: 'human_agent' }] });
    expect(step.kind === 'answer' && step.markdown).toMatch(
      /^マイページで確認できます\n\n.*確認できませんでした/su,
    );
  });

  test('an unreachable shop offers a retry of the same action; a refusal offers a person', () => {
    const action = {
      id: 'm-7',
      type: 'subscription.change' as const,
      subscriptionId: 'sub-a1',
      change: { kind: 'skip' as const },
    };
    const pending: ShopperSubscriptionState = {
      name: 'shopperSubscription',
      step: 'pending',
      wish: 'skip',
      subscriptionId: 'sub-a1',
      action,
    };
    const line = lineFor(true, '', { shopper: CONTEXT_A });
    const failed = shopperSubscriptionFlow.settle?.(line, pending, {
      ok: false,
      code: 'ACTION_ERR_UNAVAILABLE',
    });
    expect(failed?.kind === 'ask' && failed.state.step).toBe('failed');
    const retry = shopperSubscriptionFlow.next(
      lineFor(true, 'もう一度試す', { chosen: SHOP_RETRY, shopper: CONTEXT_A, messageId: 'm-9' }),
      { ...pending, step: 'failed' },
      true,
    );
    expect(retry?.kind === 'action' && retry.action).toEqual(action);
    const refused = shopperSubscriptionFlow.settle?.(line, pending, {
      ok: false,
      code: 'ACTION_ERR_REFUSED',
    });
    expect(refused).toMatchObject({ kind: 'answer', quickReplies: [{ intent: 'human_agent' }] });
  });

  test('says the same in English', () => {
    const step = shopperSubscriptionFlow.start(
      lineFor(true, 'when is my next delivery', {
        intent: 'subscription.next_delivery',
        shopper: CONTEXT_A,
        locale: 'en',
      }),
    );
    expect(step.kind === 'ask' && step.markdown).toBe(
      'Your next delivery of 薬用化粧水 is on **Tue, Dec 8**. You can change it until Sat, Dec 5.',
    );
  });
});
