/**
 * Stratified k-fold cross-validation: each intent's utterances are dealt into k folds in order, each fold
 * is evaluated by a model trained on the others. Shows staff which intents are weak or confused.
 */
import { type EvaluationReport, evaluate } from './evaluate.ts';
import { IntentEngine } from './intent-engine.ts';
import type { Locale, TrainingExample } from './types.ts';

/** Splits examples into k folds, every intent spread evenly (deterministic). */
export function stratifiedFolds(examples: readonly TrainingExample[], k: number): TrainingExample[][] {
  if (!Number.isInteger(k) || k < 2) throw new Error('BOT_ERR_CV_FOLDS: k must be an integer ≥ 2');
  const folds: TrainingExample[][] = Array.from({ length: k }, () => []);
  const seen = new Map<string, number>();
  for (const example of examples) {
    const n = seen.get(example.intent) ?? 0;
    seen.set(example.intent, n + 1);
    folds[n % k]!.push(example);
  }
  return folds;
}

/** Runs k-fold cross-validation and merges the fold reports into one. */
export async function crossValidate(
  examples: readonly TrainingExample[],
  locale: Locale,
  k: number,
): Promise<EvaluationReport> {
  const folds = stratifiedFolds(examples, k);
  const reports: EvaluationReport[] = [];
  for (let i = 0; i < k; i += 1) {
    const train = folds.flatMap((fold, j) => (j === i ? [] : fold));
    const engine = await IntentEngine.train({ [locale]: train }, { cacheSize: 0 });
    reports.push(evaluate(engine, folds[i]!, locale));
  }
  return mergeReports(reports);
}

function mergeReports(reports: EvaluationReport[]): EvaluationReport {
  const ratio = (a: number, b: number): number => (b === 0 ? 0 : Math.round((a / b) * 10_000) / 10_000);
  const merged: EvaluationReport = {
    examples: 0,
    inScope: { total: 0, correct: 0, accuracy: 0 },
    outOfScope: { total: 0, correct: 0, recall: 0 },
    clarifyRate: 0,
    perIntent: {},
    confusions: [],
    misses: [],
  };
  let clarified = 0;
  const confusions = new Map<string, number>();
  for (const r of reports) {
    merged.examples += r.examples;
    merged.inScope.total += r.inScope.total;
    merged.inScope.correct += r.inScope.correct;
    merged.outOfScope.total += r.outOfScope.total;
    merged.outOfScope.correct += r.outOfScope.correct;
    clarified += Math.round(r.clarifyRate * r.examples);
    for (const [intent, p] of Object.entries(r.perIntent)) {
      const m = merged.perIntent[intent] ?? {
        total: 0,
        correct: 0,
        accuracy: 0,
        wrongAnswers: 0,
        clarified: 0,
        refused: 0,
      };
      m.total += p.total;
      m.correct += p.correct;
      m.wrongAnswers += p.wrongAnswers;
      m.clarified += p.clarified;
      m.refused += p.refused;
      merged.perIntent[intent] = m;
    }
    for (const c of r.confusions) {
      const key = `${c.expected}\u0000${c.predicted}`;
      confusions.set(key, (confusions.get(key) ?? 0) + c.count);
    }
    merged.misses.push(...r.misses);
  }
  for (const p of Object.values(merged.perIntent)) p.accuracy = ratio(p.correct, p.total);
  merged.inScope.accuracy = ratio(merged.inScope.correct, merged.inScope.total);
  merged.outOfScope.recall = ratio(merged.outOfScope.correct, merged.outOfScope.total);
  merged.clarifyRate = ratio(clarified, merged.examples);
  merged.confusions = [...confusions.entries()]
    .map(([key, count]) => {
      const [expected, predicted] = key.split('\u0000') as [string, string];
      return { expected, predicted, count };
    })
    .sort((a, b) => b.count - a.count);
  return merged;
}
