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
    weights: [
      1.889, // top
      2.0056, // margin
      -3.0094, // noneOutput
      -0.719, // noneWins
      0.2177, // nearestIn
      0.3424, // nearestAgrees
      -0.1686, // topWhenNearestAgrees
      -0.9108, // nearestNone
      -1.1286, // noneCloser
      0.6989, // coverage
      -1.6621, // unknownWords
      0.1598, // contentWords
      -0.4948, // clause
      0.2034, // clauseShare
      -0.3658, // lastClause
    ],
    bias: -1.4599,
    answer: 0.49,
    clarify: 0.4,
    candidateScore: 0.5,
    tieMargin: 0.02,
  },
  en: {
    features: DECISION_FEATURES,
    weights: [
      1.7552, // top
      1.5661, // margin
      -2.9421, // noneOutput
      -0.4078, // noneWins
      -0.3422, // nearestIn
      0.3886, // nearestAgrees
      -0.3767, // topWhenNearestAgrees
      -0.9276, // nearestNone
      -0.5854, // noneCloser
      1.2831, // coverage
      -3.1969, // unknownWords
      -0.7913, // contentWords
      -0.2588, // clause
      -0.0909, // clauseShare
      -0.3228, // lastClause
    ],
    bias: -1.0305,
    answer: 0.52,
    clarify: 0.31,
    candidateScore: 0.5,
    tieMargin: 0,
  },
};
