import { describe, expect, test } from 'vitest';
import {
  DECISION_FEATURES,
  type DecisionModel,
  decide,
  decisionFeatures,
  estimate,
  isDecisionModel,
  type SpanClassification,
} from '../../../bot/nlu/decide.ts';
import { DEFAULT_DECISION_MODELS } from '../../../bot/nlu/decision-defaults.ts';

/** A span with the given network outputs; the nearest in-scope example agrees with the top intent. */
function span(
  scores: Record<string, number>,
  options: {
    nearestInScope?: number;
    nearestNone?: number;
    coverage?: SpanClassification['coverage'];
    clause?: SpanClassification['clause'];
  } = {},
): SpanClassification {
  const ranked = Object.entries(scores)
    .map(([intent, score]) => ({ intent, score }))
    .sort((a, b) => b.score - a.score);
  const top = ranked.find((c) => c.intent !== 'none');
  return {
    classification: {
      ranked,
      nearestInScope: { intent: top?.intent ?? 'none', score: options.nearestInScope ?? 0.6 },
      nearestNone: options.nearestNone ?? 0.2,
    },
    coverage: options.coverage ?? { contentWords: 2, knownContentWords: 2 },
    clause: options.clause ?? null,
  };
}

/** A model whose estimate is σ(10 × (top − 0.5)): exact, so each band can be reached on purpose. */
const weights = DECISION_FEATURES.map((f) => (f === 'top' ? 10 : 0));
const MODEL: DecisionModel = {
  features: DECISION_FEATURES,
  weights,
  bias: -5,
  answer: 0.6,
  clarify: 0.3,
  candidateScore: 0.5,
  tieMargin: 0,
};

