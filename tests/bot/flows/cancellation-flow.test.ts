import { describe, expect, test } from 'vitest';
import {
  CANCEL_ACCEPT,
  CANCEL_PROCEED,
  type CancellationState,
  cancellationFlow,
} from '../../../bot/flows/cancellation-flow.ts';
import type { FlowInput } from '../../../bot/flows/flow.ts';
import { SHOP_CONFIRM } from '../../../bot/flows/shopper-steps.ts';
import { CONTEXT_A, CONTEXT_B, CONTEXT_DOWN, LOTION } from '../../helpers/shopper-fixtures.ts';
import { lineFor } from './flow-facts.ts';

const line = (text: string, chosen?: string) => lineFor(true, text, { chosen });
const OFFERED: CancellationState = { name: 'cancellation', step: 'offer', reason: 'surplus' };

describe('cancellationFlow', () => {
  test('asks why with four reason buttons', () => {
    const step = cancellationFlow.start(line('解約したい'));
    expect(step.kind === 'ask' && step.quickReplies).toHaveLength(4);
  });

  test('offers the alternative for a reason given in the first line', () => {
    const step = cancellationFlow.start(line('余ってしまうので解約したい'));
    expect(step.kind === 'ask' && step.state).toEqual(OFFERED);
  });

  test('takes an unrecognised typed reason as "other" only when not strict', () => {
    const state: CancellationState = { name: 'cancellation', step: 'reason' };
    expect(cancellationFlow.next(line('引っ越すので'), state, true)).toBeUndefined();
    const step = cancellationFlow.next(line('引っ越すので'), state, false);
    expect(step?.kind === 'ask' && step.state).toMatchObject({ reason: 'other', reasonText: '引っ越すので' });
  });

  test('records the shopper as retained when the offer is taken', () => {
    const step = cancellationFlow.next(line('変更する', CANCEL_ACCEPT), OFFERED, true);
    expect(step?.outcome).toEqual({
      flow: 'cancellation',
      result: 'retained',
      reason: 'surplus',
      alternative: 'interval',
    });
  });

  test('gives the cancellation steps and records the cancellation when the offer is declined', () => {
    const step = cancellationFlow.next(line('解約する', CANCEL_PROCEED), OFFERED, true);
    expect(step?.kind === 'ask' && step.state.step).toBe('order');
    expect(step?.outcome).toEqual({ flow: 'cancellation', result: 'cancelled', reason: 'surplus' });
  });

  test('hands the order number to staff as a change request', () => {
    const state: CancellationState = { name: 'cancellation', step: 'order', reason: 'price' };
    const step = cancellationFlow.next(line('12345678です'), state, true);
    expect(step?.kind).toBe('handoff');
    expect(step?.kind === 'handoff' && step.summary).toContain('12345678');
  });
});

describe('cancellationFlow for a verified shopper', () => {
  const line = (text: string, extra: Partial<FlowInput<boolean>> = {}) =>
    lineFor(true, text, { shopper: CONTEXT_A, ...extra });

  test('offers once the alternative that fits the real subscription, with "cancel anyway" beside it', () => {
    const step = cancellationFlow.start(
      line('商品が余っているので解約したい', { intent: 'subscription.cancel' }),
    );
    expect(step.kind === 'ask' && step.markdown).toBe(
      '今は1ヶ月ごと・次回12月8日(火)のお届けです。解約せずに**2ヶ月ごと**にしますか？',
    );
    expect(step.kind === 'ask' && step.quickReplies.map((q) => q.intent)).toEqual([
      'flow.cancel.accept',
      'flow.cancel.proceed',
    ]);
  });

  test('accepting the offer changes the interval in the chat and records it retained, with the offer', () => {
    const offer = cancellationFlow.start(line('余ってる', { intent: 'subscription.cancel' }));
    const state = offer.kind === 'ask' ? offer.state : (undefined as never);
    const act = cancellationFlow.next(
      line('2ヶ月ごとにする', { chosen: 'flow.cancel.accept', messageId: 'm-4' }),
      state,
      true,
    );
    expect(act?.kind === 'action' && act.action).toEqual({
      id: 'm-4',
      type: 'subscription.change',
      subscriptionId: 'sub-a1',
      change: { kind: 'interval', interval: { unit: 'month', count: 2 } },
    });
    const done = cancellationFlow.settle?.(line(''), act?.kind === 'action' ? act.state : state, {
      ok: true,
      subscription: { ...LOTION, interval: { unit: 'month', count: 2 } },
    });
    expect(done).toMatchObject({
      kind: 'answer',
      outcome: { flow: 'cancellation', result: 'retained', reason: 'surplus', alternative: 'interval' },
    });
  });

  test('still cancelling: one confirmation saying what the minimum deliveries mean, then cancelled in the chat', () => {
    const offer = cancellationFlow.start(line('高いので解約', { intent: 'subscription.cancel' }));
    const state = offer.kind === 'ask' ? offer.state : (undefined as never);
    expect(state).toMatchObject({ step: 'offer', offered: 'skip' });
    const confirm = cancellationFlow.next(
      line('やはり解約する', { chosen: 'flow.cancel.proceed' }),
      state,
      true,
    );
    expect(confirm?.kind === 'ask' && confirm.markdown).toContain('薬用化粧水の定期便を解約します。');
    expect(confirm?.kind === 'ask' && confirm.markdown).toContain(
      'ご契約の最低お届け回数は3回で、これまでのお受け取りは2回です（あと1回）',
    );
    const act = cancellationFlow.next(
      line('手続きする', { chosen: SHOP_CONFIRM, messageId: 'm-6' }),
      confirm?.kind === 'ask' ? confirm.state : (undefined as never),
      true,
    );
    expect(act?.kind === 'action' && act.action.change).toEqual({ kind: 'cancel', reason: 'price' });
    const done = cancellationFlow.settle?.(line(''), act?.kind === 'action' ? act.state : state, {
      ok: true,
      subscription: { ...LOTION, status: 'cancelled', nextDeliveryDate: null },
    });
    expect(done).toMatchObject({
      kind: 'answer',
      outcome: { result: 'cancelled', reason: 'price', alternative: 'skip' },
    });
    expect(done?.kind === 'answer' && done.markdown).toContain('解約手続きが完了しました');
  });

  test('several subscriptions: asks which one first', () => {
    const step = cancellationFlow.start(
      lineFor(true, '解約したい', { intent: 'subscription.cancel', shopper: CONTEXT_B }),
    );
    expect(step.kind === 'ask' && step.state.step).toBe('pick');
    expect(step.kind === 'ask' && step.quickReplies.map((q) => q.label)).toEqual(['美容液', '保湿クリーム']);
  });

  test('the shop down: the anonymous path, ending with staff', () => {
    const step = cancellationFlow.start(
      lineFor(true, '解約したい', { intent: 'subscription.cancel', shopper: CONTEXT_DOWN }),
    );
    expect(step.kind === 'ask' && step.state).toEqual({ name: 'cancellation', step: 'reason' });
  });
});
