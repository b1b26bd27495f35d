/**
 * Turns classifications into a decision: answer (confident), clarify (the right intent is likely among two
 * or three candidates), or none (out of scope or unsure → the dialogue refuses or hands off). Pure.
 *
 * The decision is fitted on data, not set by hand: a logistic model over a few features of a
 * classification (top score, margin, the none output, nearest in-scope and out-of-scope neighbours, word
 * coverage, whether it is a clause of a longer message) estimates the chance that the top intent is right.
 * Its weights and the answer/clarify bands come from out-of-fold predictions of the shipped corpus
 * (fit-decision.ts, `npm run fit-decision`; docs/nlu.md). A message is classified whole and clause by
 * clause (clauses.ts); the span with the highest estimate decides, so a request at the end of a long story
 * is not drowned by the story.
 */

import { BotError } from '../errors.ts';
import type { Classification } from './intent-model.ts';
import { type IntentScore, NONE_INTENT, SOCIAL_INTENTS } from './types.ts';

/** Content words of a span, and how many of them training saw in scope. */
export interface Coverage {
  contentWords: number;
  knownContentWords: number;
}

/** One classified span of a message: the whole message, or one of its clauses. */
export interface SpanClassification {
  classification: Classification;
  coverage: Coverage;
  /** Null for the whole message; for a clause, its share of the message's letters and whether it is last. */
  clause: { text: string; share: number; last: boolean } | null;
}

/** The features the decision model reads, in its weights' order. */
export const DECISION_FEATURES = [
  'top',
  'margin',
  'noneOutput',
  'noneWins',
  'nearestIn',
  'nearestAgrees',
  'topWhenNearestAgrees',
  'nearestNone',
  'noneCloser',
  'coverage',
  'unknownWords',
  'contentWords',
  'clause',
  'clauseShare',
  'lastClause',
] as const;

/** A fitted decision model (see fit-decision.ts). */
export interface DecisionModel {
  /** Feature names the weights belong to (DECISION_FEATURES when fitted by this version). */
  features: readonly string[];
  weights: readonly number[];
  bias: number;
  /** Estimated chance of being right at or above which the top intent is answered. */
  answer: number;
  /** Estimate at or above which the shopper is offered the candidates (when there are two or more). */
  clarify: number;
  /** Share of the top intent's network output another intent needs to be offered as a clarify button. */
  candidateScore: number;
  /**
   * Network outputs of the top two intents closer than this are a tie: the shopper is asked which one
   * (clarify) instead of answered, whatever the estimate (from the clarify band up).
   */
  tieMargin: number;
}

/** Why a message was judged out of scope. */
export type NoneReason =
  | 'none-intent'
  | 'low-score'
  | 'nearest-is-none'
  | 'unknown-words'
  | 'other-company'
  | 'empty';

/** The engine's verdict on one message. `score` is the estimated chance (0–1) that `intent` is right. */
export type NluDecision =
  | { decision: 'answer'; intent: string; score: number; candidates: IntentScore[] }
  | { decision: 'clarify'; intent: string; score: number; candidates: IntentScore[] }
  | { decision: 'none'; reason: NoneReason; intent: string | null; score: number; candidates: IntentScore[] };

const MAX_CANDIDATES = 3;
/** Network outputs above this are clipped: they all mean "clearly this". */
const MAX_OUTPUT = 1.5;
/** Content words beyond this count no more (a long message is long). */
const CONTENT_WORDS_SCALE = Math.log(31);
const UNKNOWN_WORDS_CAP = 5;

/** The feature vector of one span, in DECISION_FEATURES order. */
export function decisionFeatures(span: SpanClassification): number[] {
  const { classification, coverage, clause } = span;
  // One pass over the ranking (called for every span of every message: no filtered copies).
  let first: IntentScore | undefined;
  let second: IntentScore | undefined;
  let noneScore = 0;
  for (const c of classification.ranked) {
    if (c.intent === NONE_INTENT) noneScore = c.score;
    else if (first === undefined) first = c;
    else second ??= c;
  }
  const top = Math.min(MAX_OUTPUT, first?.score ?? 0);
  const secondOutput = Math.min(MAX_OUTPUT, second?.score ?? 0);
  const noneOutput = Math.min(MAX_OUTPUT, noneScore);
  const nearestIn = classification.nearestInScope.score;
  const agrees = first !== undefined && classification.nearestInScope.intent === first.intent ? 1 : 0;
  const unknown = coverage.contentWords - coverage.knownContentWords;
  return [
    top,
    top - secondOutput,
    noneOutput,
    noneOutput > top ? 1 : 0,
    nearestIn,
    agrees,
    top * agrees,
    classification.nearestNone,
    classification.nearestNone - nearestIn,
    coverage.contentWords === 0 ? 1 : coverage.knownContentWords / coverage.contentWords,
    Math.min(unknown, UNKNOWN_WORDS_CAP) / UNKNOWN_WORDS_CAP,
    Math.min(1, Math.log1p(coverage.contentWords) / CONTENT_WORDS_SCALE),
    clause ? 1 : 0,
    clause ? clause.share : 1,
    clause?.last ? 1 : 0,
  ];
}

