import { describe, expect, test } from 'vitest';
import { buildAnalyticsReport } from '../../../server/console/analytics-report.ts';
import type {
  AnalyticsFacts,
  BotMessageFact,
  ShopperMessageFact,
} from '../../../server/storage/analytics-queries.ts';
import type { Decision } from '../../../server/storage/repository.ts';

const TOKYO = { timeZone: 'Asia/Tokyo' };

let nextId = 0;
function shopper(
  at: string,
  replyDecision: Decision | null,
  conversationId = 'c1',
  text = 'q',
): ShopperMessageFact {
  nextId += 1;
  return { id: `m${nextId}`, conversationId, text, createdAt: new Date(at), replyDecision };
}

function bot(extra: Partial<BotMessageFact>): BotMessageFact {
  return {
    conversationId: 'c1',
    decision: 'answer',
    intent: null,
    feedback: null,
    outcome: null,
    createdAt: new Date('2026-11-24T03:00:00Z'),
    ...extra,
  };
}

function facts(extra: Partial<AnalyticsFacts>): AnalyticsFacts {
  return { shopperMessages: [], botMessages: [], handoffs: [], ...extra };
}

describe('buildAnalyticsReport', () => {
  test('puts a message at 2026-11-23T15:30Z on 11-24 at hour 00 (Tokyo)', () => {
    const report = buildAnalyticsReport(
      facts({ shopperMessages: [shopper('2026-11-23T15:30:00Z', 'answer')] }),
      {
        from: '2026-11-23',
        to: '2026-11-24',
        ...TOKYO,
      },
    );
    expect(report.days.map((d) => [d.key, d.messages])).toEqual([
      ['2026-11-23', 0],
      ['2026-11-24', 1],
    ]);
    expect(report.hours).toHaveLength(24);
    expect(report.hours.find((h) => h.messages === 1)?.key).toBe('00');
  });

  test('counts answered, clarified and unanswered messages and the rates', () => {
    const report = buildAnalyticsReport(
      facts({
        shopperMessages: [
          shopper('2026-11-24T01:00:00Z', 'answer', 'c1'),
          shopper('2026-11-24T01:01:00Z', 'answer', 'c1'),
          shopper('2026-11-24T01:02:00Z', 'clarify', 'c2'),
          shopper('2026-11-24T01:03:00Z', 'none', 'c2'),
          shopper('2026-11-24T01:04:00Z', 'ask', 'c2'),
        ],
        handoffs: [
          { conversationId: 'c2', reason: 'repeated-fallback', createdAt: new Date('2026-11-24T01:05:00Z') },
        ],
      }),
      { from: '2026-11-24', to: '2026-11-24', ...TOKYO },
    );
    expect(report.totals).toMatchObject({
      conversations: 2,
      messages: 5,
      answered: 2,
      clarified: 1,
      unanswered: 1,
      handoffs: 1,
      answerRate: 0.4,
      handoffRate: 0.5,
    });
    expect(report.handoffsByReason).toEqual([{ reason: 'repeated-fallback', count: 1 }]);
  });

  test('answers zero rates for an empty range', () => {
    const report = buildAnalyticsReport(facts({}), { from: '2026-11-24', to: '2026-11-24', ...TOKYO });
    expect(report.totals).toMatchObject({ messages: 0, answerRate: 0, handoffRate: 0 });
  });

  test('ranks intents and unanswered texts, folding trivial variants of the same question', () => {
    const report = buildAnalyticsReport(
      facts({
        shopperMessages: [
          shopper('2026-11-24T01:00:00Z', 'none', 'c1', '送料はいくら？'),
          shopper('2026-11-24T01:01:00Z', 'none', 'c2', '送料はいくら'),
          shopper('2026-11-24T01:02:00Z', 'none', 'c3', 'ポイントは？'),
        ],
        botMessages: [
          bot({ intent: 'shipping.fee' }),
          bot({ intent: 'shipping.fee' }),
          bot({ intent: 'returns.policy' }),
          bot({ decision: 'none', intent: null }),
        ],
      }),
      { from: '2026-11-24', to: '2026-11-24', ...TOKYO },
    );
    expect(report.topIntents).toEqual([
      { intent: 'shipping.fee', count: 2 },
      { intent: 'returns.policy', count: 1 },
    ]);
    expect(report.topUnanswered).toEqual([
      { text: '送料はいくら？', count: 2 },
      { text: 'ポイントは？', count: 1 },
    ]);
  });

  test('counts ratings by intent and cancellation outcomes by the offer made, taken or declined', () => {
    const retained = (alternative: string) => ({
      flow: 'cancellation',
      result: 'retained',
      reason: 'x',
      alternative,
    });
    const report = buildAnalyticsReport(
      facts({
        botMessages: [
          bot({ intent: 'shipping.fee', feedback: 1 }),
          bot({ intent: 'shipping.fee', feedback: -1 }),
          bot({ intent: 'shipping.fee', feedback: 1 }),
          bot({ conversationId: 'a', intent: 'subscription.cancel', decision: 'ask' }),
          bot({ conversationId: 'a', intent: 'subscription.cancel', outcome: retained('skip') }),
          bot({ conversationId: 'b', intent: 'subscription.cancel', decision: 'ask' }),
          bot({ conversationId: 'b', intent: 'subscription.cancel', outcome: retained('skip') }),
          bot({ conversationId: 'c', intent: 'subscription.cancel', decision: 'ask' }),
          bot({
            conversationId: 'c',
            intent: 'subscription.cancel',
            decision: 'ask',
            outcome: { flow: 'cancellation', result: 'cancelled', reason: 'other' },
          }),
          bot({ conversationId: 'd', intent: 'subscription.cancel', decision: 'ask' }),
          bot({
            conversationId: 'e',
            intent: 'subscription.cancel',
            outcome: { flow: 'cancellation', result: 'cancelled', reason: 'price', alternative: 'skip' },
          }),
          bot({
            conversationId: 'f',
            intent: 'subscription.cancel',
            outcome: { flow: 'cancellation', result: 'retained', reason: 'surplus', alternative: 'interval' },
          }),
        ],
      }),
      { from: '2026-11-24', to: '2026-11-24', ...TOKYO },
    );
    expect(report.feedbackByIntent).toEqual([{ intent: 'shipping.fee', helpful: 2, notHelpful: 1 }]);
    expect(report.cancellation).toEqual({
      started: 6,
      retained: { skip: 2, interval: 1 },
      cancelled: 2,
      cancelledAfterOffer: { skip: 1 },
    });
  });
});
