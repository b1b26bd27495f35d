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
      1.9646, // top
      1.9296, // margin
      -2.9804, // noneOutput
      -0.6965, // noneWins
      0.1191, // nearestIn
      0.3592, // nearestAgrees
      -0.1646, // topWhenNearestAgrees
      -0.8552, // nearestNone
      -0.9743, // noneCloser
      0.7133, // coverage
      -1.9188, // unknownWords
      0.2195, // contentWords
      -0.6445, // clause
      0.2472, // clauseShare
      -0.2381, // lastClause
    ],
    bias: -1.5239,
    answer: 0.46,
    clarify: 0.4,
    candidateScore: 0.5,
    tieMargin: 0.03,
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
    tieMargin: 0.01,
  },
};
