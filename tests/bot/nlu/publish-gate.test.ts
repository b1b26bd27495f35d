import { describe, expect, it } from 'vitest';
import type { LocaleScores } from '../../../bot/nlu/model-job.ts';
import { compareWithLive } from '../../../bot/nlu/publish-gate.ts';

function scores(
  inScope: number,
  oos: number,
  perIntent: Record<string, [number, number]> = {},
  cv?: number,
): LocaleScores {
  return {
    inScopeAccuracy: inScope,
    outOfScopeRecall: oos,
    tests: 10,
    perIntent: Object.fromEntries(
      Object.entries(perIntent).map(([k, [correct, total]]) => [k, { correct, total }]),
    ),
    ...(cv === undefined
      ? {}
      : { crossValidation: { folds: 3, inScopeAccuracy: cv, outOfScopeRecall: oos } }),
  };
}

describe('compareWithLive', () => {
  it('finds a model worse when it drops an intent shoppers are answered with, even at equal scores', () => {
    const live = { ja: scores(0.9, 0.9) };
    const verdict = compareWithLive({ ja: scores(0.9, 0.9) }, live, [
      { locale: 'ja', intent: 'shipping.fee', messages: 12 },
    ]);
    expect(verdict.worse).toBe(true);
    expect(verdict.reasons).toEqual([
      { code: 'PUBLISH_GATE_INTENT_REMOVED', locale: 'ja', intent: 'shipping.fee', messages: 12 },
    ]);
  });

  it('is never worse when nothing is live', () => {
    const verdict = compareWithLive({ ja: scores(0.5, 0.5, { a: [1, 2] }) }, null);
    expect(verdict.worse).toBe(false);
    expect(verdict.intents).toEqual([
      { locale: 'ja', intent: 'a', total: 2, liveCorrect: null, candidateCorrect: 1 },
    ]);
  });

  it('finds a model worse when in-scope accuracy or out-of-scope recall drops in any locale', () => {
    const live = { ja: scores(0.9, 0.9), en: scores(0.8, 0.8) };
    expect(compareWithLive({ ja: scores(0.9, 0.9), en: scores(0.8, 0.8) }, live).worse).toBe(false);
    expect(compareWithLive({ ja: scores(0.95, 0.92), en: scores(0.8, 0.8) }, live).worse).toBe(false);
    const inScope = compareWithLive({ ja: scores(0.887, 0.9), en: scores(0.8, 0.8) }, live);
    expect(inScope.worse).toBe(true);
    expect(inScope.reasons).toEqual([
      {
        code: 'PUBLISH_GATE_SCORE_DROPPED',
        locale: 'ja',
        measure: 'in-scope-accuracy',
        live: 0.9,
        candidate: 0.887,
      },
    ]);
    const oos = compareWithLive({ ja: scores(0.9, 0.9), en: scores(0.85, 0.7) }, live);
    expect(oos.reasons).toEqual([
      {
        code: 'PUBLISH_GATE_SCORE_DROPPED',
        locale: 'en',
        measure: 'out-of-scope-recall',
        live: 0.8,
        candidate: 0.7,
      },
    ]);
  });

  it('tolerates a cross-validation dip within one point but not beyond', () => {
    const live = { ja: scores(0.9, 0.9, {}, 0.82) };
    expect(compareWithLive({ ja: scores(0.9, 0.9, {}, 0.815) }, live).worse).toBe(false);
    const verdict = compareWithLive({ ja: scores(0.9, 0.9, {}, 0.8) }, live);
    expect(verdict.reasons).toEqual([
      {
        code: 'PUBLISH_GATE_SCORE_DROPPED',
        locale: 'ja',
        measure: 'cross-validation-accuracy',
        live: 0.82,
        candidate: 0.8,
      },
    ]);
  });

  it('finds a model worse when it lost a locale the live model served', () => {
    const verdict = compareWithLive({ ja: scores(0.9, 0.9) }, { ja: scores(0.9, 0.9), en: scores(0.8, 0.8) });
    expect(verdict.worse).toBe(true);
    expect(verdict.reasons[0]).toEqual({ code: 'PUBLISH_GATE_LOCALE_MISSING', locale: 'en' });
  });

  it('lists intents that lost the most first', () => {
    const verdict = compareWithLive(
      { ja: scores(0.8, 0.9, { kept: [5, 5], lost: [1, 5], gained: [5, 5] }) },
      { ja: scores(0.8, 0.9, { kept: [5, 5], lost: [5, 5], gained: [2, 5] }) },
    );
    expect(verdict.intents.map((i) => i.intent)).toEqual(['lost', 'kept', 'gained']);
  });
});
