/**
 * Stratified k-fold cross-validation: each intent's utterances are dealt into k folds in order, each fold
 * is evaluated by a model trained on the others. Shows staff which intents are weak or confused.
 */

import { BotError } from '../errors.ts';
import { type DecidedExample, type EvaluationReport, scoreDecisions } from './evaluate.ts';
import { IntentEngine } from './intent-engine.ts';
import type { Locale, TrainingExample } from './types.ts';

/** Splits examples into k folds, every intent spread evenly (deterministic). */
export function stratifiedFolds(examples: readonly TrainingExample[], k: number): TrainingExample[][] {
  if (!Number.isInteger(k) || k < 2) throw new BotError('BOT_ERR_CV_FOLDS', 'k must be an integer ≥ 2');
  const folds: TrainingExample[][] = Array.from({ length: k }, () => []);
  const seen = new Map<string, number>();
  for (const example of examples) {
    const n = seen.get(example.intent) ?? 0;
    seen.set(example.intent, n + 1);
    folds[n % k]!.push(example);
  }
  return folds;
}

/** Runs k-fold cross-validation: every example is decided by a model that never saw it. */
export async function crossValidate(
  examples: readonly TrainingExample[],
  locale: Locale,
  k: number,
): Promise<EvaluationReport> {
  const folds = stratifiedFolds(examples, k);
  const rows: DecidedExample[] = [];
  for (let i = 0; i < k; i += 1) {
    const train = folds.flatMap((fold, j) => (j === i ? [] : fold));
    const engine = await IntentEngine.train({ [locale]: train }, { cacheSize: 0 });
    for (const example of folds[i]!)
      rows.push({ example, decision: engine.predict(example.text, locale).decision });
  }
  return scoreDecisions(rows);
}
