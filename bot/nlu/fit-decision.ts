/**
 * Fits the decision layer (decide.ts) on data: every training example is classified by a model that never
 * saw it (stratified k-fold, as cross-validate.ts), whole and clause by clause; a logistic model learns
 * from those spans when the top intent is right; the answer and clarify bands are then chosen on the same
 * out-of-fold predictions. Deterministic: the same examples give the same model.
 */
import { stratifiedFolds } from './cross-validate.ts';
import {
  DECISION_FEATURES,
  type DecisionGates,
  type DecisionModel,
  decide,
  decisionFeatures,
  type SpanClassification,
} from './decide.ts';
import { IntentEngine } from './intent-engine.ts';
import { normalizeText } from './normalize.ts';
import { otherCompanyMatcher } from './other-company.ts';
import { type Locale, NONE_INTENT, type TrainingExample } from './types.ts';

/** One example classified out of fold: its expected intent and its spans. */
export interface OutOfFoldExample {
  expected: string;
  spans: SpanClassification[];
  /** Another company named in the text (other-company.ts): the gate refuses it whatever the scores. */
  otherCompany?: string | null;
}

const gatesOf = (row: OutOfFoldExample): DecisionGates => ({ otherCompany: row.otherCompany ?? null });

/** Classifies every example with a model trained on the other folds. */
export async function outOfFoldSpans(
  examples: readonly TrainingExample[],
  locale: Locale,
  folds: number,
): Promise<OutOfFoldExample[]> {
  const dealt = stratifiedFolds(examples, folds);
  const otherCompanies = otherCompanyMatcher();
  const rows: OutOfFoldExample[] = [];
  for (let i = 0; i < folds; i += 1) {
    const train = dealt.flatMap((fold, j) => (j === i ? [] : fold));
    const engine = await IntentEngine.train({ [locale]: train }, { cacheSize: 0 });
    for (const example of dealt[i]!) {
      const normalized = normalizeText(example.text);
      rows.push({
        expected: example.intent,
        spans: engine.spansOf(normalized, locale),
        otherCompany: otherCompanies.find(normalized),
      });
    }
  }
  return rows;
}

/** Options of the logistic fit; every field has a default. */
export interface FitOptions {
  /** L2 penalty on the weights (not the bias). */
  l2?: number;
  /** Gradient steps (full batch; the data is a few thousand rows of a dozen features). */
  steps?: number;
  learningRate?: number;
  /**
   * Weigh out-of-scope examples so that they count as much in all as the in-scope ones (for data where
   * they are few, as CLINC150's 100 in 3,100 validation questions); default off.
   */
  balance?: boolean;
  /**
   * What the answer band maximises; default: in-scope accuracy + out-of-scope recall (both count the
   * same: a wrong answer to an out-of-scope question costs as much as a refused in-scope one).
   */
  objective?: (score: DecisionScore) => number;
  /**
   * Share of the clarifies added by lowering the clarify band that must offer the right intent for the band
   * to go lower; default 0.5 (more often than not).
   */
  clarifyPrecision?: number;
}

const topIntent = (span: SpanClassification): string | undefined =>
  span.classification.ranked.find((c) => c.intent !== NONE_INTENT)?.intent;

/**
 * Logistic regression by full-batch gradient descent with L2. Each span is a row labelled 1 when its top
 * in-scope intent is the expected one. Rows are weighted so that each example counts once however many
 * clauses it has.
 */
export function fitLogistic(
  rows: readonly OutOfFoldExample[],
  options: FitOptions = {},
): { weights: number[]; bias: number } {
  const l2 = options.l2 ?? 1e-3;
  const steps = options.steps ?? 3000;
  const rate = options.learningRate ?? 0.5;
  const x: number[][] = [];
  const y: number[] = [];
  const w: number[] = [];
  const outOfScope = rows.filter((row) => row.expected === NONE_INTENT).length;
  const outWeight = options.balance && outOfScope > 0 ? (rows.length - outOfScope) / outOfScope : 1;
  // The other-company gate decides its rows whatever the scores: nothing to learn from them.
  for (const row of rows.filter((r) => !r.otherCompany)) {
    const rowWeight = row.expected === NONE_INTENT ? outWeight : 1;
    for (const span of row.spans) {
      x.push(decisionFeatures(span));
      y.push(row.expected !== NONE_INTENT && topIntent(span) === row.expected ? 1 : 0);
      w.push(rowWeight / row.spans.length);
    }
  }
  const dims = DECISION_FEATURES.length;
  const weights = new Array<number>(dims).fill(0);
  let bias = 0;
  const total = w.reduce((a, b) => a + b, 0);
  const gradient = new Array<number>(dims);
  for (let step = 0; step < steps; step += 1) {
    gradient.fill(0);
    let biasGradient = 0;
    for (let i = 0; i < x.length; i += 1) {
      const features = x[i]!;
      let z = bias;
      for (let d = 0; d < dims; d += 1) z += weights[d]! * features[d]!;
      const error = (1 / (1 + Math.exp(-z)) - y[i]!) * w[i]!;
      for (let d = 0; d < dims; d += 1) gradient[d]! += error * features[d]!;
      biasGradient += error;
    }
    for (let d = 0; d < dims; d += 1) weights[d]! -= rate * (gradient[d]! / total + l2 * weights[d]!);
    bias -= rate * (biasGradient / total);
  }
  return { weights, bias };
}

