import { describe, expect, test } from 'vitest';
import { DEFAULT_THRESHOLDS, decide } from '../../../bot/nlu/decide.ts';
import type { Classification } from '../../../bot/nlu/intent-model.ts';

function classification(
  scores: Record<string, number>,
  nearestInScope = 0.6,
  nearestNone = 0.2,
): Classification {
  const ranked = Object.entries(scores)
    .map(([intent, score]) => ({ intent, score }))
    .sort((a, b) => b.score - a.score);
  return { ranked, nearestInScope: { intent: ranked[0]!.intent, score: nearestInScope }, nearestNone };
}
const known = { contentWords: 2, knownContentWords: 2 };

describe('decide', () => {
  test('answers a clear winner', () => {
    expect(decide(classification({ a: 0.8, b: 0.1, none: 0 }), known)).toMatchObject({
      decision: 'answer',
      intent: 'a',
    });
  });

  test('clarifies between two close candidates', () => {
    const d = decide(classification({ a: 0.45, b: 0.42, none: 0 }), known);
    expect(d.decision).toBe('clarify');
    expect(d.candidates.map((c) => c.intent)).toEqual(['a', 'b']);
  });

  test('offers at most three candidates', () => {
    const d = decide(classification({ a: 0.4, b: 0.39, c: 0.38, d: 0.37, none: 0 }), known);
    expect(d.candidates).toHaveLength(3);
  });

  test('refuses when the none intent wins', () => {
    expect(decide(classification({ none: 0.7, a: 0.3 }), known)).toMatchObject({
      decision: 'none',
      reason: 'none-intent',
    });
  });

  test('refuses a low score with no runner-up', () => {
    expect(decide(classification({ a: 0.25, b: 0.01, none: 0 }), known)).toMatchObject({
      decision: 'none',
      reason: 'low-score',
    });
  });

  test('refuses when the nearest training example is out of scope', () => {
    expect(decide(classification({ a: 0.6, b: 0.1, none: 0 }, 0.3, 0.5), known)).toMatchObject({
      decision: 'none',
      reason: 'nearest-is-none',
    });
  });

  test('a very confident score overrides the nearest-neighbour gate', () => {
    const d = decide(
      classification({ a: DEFAULT_THRESHOLDS.ja.overrideNearestNone + 0.05, none: 0 }, 0.3, 0.5),
      known,
    );
    expect(d.decision).toBe('answer');
  });

  test('refuses when no content word was ever seen in scope', () => {
    expect(
      decide(classification({ a: 0.9, none: 0 }), { contentWords: 2, knownContentWords: 0 }),
    ).toMatchObject({
      decision: 'none',
      reason: 'unknown-words',
    });
  });

  test('refuses an empty classification', () => {
    expect(decide(classification({ a: 0, none: 0 }), known)).toMatchObject({
      decision: 'none',
      reason: 'empty',
    });
  });
});

describe('decide with answerWithUnknownWords', () => {
  const thresholds = DEFAULT_THRESHOLDS.en;

  test('refuses a middling score when a content word was never seen in scope', () => {
    const partlyKnown = { contentWords: 2, knownContentWords: 1 };
    expect(decide(classification({ a: 0.35, b: 0.01, none: 0 }), partlyKnown, thresholds)).toMatchObject({
      decision: 'none',
      reason: 'unknown-words',
    });
  });

  test('still answers a strong score with an unknown word (a typo, a product name)', () => {
    const partlyKnown = { contentWords: 2, knownContentWords: 1 };
    expect(decide(classification({ a: 0.7, b: 0.01, none: 0 }), partlyKnown, thresholds).decision).toBe(
      'answer',
    );
  });
});
