import { describe, expect, test } from 'vitest';
import {
  DECISION_FEATURES,
  decisionFeatures,
  estimate,
  type SpanClassification,
} from '../../../bot/nlu/decide.ts';
import {
  fitDecisionModel,
  fitLogistic,
  type OutOfFoldExample,
  outOfFoldSpans,
  scoreDecisionModel,
} from '../../../bot/nlu/fit-decision.ts';
import type { TrainingExample } from '../../../bot/nlu/types.ts';
import { SMALL_CORPUS } from '../../helpers/small-corpus.ts';

/** One whole-message span whose top intent scores `top` (the nearest example agrees). */
function row(expected: string, intent: string, top: number, nearestNone = 0.1): OutOfFoldExample {
  const span: SpanClassification = {
    classification: {
      ranked: [
        { intent, score: top },
        { intent: 'other', score: top / 4 },
        { intent: 'none', score: 0 },
      ],
      nearestInScope: { intent, score: top },
      nearestNone,
    },
    coverage: { contentWords: 2, knownContentWords: 2 },
    clause: null,
  };
  return { expected, spans: [span] };
}

/** Right answers score high, wrong ones and out-of-scope questions low: a rule a fit must find. */
const SEPARABLE: OutOfFoldExample[] = [
  ...Array.from({ length: 40 }, (_, i) => row('a', 'a', 0.6 + (i % 10) / 25)),
  ...Array.from({ length: 20 }, (_, i) => row('a', 'b', 0.1 + (i % 10) / 40)),
  ...Array.from({ length: 20 }, (_, i) => row('none', 'a', 0.05 + (i % 10) / 40)),
];

describe('fitLogistic', () => {
  test('learns that a higher top score means a right answer', () => {
    const { weights, bias } = fitLogistic(SEPARABLE);
    const model = {
      features: DECISION_FEATURES,
      weights,
      bias,
      answer: 0.5,
      clarify: 0.5,
      candidateScore: 0.5,
      tieMargin: 0,
    };
    const high = estimate(model, decisionFeatures(row('a', 'a', 0.9).spans[0]!));
    const low = estimate(model, decisionFeatures(row('a', 'a', 0.2).spans[0]!));
    expect(high).toBeGreaterThan(0.8);
    expect(low).toBeLessThan(0.3);
  });

  test('counts out-of-scope examples as much as in-scope ones when asked to balance', () => {
    // Two out-of-scope questions that look like confident answers, except that their nearest example is
    // out of scope: too few to matter in a plain fit, as many as the rest when balanced.
    const rows = [
      ...SEPARABLE.filter((r) => r.expected !== 'none'),
      row('none', 'a', 0.7, 0.8),
      row('none', 'a', 0.75, 0.8),
    ];
    const base = {
      features: DECISION_FEATURES,
      answer: 0.5,
      clarify: 0.5,
      candidateScore: 0.5,
      tieMargin: 0,
    };
    const lookalike = decisionFeatures(row('none', 'a', 0.72, 0.8).spans[0]!);
    const plain = estimate({ ...base, ...fitLogistic(rows) }, lookalike);
    const balanced = estimate({ ...base, ...fitLogistic(rows, { balance: true }) }, lookalike);
    expect(balanced).toBeLessThan(plain);
    expect(balanced).toBeLessThan(0.5);
  });
});

describe('fitDecisionModel', () => {
  test('chooses an answer band that separates right answers from the rest', () => {
    const model = fitDecisionModel(SEPARABLE);
    const score = scoreDecisionModel(SEPARABLE, model);
    expect(score.inScopeAccuracy).toBeCloseTo(40 / 60);
    expect(score.outOfScopeRecall).toBe(1);
    expect(model.clarify).toBeLessThanOrEqual(model.answer);
  });

  test('a stricter objective moves the answer band up', () => {
    const lenient = fitDecisionModel(SEPARABLE, { objective: (s) => s.inScopeAccuracy });
    const strict = fitDecisionModel(SEPARABLE, {
      objective: (s) => s.inScopeAccuracy + 3 * s.outOfScopeRecall,
    });
    expect(strict.answer).toBeGreaterThanOrEqual(lenient.answer);
    expect(scoreDecisionModel(SEPARABLE, strict).outOfScopeRecall).toBe(1);
  });

  test('the other-company gate refuses its rows whatever the model says', () => {
    const gated: OutOfFoldExample = { ...row('none', 'a', 0.95), otherCompany: 'amazon' };
    const model = fitDecisionModel(SEPARABLE);
    expect(scoreDecisionModel([gated], model).outOfScopeRecall).toBe(1);
    expect(scoreDecisionModel([row('none', 'a', 0.95)], model).outOfScopeRecall).toBe(0);
  });
});

describe('outOfFoldSpans', () => {
  test('classifies every example once, by a model that did not see it', async () => {
    const examples: TrainingExample[] = SMALL_CORPUS.intents
      .filter((i) => i.locale === 'ja')
      .flatMap((i) => i.utterances.map((text) => ({ text, intent: i.id })));
    const rows = await outOfFoldSpans(examples, 'ja', 3);
    expect(rows).toHaveLength(examples.length);
    expect(rows.every((r) => r.spans.length >= 1 && r.spans[0]!.clause === null)).toBe(true);
    expect(new Set(rows.map((r) => r.expected))).toEqual(new Set(examples.map((e) => e.intent)));
  });
});
