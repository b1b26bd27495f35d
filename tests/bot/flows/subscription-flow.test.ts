import { describe, expect, test } from 'vitest';
import { type SubscriptionState, subscriptionFlow } from '../../../bot/flows/subscription-flow.ts';
import { FLOW_FACTS, lineFor } from './flow-facts.ts';

describe('subscriptionFlow', () => {
  test('hands a change with the order number and the interval to staff at once, asking for nothing to run', () => {
    const step = subscriptionFlow.start(
      lineFor(true, '12345678の周期を2ヶ月ごとにしたい', { intent: 'subscription.interval_change' }),
    );
    expect(step).toMatchObject({ kind: 'handoff', reason: 'change-request' });
    expect(step.kind === 'handoff' && step.summary).toContain('12345678');
  });

  test('never asks the server for an action on an order number alone, whatever the change', () => {
    for (const intent of ['subscription.skip', 'subscription.pause', 'subscription.interval_change']) {
      const step = subscriptionFlow.start(lineFor(true, '注文番号12345678、2ヶ月ごと', { intent }));
      expect(step.kind, intent).toBe('handoff');
    }
    const waiting: SubscriptionState = { name: 'subscription', step: 'order', change: 'skip' };
    expect(subscriptionFlow.next(lineFor(true, '12345678'), waiting, true)?.kind).toBe('handoff');
  });

  test('offers staff, not the chat, when the order number is missing', () => {
    const step = subscriptionFlow.start(lineFor(true, 'スキップしたい', { intent: 'subscription.skip' }));
    expect(step.kind === 'ask' && step.markdown).toContain(
      '担当スタッフが次回のスキップを代わりに手続きします',
    );
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

  test('has no settle: it never asks for actions', () => {
    expect(subscriptionFlow.settle).toBeUndefined();
    expect(FLOW_FACTS).not.toHaveProperty('subscriptionActions');
  });
});
