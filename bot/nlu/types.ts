/** Shared NLU types. */

import type { Locale } from '../locale.ts';

/** A locale the engine understands (defined once for the repository in bot/locale.ts). */
export type { Locale };

/** The intent id of the out-of-scope class in the corpus and in predictions. */
export const NONE_INTENT = 'none';

/**
 * Social intents: politeness around a request, not a request. In a message of several clauses they do not
 * decide (「お世話になっております。解約したいです。」 is a cancellation; see decide.ts).
 */
export const SOCIAL_INTENTS: ReadonlySet<string> = new Set(['greeting', 'thanks', 'goodbye']);

/** One training example. */
export interface TrainingExample {
  text: string;
  intent: string;
}

/** A sparse feature vector: feature name → weight. */
export type FeatureVector = Map<string, number>;

/** One ranked candidate. */
export interface IntentScore {
  intent: string;
  /** Calibrated confidence in [0, 1]. */
  score: number;
}

/** What predict() returns for one text. */
export interface Prediction {
  locale: Locale;
  /** Candidates best first, `none` included. */
  ranked: IntentScore[];
  /** Share (0–1) of the message's content words that the model saw in training. */
  coverage: number;
  /** Number of content words in the message. */
  contentWords: number;
}
