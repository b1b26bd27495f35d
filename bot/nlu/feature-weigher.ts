/**
 * TF-IDF weighting of a text's features over a model's feature vocabulary: each channel (featurize.ts)
 * L2-normalised and scaled by its weight. Works over feature indices and typed arrays: a 200-character
 * message has several hundred features, weighed once for the whole message and once per clause.
 */
import { channelOf } from './featurize.ts';
import type { SparseVector } from './sparse-rows.ts';

/** Relative weight of each feature channel (see featurize.ts). */
export type ChannelWeights = Record<string, number>;

/**
 * Sparse weighted features: feature indices and their weights, in the order NLP.js would see the keys of
 * the equivalent input object (channel by channel in order of first appearance, features in order of
 * first appearance), so sums over them add in NLP.js's order.
 */
export type WeightedFeatures = SparseVector;

/** The feature a content word outside the common words adds. */
export const UNKNOWN_WORD_FEATURE = 'u:unk';

/** One UNKNOWN_WORD_FEATURE per content word outside the common words. */
export function unknownWordFeatures(
  contentWords: readonly string[],
  commonWords: ReadonlySet<string>,
): string[] {
  return contentWords.filter((w) => !commonWords.has(w)).map(() => UNKNOWN_WORD_FEATURE);
}

/**
 * A feature's channel as a number when its name is short (every shipped channel is: w, neg, b, s, c, p, u),
 * so a model's tens of thousands of features are sorted into channels at load without a substring each.
 */
function channelKey(feature: string): number | string {
  const colon = feature.indexOf(':');
  if (colon < 1 || colon > 3) return channelOf(feature);
  let key = 0;
  for (let i = 0; i < colon; i += 1) key = key * 0x10000 + feature.charCodeAt(i);
  return key * 4 + colon;
}

export class FeatureWeigher {
  private readonly featureIndex = new Map<string, number>();
  /** Channel of each feature, as an index into channelScale (channel names are looked up once, here). */
  private readonly featureChannel: Uint8Array;
  /** Each channel's weight, by channel index. */
  private readonly channelScale: number[] = [];
  /** Scratch for weigh(): term count per feature, zero between calls. */
  private readonly termCounts: Int32Array;

  constructor(
    private readonly features: readonly string[],
    private readonly idf: Float64Array,
    channelWeights: ChannelWeights,
  ) {
    const channels = new Map<number | string, number>();
    this.featureChannel = new Uint8Array(features.length);
    for (let i = 0; i < features.length; i += 1) {
      const feature = features[i]!;
      this.featureIndex.set(feature, i);
      const key = channelKey(feature);
      let id = channels.get(key);
      if (id === undefined) {
        id = channels.size;
        channels.set(key, id);
        this.channelScale.push(channelWeights[channelOf(feature)] ?? 0);
      }
      this.featureChannel[i] = id;
    }
    this.termCounts = new Int32Array(features.length);
  }

  /**
   * TF-IDF weights per channel, each channel L2-normalised and scaled by its weight. Features the model
   * does not know are dropped; a channel weighted 0 is left out. `unknownWords` counts content words
   * outside the common words (see unknownWordFeatures), without building one string per word.
   */
  weigh(features: readonly string[], unknownWords = 0): WeightedFeatures {
    const indices: number[] = [];
    for (const f of features) {
      const index = this.featureIndex.get(f);
      if (index !== undefined) indices.push(index);
    }
    return this.weighIndices(indices, unknownWords);
  }

  /** A feature's index in the model's vocabulary, or undefined when the model does not know it. */
  indexOf(feature: string): number | undefined {
    return this.featureIndex.get(feature);
  }

  /**
   * weigh() over feature indices already looked up (known features only, in the text's order): a
   * message's clauses reuse the indices of the whole (japanese-span-features.ts).
   */
  weighIndices(features: readonly number[], unknownWords = 0): WeightedFeatures {
    const { featureIndex, featureChannel, idf, termCounts } = this;
    const seen: number[] = [];
    const count = (index: number | undefined, times: number): void => {
      if (index === undefined || times === 0) return;
      if (termCounts[index] === 0) seen.push(index);
      termCounts[index] = termCounts[index]! + times;
    };
    for (const index of features) count(index, 1);
    // As if `unknownWords` × UNKNOWN_WORD_FEATURE followed the features (what training sees).
    count(featureIndex.get(UNKNOWN_WORD_FEATURE), unknownWords);
    // Channels in order of first appearance, and each channel's features in order of first appearance.
    const channelOrder: number[] = [];
    const byChannel: number[][] = [];
    for (const index of seen) {
      const channel = featureChannel[index]!;
      let list = byChannel[channel];
      if (!list) {
        list = [];
        byChannel[channel] = list;
        channelOrder.push(channel);
      }
      list.push(index);
    }
    const indices = new Int32Array(seen.length);
    const values = new Float64Array(seen.length);
    let size = 0;
    for (const channel of channelOrder) {
      const list = byChannel[channel]!;
      const start = size;
      let squares = 0;
      for (const index of list) {
        const weight = (1 + Math.log(termCounts[index]!)) * idf[index]!;
        indices[size] = index;
        values[size] = weight;
        squares += weight * weight;
        size += 1;
      }
      const scale = (this.channelScale[channel] ?? 0) / (Math.sqrt(squares) || 1);
      if (scale === 0) {
        size = start;
        continue;
      }
      for (let k = start; k < size; k += 1) values[k] = values[k]! * scale;
    }
    for (const index of seen) termCounts[index] = 0;
    return { indices: indices.subarray(0, size), values: values.subarray(0, size) };
  }

  /** Weighted features as the feature-name-keyed object NLP.js's network and trainer take. */
  asInputObject(weighted: WeightedFeatures): Record<string, number> {
    const input: Record<string, number> = {};
    for (let k = 0; k < weighted.indices.length; k += 1)
      input[this.features[weighted.indices[k]!]!] = weighted.values[k]!;
    return input;
  }
}

/** The weighted features scaled to unit length, rounded to float32. */
export function unitVector(weighted: WeightedFeatures): WeightedFeatures {
  const { indices, values } = weighted;
  let squares = 0;
  for (let k = 0; k < values.length; k += 1) squares += values[k]! * values[k]!;
  const norm = Math.sqrt(squares) || 1;
  // Rounded to float32 here so a trained model and its exported copy hold the very same values.
  const unit = new Float64Array(values.length);
  for (let k = 0; k < values.length; k += 1) unit[k] = Math.fround(values[k]! / norm);
  return { indices, values: unit };
}