/** The logistic model's estimate for one feature vector. */
export function estimate(model: DecisionModel, features: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i += 1) z += model.weights[i]! * (features[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

/** True when `value` is a usable decision model (a stored engine may carry an older shape). */
export function isDecisionModel(value: unknown): value is DecisionModel {
  const m = value as DecisionModel | undefined;
  return (
    typeof m === 'object' &&
    m !== null &&
    Array.isArray(m.features) &&
    Array.isArray(m.weights) &&
    m.weights.length === DECISION_FEATURES.length &&
    m.features.every((f, i) => f === DECISION_FEATURES[i]) &&
    m.weights.every((w) => Number.isFinite(w)) &&
    [m.bias, m.answer, m.clarify, m.candidateScore, m.tieMargin].every((n) => Number.isFinite(n))
  );
}

/** Gates that refuse whatever the scores say. */
export interface DecisionGates {
  /** Another company's service named in the message (other-company.ts), or null. */
  otherCompany: string | null;
}

/** A span with its estimate. */
interface Estimated {
  index: number;
  span: SpanClassification;
  best: IntentScore | undefined;
  p: number;
}

function reasonFor(span: SpanClassification): NoneReason {
  const { classification, coverage } = span;
  const top = classification.ranked[0];
  if (!top || top.score <= 0) return 'empty';
  if (top.intent === NONE_INTENT) return 'none-intent';
  if (coverage.contentWords > 0 && coverage.knownContentWords === 0) return 'unknown-words';
  if (classification.nearestNone > classification.nearestInScope.score) return 'nearest-is-none';
  if (coverage.knownContentWords < coverage.contentWords) return 'unknown-words';
  return 'low-score';
}

/**
 * The intents a clarify offers, best first: the top intent, the others scoring at least
 * `candidateScore` × its score, and the intent of the nearest in-scope example (a second opinion that
 * often holds the right intent when the network's second guess is weak). At most three.
 */
function candidatesOf(span: SpanClassification, model: DecisionModel): IntentScore[] {
  const inScope = span.classification.ranked.filter((c) => c.intent !== NONE_INTENT);
  const top = inScope[0];
  if (!top || top.score <= 0) return [];
  const nearest = span.classification.nearestInScope.intent;
  return inScope
    .filter((c) => c === top || c.score >= model.candidateScore * top.score || c.intent === nearest)
    .slice(0, MAX_CANDIDATES);
}

/** A decision and the span it was made on (0: the whole message; i: its i-th clause). */
export interface Verdict {
  decision: NluDecision;
  span: number;
}

/**
 * Decides on a message from its spans (the whole message first, then its clauses, if any). The span with
 * the highest estimate decides; the whole message wins ties.
 */
export function decide(
  spans: readonly SpanClassification[],
  model: DecisionModel,
  gates: DecisionGates = { otherCompany: null },
): Verdict {
  const whole = spans[0];
  if (!whole) throw new BotError('BOT_ERR_DECIDE_NO_SPAN', 'decide() needs the whole message');
  const estimated: Estimated[] = spans.map((span, index) => ({
    index,
    span,
    best: span.classification.ranked.find((c) => c.intent !== NONE_INTENT),
    p: estimate(model, decisionFeatures(span)),
  }));
  let chosen = estimated[0]!;
  // A clause that is only politeness (「お世話になっております」) never outranks the message it wraps.
  for (const e of estimated) {
    if (e.p > chosen.p && !(e.span.clause && e.best && SOCIAL_INTENTS.has(e.best.intent))) chosen = e;
  }
  const candidates = candidatesOf(chosen.span, model);
  const verdict = (decision: NluDecision): Verdict => ({ decision, span: chosen.index });
  const none = (reason: NoneReason) =>
    verdict({ decision: 'none', reason, intent: chosen.best?.intent ?? null, score: chosen.p, candidates });
  const wholeTop = whole.classification.ranked[0];
  if (!wholeTop || wholeTop.score <= 0 || !chosen.best) return none('empty');
  if (gates.otherCompany !== null) return none('other-company');
  // Every content word unseen in any in-scope example (猫, 宇宙): whatever matched was a function word.
  if (whole.coverage.contentWords > 0 && whole.coverage.knownContentWords === 0) return none('unknown-words');
  // 「もしもし？テレビが映らない」: politeness around something else is not a greeting to answer.
  const wrapsSomethingElse =
    SOCIAL_INTENTS.has(chosen.best.intent) &&
    estimated.some((e) => e.span.clause && e.best && !SOCIAL_INTENTS.has(e.best.intent));
  if (wrapsSomethingElse) return none(reasonFor(chosen.span));
  // Two intents neck and neck (「周期をやめたい」: interval change or cancellation?): ask, don't guess.
  const runnerUp = chosen.span.classification.ranked.filter((c) => c.intent !== NONE_INTENT)[1];
  const tied =
    runnerUp !== undefined && chosen.best.score - runnerUp.score < model.tieMargin && candidates.length >= 2;
  if (chosen.p >= model.answer && !tied)
    return verdict({ decision: 'answer', intent: chosen.best.intent, score: chosen.p, candidates });
  if (tied && chosen.p >= model.clarify)
    return verdict({ decision: 'clarify', intent: chosen.best.intent, score: chosen.p, candidates });
  if (chosen.p >= model.clarify && candidates.length >= 2)
    return verdict({ decision: 'clarify', intent: chosen.best.intent, score: chosen.p, candidates });
  return none(reasonFor(chosen.span));
}
