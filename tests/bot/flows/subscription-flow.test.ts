import { describe, expect, test } from 'vitest';
import {
  SUB_CONFIRM,
  SUB_RETRY,
  type SubscriptionState,
  subscriptionFlow,
} from '../../../bot/flows/subscription-flow.ts';
import { FLOW_FACTS, lineFor } from './flow-facts.ts';

const CONFIRMING: SubscriptionState = {
  name: 'subscription',
  step: 'confirm',
  change: 'interval',
  orderNumber: '12345678',
  interval: { unit: 'month', count: 2 },
};

describe('subscriptionFlow', () => {
  test('confirms at once when the first line gives the order number and the interval', () => {
    const step = subscriptionFlow.start(
      lineFor(true, '12345678の周期を2ヶ月ごとにしたい', { intent: 'subscription.interval_change' }),
    );
    expect(step.kind === 'ask' && step.state).toEqual(CONFIRMING);
  });

  test('hands the change to staff when the server cannot carry it out', () => {
    const step = subscriptionFlow.start(
      lineFor(true, '12345678の周期を2ヶ月ごとにしたい', {
        intent: 'subscription.interval_change',
        settings: { ...FLOW_FACTS, subscriptionActions: false },
      }),
    );
    expect(step.kind).toBe('handoff');
  });

  test('only explains the next delivery date', () => {
    const step = subscriptionFlow.start(
      lineFor(true, '次はいつ？', {
        intent: 'subscription.next_delivery',
        corpusAnswer: 'マイページで確認できます',
      }),
    );
    expect(step).toEqual({ kind: 'answer', markdown: 'マイページで確認できます', quickReplies: [] });
  });

  test('names the action after the message that confirmed it', () => {
    const step = subscriptionFlow.next(
      lineFor(true, 'はい', { chosen: SUB_CONFIRM, messageId: 'm-9' }),
      CONFIRMING,
      true,
    );
    expect(step?.kind === 'action' && step.action).toEqual({
      id: 'm-9',
      type: 'subscription.interval_change',
      orderNumber: '12345678',
      interval: { unit: 'month', count: 2 },
    });
  });

  test('offers a retry of the same action after a failure', () => {
    const action = {
      id: 'm-9',
      type: 'subscription.interval_change',
      orderNumber: '12345678',
      interval: { unit: 'month', count: 2 },
    } as const;
    const pending: SubscriptionState = { ...CONFIRMING, step: 'pending', action };
    const failed = subscriptionFlow.settle?.(lineFor(true, ''), pending, {
      ok: false,
      code: 'ACTION_ERR_TIMEOUT',
    });
    expect(failed?.kind === 'ask' && failed.state.step).toBe('failed');
    const retry = subscriptionFlow.next(
      lineFor(true, 'もう一度', { chosen: SUB_RETRY }),
      { ...pending, step: 'failed' },
      true,
    );
    expect(retry?.kind === 'action' && retry.action).toEqual(action);
  });
});
