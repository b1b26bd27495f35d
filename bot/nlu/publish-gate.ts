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
 *
 * The verdict is data (a code and its figures per reason), not sentences: the console words it in the
 * staff member's language (console/translations/), logs keep the figures.
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

/** A score the gate compares, per locale. */
export type GateMeasure = 'in-scope-accuracy' | 'out-of-scope-recall' | 'cross-validation-accuracy';

/** Why a candidate is worse: a stable code and the figures that show it (scores are ratios 0–1). */
export type GateReason =
  /** An intent the candidate lacks answered `messages` shopper messages in the traffic window. */
  | { code: 'PUBLISH_GATE_INTENT_REMOVED'; locale: Locale; intent: string; messages: number }
  /** The live model served this locale and the candidate has no model for it. */
  | { code: 'PUBLISH_GATE_LOCALE_MISSING'; locale: Locale }
  /** A score dropped from `live` to `candidate`. */
  | {
      code: 'PUBLISH_GATE_SCORE_DROPPED';
      locale: Locale;
      measure: GateMeasure;
      live: number;
      candidate: number;
    };

/** The gate's verdict. */
export interface GateVerdict {
  worse: boolean;
  /** Each reason the candidate is worse, in a stable order (removed intents, then per locale). */
  reasons: GateReason[];
  intents: IntentDelta[];
}

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
  const reasons: GateReason[] = [];
  if (live) {
    for (const { locale, intent, messages } of removedWithTraffic) {
      reasons.push({ code: 'PUBLISH_GATE_INTENT_REMOVED', locale, intent, messages });
    }
  }
  const dropped = (locale: Locale, measure: GateMeasure, before: number, after: number): void => {
    reasons.push({ code: 'PUBLISH_GATE_SCORE_DROPPED', locale, measure, live: before, candidate: after });
  };
  const intents: IntentDelta[] = [];
  for (const locale of ['ja', 'en'] as const) {
    const next = candidate[locale];
    const current = live?.[locale];
    if (!next) {
      if (current) reasons.push({ code: 'PUBLISH_GATE_LOCALE_MISSING', locale });
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
      dropped(locale, 'in-scope-accuracy', current.inScopeAccuracy, next.inScopeAccuracy);
    }
    if (next.outOfScopeRecall < current.outOfScopeRecall - EPSILON) {
      dropped(locale, 'out-of-scope-recall', current.outOfScopeRecall, next.outOfScopeRecall);
    }
    const nextCv = next.crossValidation;
    const currentCv = current.crossValidation;
    if (nextCv && currentCv && nextCv.inScopeAccuracy < currentCv.inScopeAccuracy - CV_TOLERANCE - EPSILON) {
      dropped(locale, 'cross-validation-accuracy', currentCv.inScopeAccuracy, nextCv.inScopeAccuracy);
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
