/**
 * The one-vs-rest network's weights as NLP.js trains them, held feature-major for scoring (a message's few
 * hundred features each read one contiguous row of weights instead of one scattered column per intent)
 * and stored so in the model file, so loading needs no transposition; NLP.js's own intent-major layout is
 * made only for its network (tests) and the JSON format. Scoring adds the same terms
 * in the same order as NLP.js's NeuralNetwork.run, so the outputs are the same doubles.
 */

import { NeuralNetwork } from '@nlpjs/neural';
import { BotError } from '../errors.ts';
import type { SparseVector } from './sparse-rows.ts';

/** NLP.js NeuralNetwork's default leak factor, which training uses. */
export const NLPJS_ALPHA = 0.07;

/** Learned parameters of the one-vs-rest network, rows in the model's `features` order. */
export interface NetworkWeights {
  intents: string[];
  /**
   * features × intents float32 (feature-major): a message's few hundred features each read one contiguous
   * row. NLP.js holds the transpose (intentMajor), which only its own network and the JSON format need.
   */
  byFeature: Float32Array;
  /** One per intent (doubles in NLP.js). */
  biases: Float64Array;
  alpha: number;
}

/**
 * Builds an NLP.js NeuralNetwork holding the given weights. NLP.js's own fromJSON wants dense nested
 * arrays (tens of MB of JSON for a real corpus), so we let it build the lookup from placeholders and then
 * set the perceptrons' weights and biases (pinned @nlpjs/neural 4.25 internals, covered by tests). Only
 * tests need it now: prediction runs over the same weights in scoreNetwork.
 */
export function restoreNetwork(
  features: string[],
  intents: string[],
  weights: Float32Array[],
  biases: number[],
): NeuralNetwork {
  const network = new NeuralNetwork({ log: false });
  network.fromJSON({ settings: network.settings, features, intents, perceptrons: intents.map(() => [0]) });
  network.perceptrons.forEach((perceptron, i) => {
    perceptron.weights = weights[i]!;
    perceptron.bias = biases[i]!;
  });
  return network;
}

/**
 * Lays trained weights out feature-major with rows in the model's `features` order. NLP.js numbers its
 * inputs by first occurrence, which differs; one order means one lookup map at load instead of two. A
 * feature the network never saw (a channel weighted 0) gets weight 0: it is never in an input anyway.
 */
export function networkInFeatureOrder(
  features: readonly string[],
  networkFeatures: readonly string[],
  intents: readonly string[],
  weightAt: (intent: number, networkColumn: number) => number,
  biases: readonly number[],
  alpha: number,
): NetworkWeights {
  const column = new Map<string, number>();
  for (let i = 0; i < features.length; i += 1) column.set(features[i]!, i);
  const intentCount = intents.length;
  const byFeature = new Float32Array(intentCount * features.length);
  networkFeatures.forEach((feature, j) => {
    const at = column.get(feature);
    if (at === undefined)
      throw new BotError('BOT_ERR_MODEL_FORMAT', `network feature ${feature} is not a feature`);
    for (let i = 0; i < intentCount; i += 1) byFeature[at * intentCount + i] = weightAt(i, j);
  });
  return { intents: [...intents], byFeature, biases: Float64Array.from(biases), alpha };
}

/** Rows transposed per block in transposeBlocks: a block stays in cache while it is written. */
const TRANSPOSE_BLOCK = 256;

/** A rows × columns float32 matrix transposed (columns × rows), block by block. */
function transposeBlocks(matrix: Float32Array, rows: number, columns: number): Float32Array {
  const out = new Float32Array(matrix.length);
  for (let from = 0; from < columns; from += TRANSPOSE_BLOCK) {
    const to = Math.min(columns, from + TRANSPOSE_BLOCK);
    for (let r = 0; r < rows; r += 1) {
      const row = r * columns;
      for (let c = from; c < to; c += 1) out[c * rows + r] = matrix[row + c]!;
    }
  }
  return out;
}

/** The weights intent-major (intents × features), as NLP.js and the JSON model format hold them. */
export function intentMajor(network: NetworkWeights, featureCount: number): Float32Array {
  return transposeBlocks(network.byFeature, featureCount, network.biases.length);
}

/** Feature-major weights from an intent-major block (model files written before feature-major storage). */
export function fromIntentMajor(
  weights: Float32Array,
  intentCount: number,
  featureCount: number,
): Float32Array {
  return transposeBlocks(weights, intentCount, featureCount);
}

/**
 * The network's outputs, computed exactly as NLP.js's NeuralNetwork.run does (bias, then each input key
 * in order, leaky at zero, times alpha) but over feature indices instead of its per-call lookup
 * objects: every intent's sum adds the same terms in the same order, so the doubles are equal.
 * tests/bot/nlu/intent-model.test.ts checks equality with run().
 */
export function scoreNetwork(
  network: NetworkWeights,
  { indices, values }: SparseVector,
  /** Where to write the outputs (one per intent); a new array when not given. */
  into?: Float64Array,
): Float64Array {
  const { biases, alpha, byFeature } = network;
  const intentCount = biases.length;
  const sums = into ?? new Float64Array(intentCount);
  if (indices.length === 0) return sums.fill(0);
  sums.set(biases);
  for (let k = 0; k < indices.length; k += 1) {
    const value = values[k]!;
    const row = indices[k]! * intentCount;
    for (let p = 0; p < intentCount; p += 1) sums[p] = sums[p]! + value * byFeature[row + p]!;
  }
  for (let p = 0; p < intentCount; p += 1) sums[p] = sums[p]! <= 0 ? 0 : alpha * sums[p]!;
  return sums;
}
