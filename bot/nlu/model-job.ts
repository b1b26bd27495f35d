/**
 * A model job: train an engine, score it on the held-out tests, and cross-validate it — what the console
 * runs before a model may be published. Pure steps here; run-model-job.ts runs them in a worker thread.
 */
import { crossValidate } from './cross-validate.ts';
import { type EvaluationReport, evaluate } from './evaluate.ts';
import { IntentEngine } from './intent-engine.ts';
import type { Locale, TrainingExample } from './types.ts';

/** What a job trains and scores on. */
export interface ModelJobInput {
  /** Training utterances per locale. */
  examples: Partial<Record<Locale, TrainingExample[]>>;
  /** Held-out tests per locale (never trained on). */
  tests: Partial<Record<Locale, TrainingExample[]>>;
  /** Cross-validation folds (0 or 1: none). */
  folds: number;
  /**
   * The live model's file, scored on the same tests in the same worker (the gate compares the two), so
   * scoring it never stalls the main thread.
   */
  live?: Uint8Array;
}

/** Models (their files) to score on the same tests: the gate's comparison after a publication. */
export interface ScoreJobInput {
  models: Uint8Array[];
  tests: Partial<Record<Locale, TrainingExample[]>>;
}

/** One model's scores on one locale: the figures the publish gate compares. */
export interface LocaleScores {
  inScopeAccuracy: number;
  outOfScopeRecall: number;
  tests: number;
  perIntent: Record<string, { total: number; correct: number }>;
  crossValidation?: { folds: number; inScopeAccuracy: number; outOfScopeRecall: number };
}

/** Where a job is. */
export interface ModelJobProgress {
  stage: 'training' | 'evaluating' | 'cross-validating' | 'done';
  /** 0–1. */
  fraction: number;
  detail?: string;
}

/** What a job produces. */
export interface ModelJobResult {
  /** The model file (IntentEngine.toBytes). */
  model: Uint8Array;
  scores: Partial<Record<Locale, LocaleScores>>;
  /** The live model's scores on the same tests (when `live` was given). */
  liveScores?: Partial<Record<Locale, LocaleScores>>;
}

/** The gate's figures from an evaluation report. */
export function toLocaleScores(report: EvaluationReport): LocaleScores {
  const perIntent: LocaleScores['perIntent'] = {};
  for (const [intent, r] of Object.entries(report.perIntent))
    perIntent[intent] = { total: r.total, correct: r.correct };
  return {
    inScopeAccuracy: report.inScope.accuracy,
    outOfScopeRecall: report.outOfScope.recall,
    tests: report.examples,
    perIntent,
  };
}

/** Scores an engine on held-out tests, per locale that has tests and a model. */
export function scoreEngine(
  engine: IntentEngine,
  tests: Partial<Record<Locale, TrainingExample[]>>,
): Partial<Record<Locale, LocaleScores>> {
  const scores: Partial<Record<Locale, LocaleScores>> = {};
  for (const locale of engine.locales) {
    const list = tests[locale] ?? [];
    scores[locale] = toLocaleScores(evaluate(engine, list, locale));
  }
  return scores;
}

/** Runs a whole job, reporting progress between steps. */
export async function runModelJob(
  input: ModelJobInput,
  onProgress: (progress: ModelJobProgress) => void,
): Promise<ModelJobResult> {
  const locales = (['ja', 'en'] as const).filter((l) => (input.examples[l]?.length ?? 0) > 0);
  const cvSteps = input.folds >= 2 ? locales.length * input.folds : 0;
  // Training counts as a third of the work when cross-validation runs (k more trainings), else most of it.
  const trainShare = cvSteps > 0 ? 1 / (1 + input.folds) : 0.9;
  onProgress({ stage: 'training', fraction: 0 });
  const engine = await IntentEngine.train(input.examples, { cacheSize: 0 });
  onProgress({ stage: 'evaluating', fraction: trainShare });
  const scores = scoreEngine(engine, input.tests);
  if (cvSteps > 0) {
    let done = 0;
    for (const locale of locales) {
      onProgress({
        stage: 'cross-validating',
        fraction: trainShare + ((1 - trainShare) * done) / cvSteps,
        detail: `${locale} ${input.folds} folds`,
      });
      const report = await crossValidate(input.examples[locale] ?? [], locale, input.folds);
      done += input.folds;
      const localeScores = scores[locale];
      if (localeScores) {
        localeScores.crossValidation = {
          folds: input.folds,
          inScopeAccuracy: report.inScope.accuracy,
          outOfScopeRecall: report.outOfScope.recall,
        };
      }
    }
  }
  const liveScores = input.live
    ? scoreEngine(await IntentEngine.fromBytes(input.live, { cacheSize: 0 }), input.tests)
    : undefined;
  onProgress({ stage: 'done', fraction: 1 });
  return { model: engine.toBytes(), scores, ...(liveScores ? { liveScores } : {}) };
}

/** Scores each model on the same tests (in order). */
export async function runScoreJob(input: ScoreJobInput): Promise<Partial<Record<Locale, LocaleScores>>[]> {
  const scores: Partial<Record<Locale, LocaleScores>>[] = [];
  for (const model of input.models) {
    scores.push(scoreEngine(await IntentEngine.fromBytes(model, { cacheSize: 0 }), input.tests));
  }
  return scores;
}