describe('decide', () => {
  test('answers when the estimate reaches the answer band', () => {
    const verdict = decide([span({ a: 0.8, b: 0.1, none: 0 })], MODEL);
    expect(verdict.decision).toMatchObject({ decision: 'answer', intent: 'a' });
    expect(verdict.decision.score).toBeCloseTo(estimate(MODEL, decisionFeatures(span({ a: 0.8, b: 0.1 }))));
  });

  test('clarifies in the clarify band with the top intent and the close runners-up as candidates', () => {
    const { decision } = decide([span({ a: 0.45, b: 0.4, c: 0.05, none: 0 })], MODEL);
    expect(decision.decision).toBe('clarify');
    expect(decision.candidates.map((c) => c.intent)).toEqual(['a', 'b']);
  });

  test('asks which one when the top two intents are neck and neck, however confident', () => {
    const tie = span({ a: 0.9, b: 0.88, none: 0 });
    expect(decide([tie], MODEL).decision.decision).toBe('answer');
    const { decision } = decide([tie], { ...MODEL, tieMargin: 0.05 });
    expect(decision.decision).toBe('clarify');
    expect(decision.candidates.map((c) => c.intent)).toEqual(['a', 'b']);
  });

  test('offers the nearest example’s intent as a candidate even when the network ranks it low', () => {
    const s = span({ a: 0.45, b: 0.1, c: 0.05, none: 0 });
    s.classification.nearestInScope = { intent: 'c', score: 0.5 };
    expect(decide([s], MODEL).decision.candidates.map((c) => c.intent)).toEqual(['a', 'c']);
  });

  test('offers at most three candidates', () => {
    const { decision } = decide([span({ a: 0.45, b: 0.44, c: 0.43, d: 0.42, none: 0 })], MODEL);
    expect(decision.candidates).toHaveLength(3);
  });

  test('refuses below the clarify band and says why', () => {
    expect(decide([span({ a: 0.3, b: 0.01, none: 0 })], MODEL).decision).toMatchObject({
      decision: 'none',
      reason: 'low-score',
    });
    expect(decide([span({ none: 0.7, a: 0.3 })], MODEL).decision).toMatchObject({
      decision: 'none',
      reason: 'none-intent',
    });
    expect(
      decide([span({ a: 0.3, none: 0 }, { nearestInScope: 0.2, nearestNone: 0.5 })], MODEL).decision,
    ).toMatchObject({
      decision: 'none',
      reason: 'nearest-is-none',
    });
  });

  test('refuses when no content word was ever seen in scope, whatever the score', () => {
    const unknown = span({ a: 0.9, none: 0 }, { coverage: { contentWords: 2, knownContentWords: 0 } });
    expect(decide([unknown], MODEL).decision).toMatchObject({ decision: 'none', reason: 'unknown-words' });
  });

  test('refuses an empty classification', () => {
    expect(decide([span({ a: 0, none: 0 })], MODEL).decision).toMatchObject({
      decision: 'none',
      reason: 'empty',
    });
  });

  test('refuses a question about another company’s service, whatever the score', () => {
    const verdict = decide([span({ a: 0.95, none: 0 })], MODEL, { otherCompany: 'amazon' });
    expect(verdict.decision).toMatchObject({ decision: 'none', reason: 'other-company', intent: 'a' });
  });

  test('a clause with a higher estimate than the whole message decides, and the verdict names it', () => {
    const whole = span({ a: 0.3, b: 0.2, none: 0.1 });
    const story = span({ b: 0.2, none: 0.1 }, { clause: { text: '注文した。', share: 0.4, last: false } });
    const request = span(
      { cancel: 0.9, none: 0 },
      { clause: { text: '解約したい。', share: 0.3, last: true } },
    );
    const verdict = decide([whole, story, request], MODEL);
    expect(verdict.span).toBe(2);
    expect(verdict.decision).toMatchObject({ decision: 'answer', intent: 'cancel' });
  });

  test('a clause that is only politeness never outranks the message it wraps', () => {
    const whole = span({ 'subscription.cancel': 0.7, greeting: 0.2, none: 0 });
    const polite = span(
      { greeting: 0.95, none: 0 },
      { clause: { text: 'お世話になっております。', share: 0.5, last: false } },
    );
    const verdict = decide([whole, polite], MODEL);
    expect(verdict.span).toBe(0);
    expect(verdict.decision).toMatchObject({ decision: 'answer', intent: 'subscription.cancel' });
  });

  test('politeness around something else is not answered as a greeting', () => {
    const whole = span({ greeting: 0.9, none: 0 });
    const hello = span(
      { greeting: 0.95, none: 0 },
      { clause: { text: 'もしもし?', share: 0.2, last: false } },
    );
    const other = span(
      { 'shipping.fee': 0.1, none: 0.3 },
      { clause: { text: 'テレビが映らない', share: 0.8, last: true } },
    );
    expect(decide([whole, hello, other], MODEL).decision.decision).toBe('none');
    const thanks = span(
      { thanks: 0.9, none: 0 },
      { clause: { text: '助かりました', share: 0.5, last: true } },
    );
    expect(decide([whole, hello, thanks], MODEL).decision).toMatchObject({
      decision: 'answer',
      intent: 'greeting',
    });
  });

  test('throws a coded error without the whole message', () => {
    expect(() => decide([], MODEL)).toThrow(
      expect.objectContaining({ name: 'BotError', code: 'BOT_ERR_DECIDE_NO_SPAN' }),
    );
  });
});

describe('decisionFeatures', () => {
  test('describes a span in the order of DECISION_FEATURES', () => {
    const features = decisionFeatures(
      span({ a: 0.8, b: 0.3, none: 0.1 }, { coverage: { contentWords: 4, knownContentWords: 3 } }),
    );
    const named = Object.fromEntries(DECISION_FEATURES.map((name, i) => [name, features[i]]));
    expect(named).toMatchObject({
      top: 0.8,
      noneOutput: 0.1,
      noneWins: 0,
      nearestAgrees: 1,
      coverage: 0.75,
      clause: 0,
    });
    expect(named.margin).toBeCloseTo(0.5);
  });
});

describe('isDecisionModel', () => {
  test('accepts the shipped models and refuses the hand thresholds that older engines stored', () => {
    expect(isDecisionModel(DEFAULT_DECISION_MODELS.ja)).toBe(true);
    expect(isDecisionModel(DEFAULT_DECISION_MODELS.en)).toBe(true);
    expect(isDecisionModel({ answer: 0.3, clarify: 0.2, margin: 0.05, overrideNearestNone: 0.75 })).toBe(
      false,
    );
    expect(isDecisionModel({ ...MODEL, weights: [1, 2] })).toBe(false);
  });
});
