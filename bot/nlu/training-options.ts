/**
 * How an intent model is trained (intent-model.ts): the options a caller may set and the defaults used
 * otherwise.
 */
import type { ChannelWeights } from './feature-weigher.ts';
import type { Locale } from './types.ts';

/** Training options; every field has a default. */
export interface IntentModelOptions {
  channelWeights?: ChannelWeights;
  /** Passes over the corpus (NLP.js's default of 20,000 is far more than a sparse linear model needs). */
  iterations?: number;
  learningRate?: number;
}

/**
 * Defaults chosen by 4-fold cross-validation of the shipped corpus's training utterances (not its held-out
 * tests; see docs/nlu.md). Character n-grams weigh more in Japanese, where they stand in for words the
 * dictionary splits badly; in English, stems carry more.
 */
export const DEFAULT_CHANNEL_WEIGHTS: Record<Locale, ChannelWeights> = {
  ja: { w: 1, neg: 0.6, b: 0.5, s: 0.3, c: 1.5, p: 0.5, u: 0.5 },
  en: { w: 1, neg: 0.6, b: 0.5, s: 0.3, c: 0.6, p: 0.5, u: 0.5 },
};
export const DEFAULT_ITERATIONS = 60;
/** Share of `none` examples below which the unknown-word channel is off (see train()). */
export const MIN_NONE_SHARE_FOR_UNKNOWN_WORDS = 0.05;
export const DEFAULT_LEARNING_RATE = 0.6;
