/**
 * The decision models every engine uses unless told otherwise, fitted by `npm run fit-decision -- --write`
 * on the shipped corpus (4-fold, out-of-fold spans; bot/nlu/fit-decision.ts). Generated: edit the
 * corpus and run the command again instead of editing the numbers.
 */
import { DECISION_FEATURES, type DecisionModel } from './decide.ts';
import type { Locale } from './types.ts';

/** Fitted decision models per locale (weights in DECISION_FEATURES order). */
export const DEFAULT_DECISION_MODELS: Record<Locale, DecisionModel> = {
  ja: {
    features: DECISION_FEATURES,
    weights: [1.9646, 1.9296, -2.9804, -0.6965, 0.1191, 0.3592, -0.1646, -0.8552, -0.9743, 0.7133, -1.9188, 0.2195, -0.6445, 0.2472, -0.2381],
    bias: -1.5239,
    answer: 0.46,
    clarify: 0.4,
    candidateScore: 0.5,
  },
  en: {
    features: DECISION_FEATURES,
    weights: [1.7552, 1.5661, -2.9421, -0.4078, -0.3422, 0.3886, -0.3767, -0.9276, -0.5854, 1.2831, -3.1969, -0.7913, -0.2588, -0.0909, -0.3228],
    bias: -1.0305,
    answer: 0.52,
    clarify: 0.31,
    candidateScore: 0.5,
  },
};
