/**
 * The JSON form of an intent model (version 1), read for models stored before the binary model file
 * (model-file.ts) and written by toJSON() for tests and tools.
 */
import type { ChannelWeights } from './feature-weigher.ts';
import type { EncodedRows } from './sparse-rows.ts';
import type { Locale } from './types.ts';

/** The serialised model: plain JSON, written and read only by the caller. */
export interface IntentModelJson {
  format: 'shop-bot-intent-model';
  version: 1;
  locale: Locale;
  channelWeights: ChannelWeights;
  /** Feature names, in network input order. */
  features: string[];
  /** Inverse document frequency per feature, same order. */
  idf: number[];
  intents: string[];
  /** The network's own input order (NLP.js numbers features by first occurrence in the training data). */
  networkFeatures: string[];
  /** Network weights, intent-major, in `networkFeatures` order; little-endian float32, base64. */
  weights: string;
  /** Perceptron biases (doubles in NLP.js, so kept out of the float32 block to restore them exactly). */
  biases: number[];
  /** Content words seen in in-scope training examples (coverage gate). */
  vocabulary: string[];
  /** Content words seen in at least two training examples; any other word is an `u:unk` feature. */
  commonWords: string[];
  /** Nearest-neighbour index: intent index of each training example… */
  exampleIntents: number[];
  /** …and its unit vector, as compressed sparse rows (base64 little-endian typed arrays). */
  exampleVectors: EncodedRows;
}