/** What a decision model does on out-of-fold examples. */
export interface DecisionScore {
  inScopeAccuracy: number;
  outOfScopeRecall: number;
  clarifyRate: number;
  /** In-scope examples refused or clarified whose right intent was among the clarify candidates. */
  rightAmongCandidates: number;
}

/** Scores a decision model on out-of-fold examples, with the product's definition of correct (evaluate.ts). */
export function scoreDecisionModel(rows: readonly OutOfFoldExample[], model: DecisionModel): DecisionScore {
  let inTotal = 0;
  let inCorrect = 0;
  let outTotal = 0;
  let outCorrect = 0;
  let clarified = 0;
  let among = 0;
  for (const row of rows) {
    const { decision } = decide(row.spans, model, gatesOf(row));
    if (decision.decision === 'clarify') clarified += 1;
    if (row.expected === NONE_INTENT) {
      outTotal += 1;
      if (decision.decision !== 'answer') outCorrect += 1;
    } else {
      inTotal += 1;
      if (decision.decision === 'answer' && decision.intent === row.expected) inCorrect += 1;
      else if (decision.decision === 'clarify' && decision.candidates.some((c) => c.intent === row.expected))
        among += 1;
    }
  }
  return {
    inScopeAccuracy: inTotal === 0 ? 0 : inCorrect / inTotal,
    outOfScopeRecall: outTotal === 0 ? 1 : outCorrect / outTotal,
    clarifyRate: rows.length === 0 ? 0 : clarified / rows.length,
    rightAmongCandidates: inTotal === 0 ? 0 : among / inTotal,
  };
}

/**
 * Fits the logistic model, then chooses the bands on the same rows: the answer band maximises the
 * objective (FitOptions); the clarify band is the lowest estimate at which a
 * clarify still offers the right intent more often than not.
 */
export function fitDecisionModel(rows: readonly OutOfFoldExample[], options: FitOptions = {}): DecisionModel {
  const { weights, bias } = fitLogistic(rows, options);
  const objectiveOf = options.objective ?? ((s: DecisionScore) => s.inScopeAccuracy + s.outOfScopeRecall);
  const candidateScore = 0.5;
  const base = { features: [...DECISION_FEATURES], weights, bias, candidateScore, tieMargin: 0 };
  let best: DecisionModel = { ...base, answer: 0.5, clarify: 0.5 };
  let bestObjective = Number.NEGATIVE_INFINITY;
  for (let answer = 0.05; answer <= 0.951; answer += 0.01) {
    const model = { ...base, answer, clarify: answer };
    const score = scoreDecisionModel(rows, model);
    const objective = objectiveOf(score);
    if (objective > bestObjective + 1e-9) {
      bestObjective = objective;
      best = model;
    }
  }
  // Lower the clarify band step by step while the clarifies it adds still hold the right intent more often
  // than an out-of-scope message or a wrong list: a shopper would rather see two buttons than a refusal.
  const precision = options.clarifyPrecision ?? 0.5;
  let clarify = best.answer;
  for (let candidate = best.answer - 0.01; candidate >= 0.05; candidate -= 0.01) {
    const added = rows.filter((row) => {
      const { decision } = decide(row.spans, { ...best, clarify: candidate }, gatesOf(row));
      return (
        decision.decision === 'clarify' &&
        decide(row.spans, { ...best, clarify }, gatesOf(row)).decision.decision !== 'clarify'
      );
    });
    if (added.length === 0) {
      clarify = candidate;
      continue;
    }
    const helpful = added.filter((row) =>
      decide(row.spans, { ...best, clarify: candidate }, gatesOf(row)).decision.candidates.some(
        (c) => c.intent === row.expected,
      ),
    ).length;
    if (helpful < precision * added.length) break;
    clarify = candidate;
  }
  // The tie margin: the one that raises the utility of the decisions most (the narrowest of equals), where
  // a clarify that offers the right intent is worth half a right answer (the shopper needs one more tap),
  // as long as it turns at most MAX_TIE_ACCURACY_COST of in-scope answers into questions.
  const utility = (score: DecisionScore): number =>
    score.inScopeAccuracy + score.rightAmongCandidates / 2 + score.outOfScopeRecall;
  const untied = scoreDecisionModel(rows, { ...best, clarify });
  let tieMargin = 0;
  let bestUtility = utility(untied);
  for (let margin = 0.01; margin <= 0.101; margin += 0.01) {
    const score = scoreDecisionModel(rows, { ...best, clarify, tieMargin: margin });
    if (untied.inScopeAccuracy - score.inScopeAccuracy > MAX_TIE_ACCURACY_COST) break;
    if (utility(score) > bestUtility + 1e-9) {
      bestUtility = utility(score);
      tieMargin = margin;
    }
  }
  return { ...best, answer: round(best.answer), clarify: round(clarify), tieMargin: round(tieMargin) };
}

/** In-scope accuracy (a share) the tie margin may give up for clarifies: half a point. */
const MAX_TIE_ACCURACY_COST = 0.005;

const round = (n: number): number => Math.round(n * 100) / 100;
