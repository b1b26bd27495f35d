/**
 * The one-vs-rest network's weights as NLP.js trains them, laid out for prediction: intent-major as NLP.js
 * and the model file hold them, and feature-major for scoring (a message's few hundred features each read
 * one contiguous row of weights instead of one scattered column per intent). Scoring adds the same terms
 * in the same order as NLP.js's NeuralNetwork.run, so the outputs are the same doubles.
 */

import { NeuralNetwork } from '@nlpjs/neural';
import { BotError } from '../errors.ts';
import type { SparseVector } from './sparse-rows.ts';

/** NLP.js NeuralNetwork's default leak factor, which training uses. */
export const NLPJS_ALPHA = 0.07;

/** Learned parameters of the one-vs-rest network, intent-major, columns in `features` order. */
export interface NetworkWeights {
  intents: string[];
  /** intents × features float32, as NLP.js stores them. */
  weights: Float32Array;
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
 * Lays trained weights out intent-major with columns in the model's `features` order. NLP.js numbers its
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
  const stride = features.length;
  const weights = new Float32Array(intents.length * stride);
  networkFeatures.forEach((feature, j) => {
    const at = column.get(feature);
    if (at === undefined)
      throw new BotError('BOT_ERR_MODEL_FORMAT', `network feature ${feature} is not a feature`);
    for (let i = 0; i < intents.length; i += 1) weights[i * stride + at] = weightAt(i, j);
  });
  return { intents: [...intents], weights, biases: Float64Array.from(biases), alpha };
}

/** The weights feature-major (features × intents), for scoreNetwork. */
export function weightsByFeature(network: NetworkWeights, featureCount: number): Float32Array {
  const intentCount = network.biases.length;
  const byFeature = new Float32Array(network.weights.length);
  for (let p = 0; p < intentCount; p += 1) {
    const row = p * featureCount;
    for (let f = 0; f < featureCount; f += 1) byFeature[f * intentCount + p] = network.weights[row + f]!;
  }
  return byFeature;
}

/**
 * The network's outputs, computed exactly as NLP.js's NeuralNetwork.run does (bias, then each input key
 * in order, leaky at zero, times alpha) but over feature indices instead of its per-call lookup
 * objects: every intent's sum adds the same terms in the same order, so the doubles are equal.
 * tests/bot/nlu/intent-model.test.ts checks equality with run().
 */
export function scoreNetwork(
  network: NetworkWeights,
  byFeature: Float32Array,
  { indices, values }: SparseVector,
): Float64Array {
  const { biases, alpha } = network;
  const intentCount = biases.length;
  const sums = new Float64Array(intentCount);
  if (indices.length === 0) return sums;
  sums.set(biases);
  for (let k = 0; k < indices.length; k += 1) {
    const value = values[k]!;
    const row = indices[k]! * intentCount;
    for (let p = 0; p < intentCount; p += 1) sums[p] = sums[p]! + value * byFeature[row + p]!;
  }
  for (let p = 0; p < intentCount; p += 1) sums[p] = sums[p]! <= 0 ? 0 : alpha * sums[p]!;
  return sums;
}
