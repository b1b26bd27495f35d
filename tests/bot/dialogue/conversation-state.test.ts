import { describe, expect, test } from 'vitest';
import {
  type ConversationState,
  initialConversationState,
  parseConversationState,
} from '../../../bot/dialogue/conversation-state.ts';
import { WAITING_HANDOFF } from '../handoff/fixtures.ts';

const HANDOFF = WAITING_HANDOFF;

const FULL: ConversationState = {
  misses: 1,
  flow: HANDOFF,
  greeting: { shownAt: '2026-11-20T00:59:00.000Z' },
  lastAnswer: { messageId: 'm-40', intent: 'subscription.cancel', text: '解約したい', flow: 'cancellation' },
};

describe('parseConversationState', () => {
  test('keeps a valid state as it is', () => {
    expect(parseConversationState(structuredClone(FULL))).toEqual(FULL);
  });

  test('keeps a waiting flow of every kind that fits its schema', () => {
    const flows = [
      { name: 'cancellation', step: 'offer', reason: 'price' },
      { name: 'shipping-date', step: 'prefecture', preorder: 0 },
      { name: 'defect', step: 'problem', orderNumber: null },
      { name: 'sizing', step: 'foot', shoeCm: 24.5 },
      { name: 'subscription', step: 'value', change: 'interval', orderNumber: '12345678' },
      {
        name: 'shopperSubscription',
        step: 'failed',
        wish: 'skip',
        subscriptionId: 'sub-a1',
        action: {
          id: 'm-7',
          type: 'subscription.change',
          subscriptionId: 'sub-a1',
          change: { kind: 'skip' },
        },
      },
      { name: 'tracking' },
    ];
    for (const flow of flows) expect(parseConversationState({ misses: 0, flow }).flow).toEqual(flow);
  });

  test('drops a stored order-number action of the removed webhook path: it can never be retried', () => {
    const flow = {
      name: 'subscription',
      step: 'failed',
      change: 'interval',
      orderNumber: '12345678',
      action: { id: 'm-7', type: 'subscription.interval_change', orderNumber: '12345678' },
    };
    expect(parseConversationState({ misses: 0, flow }).flow).toBeUndefined();
  });

  test.each([
    ['null', null],
    ['a string', '{"misses":1}'],
    ['an array', [1, 2]],
    ['a number', 3],
    ['undefined', undefined],
  ])('starts afresh from %s', (_, stored) => {
    expect(parseConversationState(stored)).toEqual(initialConversationState());
  });

  test('gives an older row without misses the default of zero', () => {
    expect(parseConversationState({ greeting: { dismissedAt: '2026-11-20T01:00:00.000Z' } })).toEqual({
      misses: 0,
      greeting: { dismissedAt: '2026-11-20T01:00:00.000Z' },
    });
  });

  test.each([
    ['negative', -1],
    ['fractional', 1.5],
    ['a string', '2'],
  ])('resets a %s miss count to zero', (_, misses) => {
    expect(parseConversationState({ misses }).misses).toBe(0);
  });

  test('drops a flow of a name no flow has (a flow since removed)', () => {
    expect(parseConversationState({ misses: 0, flow: { name: 'gift-wrap', step: 'ask' } })).toEqual({
      misses: 0,
    });
  });

  test('drops a flow whose step no longer exists, keeping the rest', () => {
    const parsed = parseConversationState({
      misses: 1,
      flow: { name: 'cancellation', step: 'survey' },
      greeting: { shownAt: 'x' },
    });
    expect(parsed).toEqual({ misses: 1, greeting: { shownAt: 'x' } });
  });

  test('drops a broken handoff and a last answer without its message id', () => {
    const parsed = parseConversationState({
      misses: 0,
      handoff: { step: 'email', reason: 'bored' },
      lastAnswer: { intent: 'shipping.fee', text: '送料は？' },
    });
    expect(parsed).toEqual({ misses: 0 });
  });

  test('names a handoff stored without an id after its start time', () => {
    const { id: _, name: __, ...older } = HANDOFF;
    expect(parseConversationState({ misses: 0, handoff: older }).flow).toEqual({
      ...HANDOFF,
      id: HANDOFF.startedAt,
    });
  });

  test('reads a handoff stored in the older `handoff` field as the running dialogue', () => {
    const { name: _, ...older } = HANDOFF;
    const stored = { misses: 1, handoff: older, greeting: { shownAt: '2026-11-20T00:59:00.000Z' } };
    expect(parseConversationState(stored)).toEqual({
      misses: 1,
      flow: HANDOFF,
      greeting: { shownAt: '2026-11-20T00:59:00.000Z' },
    });
  });

  test('a handoff in the older field wins over a flow stored beside it, as it did then', () => {
    const { name: _, ...older } = HANDOFF;
    const stored = {
      misses: 0,
      handoff: older,
      flow: { name: 'defect', step: 'problem', orderNumber: null },
    };
    expect(parseConversationState(stored).flow).toEqual(HANDOFF);
  });

  test('drops fields the state does not have', () => {
    expect(parseConversationState({ misses: 2, legacyCounter: 7 })).toEqual({ misses: 2 });
  });

  test('returns a new object: editing the result leaves the stored value alone', () => {
    const stored = { misses: 1 };
    parseConversationState(stored).misses = 5;
    expect(stored.misses).toBe(1);
  });
});
