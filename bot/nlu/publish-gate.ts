/**
 * The publish gate: is a newly trained model worse than the live one? Both are scored on the same
 * held-out tests (the candidate corpus's), so a difference is the model's, not the test set's.
 *
 * Worse means, in any locale: lower in-scope accuracy, lower out-of-scope recall, or (when both were
 * cross-validated) a cross-validation accuracy more than CV_TOLERANCE lower — folds are noisier than
 * the fixed tests, so a small dip there alone does not block. A locale the live model served and the
 * candidate lacks is worse too, and so is an intent the candidate drops while shoppers are being answered
 * with it (`removedWithTraffic`): publishing that needs an admin's reason. Both models are scored on the
 * union of the live and candidate corpora's tests (union-tests.ts), so a deleted intent's tests count as
 * misses instead of disappearing with it.
 */
import type { LocaleScores } from './model-job.ts';
import type { Locale } from './types.ts';

/** Cross-validation accuracy may drop this much (absolute) before it counts as worse. */
export const CV_TOLERANCE = 0.01;
/** Float noise: scores are rounded ratios. */
const EPSILON = 1e-9;

/** One intent of one locale, live vs candidate (correct tests out of total). */
export interface IntentDelta {
  locale: Locale;
  intent: string;
  total: number;
  liveCorrect: number | null;
  candidateCorrect: number;
}

/** The gate's verdict. */
export interface GateVerdict {
  worse: boolean;
  /** Each measure that dropped, for people: "ja in-scope accuracy 90.1% → 88.7%". */
  reasons: string[];
  intents: IntentDelta[];
}

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

/** An intent the live model answers shoppers with that the candidate no longer has. */
export interface RemovedIntent {
  locale: Locale;
  intent: string;
  /** Shopper messages it answered in the traffic window. */
  messages: number;
}

/** Compares a candidate's scores with the live model's (null: nothing live, never worse). */
export function compareWithLive(
  candidate: Partial<Record<Locale, LocaleScores>>,
  live: Partial<Record<Locale, LocaleScores>> | null,
  removedWithTraffic: readonly RemovedIntent[] = [],
): GateVerdict {
  const reasons: string[] = [];
  if (live) {
    for (const removed of removedWithTraffic) {
      reasons.push(
        `${removed.locale}: ${removed.intent} is removed but answered ${removed.messages} shopper messages recently`,
      );
    }
  }
  const intents: IntentDelta[] = [];
  for (const locale of ['ja', 'en'] as const) {
    const next = candidate[locale];
    const current = live?.[locale];
    if (!next) {
      if (current) reasons.push(`${locale}: the new model has no ${locale} model`);
      continue;
    }
    for (const [intent, figures] of Object.entries(next.perIntent)) {
      intents.push({
        locale,
        intent,
        total: figures.total,
        liveCorrect: current ? (current.perIntent[intent]?.correct ?? 0) : null,
        candidateCorrect: figures.correct,
      });
    }
    if (!current) continue;
    if (next.inScopeAccuracy < current.inScopeAccuracy - EPSILON) {
      reasons.push(
        `${locale} in-scope accuracy ${percent(current.inScopeAccuracy)} → ${percent(next.inScopeAccuracy)}`,
      );
    }
    if (next.outOfScopeRecall < current.outOfScopeRecall - EPSILON) {
      reasons.push(
        `${locale} out-of-scope recall ${percent(current.outOfScopeRecall)} → ${percent(next.outOfScopeRecall)}`,
      );
    }
    const nextCv = next.crossValidation;
    const currentCv = current.crossValidation;
    if (nextCv && currentCv && nextCv.inScopeAccuracy < currentCv.inScopeAccuracy - CV_TOLERANCE - EPSILON) {
      reasons.push(
        `${locale} cross-validation accuracy ${percent(currentCv.inScopeAccuracy)} → ${percent(nextCv.inScopeAccuracy)}`,
      );
    }
  }
  intents.sort(
    (a, b) =>
      a.locale.localeCompare(b.locale) ||
      a.candidateCorrect -
        (a.liveCorrect ?? a.candidateCorrect) -
        (b.candidateCorrect - (b.liveCorrect ?? b.candidateCorrect)) ||
      a.intent.localeCompare(b.intent),
  );
  return { worse: reasons.length > 0, reasons, intents };
}
