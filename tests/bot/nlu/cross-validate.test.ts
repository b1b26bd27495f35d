import { describe, expect, test } from 'vitest';
import { crossValidate, stratifiedFolds } from '../../../bot/nlu/cross-validate.ts';
import { SMALL_CORPUS } from '../../helpers/small-corpus.ts';

const examples = SMALL_CORPUS.intents
  .filter((i) => i.locale === 'ja')
  .flatMap((i) => i.utterances.map((text) => ({ text, intent: i.id })));

describe('stratifiedFolds', () => {
  test('spreads every intent over all folds and keeps every example once', () => {
    const folds = stratifiedFolds(examples, 3);
    expect(folds.flat()).toHaveLength(examples.length);
    for (const fold of folds) expect(new Set(fold.map((e) => e.intent)).size).toBe(6);
  });

  test('rejects fewer than two folds', () => {
    expect(() => stratifiedFolds(examples, 1)).toThrowError(
      expect.objectContaining({ name: 'BotError', code: 'BOT_ERR_CV_FOLDS' }),
    );
  });
});

describe('crossValidate', () => {
  test('decides every example once, with a model that did not see it', async () => {
    const report = await crossValidate(examples, 'ja', 3);
    expect(report.examples).toBe(examples.length);
    expect(report.inScope.total + report.outOfScope.total).toBe(examples.length);
    expect(Object.keys(report.perIntent).sort()).toEqual([...new Set(examples.map((e) => e.intent))].sort());
  });
});
