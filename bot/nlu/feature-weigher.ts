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
  /** Character n-gram features by code point (charGram), built on first use. */
  private charGrams: CharGramTables | undefined;
  /** Scratch for weigh(): the distinct features of a text, and each channel's rank of first appearance. */
  private seen = new Int32Array(512);
  /** Where weighIndicesTransient() writes. */
  private outIndices = new Int32Array(512);
  private outValues = new Float64Array(512);
  private readonly channelOrder: Uint8Array;

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
    this.channelOrder = new Uint8Array(Math.max(1, channels.size));
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
   * The index of the character n-gram c:<first> or c:<first><second> (code points), looked up by number:
   * a message has a few hundred, and building their names cost more than the lookups. The tables are
   * built from the vocabulary on first use.
   */
  charGram(first: number, second?: number): number | undefined {
    this.charGrams ??= charGramTables(this.features);
    if (second === undefined) return this.charGrams.unigrams.get(first);
    return this.charGrams.bigrams.get(first)?.get(second);
  }

  /**
   * weigh() over feature indices already looked up (known features only, in the text's order): a
   * message's clauses reuse the indices of the whole (japanese-span-features.ts).
   */
  weighIndices(features: ArrayLike<number>, unknownWords = 0): WeightedFeatures {
    const { indices, values } = this.weighIndicesTransient(features, unknownWords);
    return { indices: indices.slice(), values: values.slice() };
  }

  /**
   * weighIndices() into the weigher's own buffers: the result is valid until the next call. For
   * prediction, which scores a span and drops it: two typed arrays per span of every message were most of
   * what young-generation collections had to sweep.
   */
  weighIndicesTransient(features: ArrayLike<number>, unknownWords = 0): WeightedFeatures {
    const { featureIndex, featureChannel, idf, termCounts } = this;
    // Distinct features in order of first appearance, in a scratch buffer (a message weighs up to nine
    // spans: their garbage was a good part of what filled the young generation).
    if (this.seen.length < features.length + 1) this.seen = new Int32Array(2 * (features.length + 1));
    const seen = this.seen;
    let seenCount = 0;
    for (let k = 0; k < features.length; k += 1) {
      const index = features[k]!;
      if (termCounts[index] === 0) seen[seenCount++] = index;
      termCounts[index] = termCounts[index]! + 1;
    }
    // As if `unknownWords` × UNKNOWN_WORD_FEATURE followed the features (what training sees).
    const unknownIndex = featureIndex.get(UNKNOWN_WORD_FEATURE);
    if (unknownIndex !== undefined && unknownWords > 0) {
      if (termCounts[unknownIndex] === 0) seen[seenCount++] = unknownIndex;
      termCounts[unknownIndex] = termCounts[unknownIndex]! + unknownWords;
    }
    // Channels in order of first appearance (a handful), and each channel's features in order of first
    // appearance: one pass over the features per channel.
    const channelOrder = this.channelOrder;
    channelOrder.fill(0);
    let channels = 0;
    for (let k = 0; k < seenCount; k += 1) {
      const channel = featureChannel[seen[k]!]!;
      if (channelOrder[channel] === 0) channelOrder[channel] = ++channels;
    }
    if (this.outIndices.length < seenCount) {
      this.outIndices = new Int32Array(2 * seenCount);
      this.outValues = new Float64Array(2 * seenCount);
    }
    const indices = this.outIndices;
    const values = this.outValues;
    let size = 0;
    for (let rank = 1; rank <= channels; rank += 1) {
      const start = size;
      let squares = 0;
      let channel = 0;
      for (let k = 0; k < seenCount; k += 1) {
        const index = seen[k]!;
        if (channelOrder[featureChannel[index]!] !== rank) continue;
        channel = featureChannel[index]!;
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
    for (let k = 0; k < seenCount; k += 1) termCounts[seen[k]!] = 0;
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

/** Character uni- and bigram features (c:…) by their code points. */
interface CharGramTables {
  unigrams: Map<number, number>;
  bigrams: Map<number, Map<number, number>>;
}

function charGramTables(features: readonly string[]): CharGramTables {
  const unigrams = new Map<number, number>();
  const bigrams = new Map<number, Map<number, number>>();
  for (let index = 0; index < features.length; index += 1) {
    const feature = features[index]!;
    if (!feature.startsWith('c:')) continue;
    const first = feature.codePointAt(2);
    if (first === undefined) continue;
    const afterFirst = 2 + (first > 0xffff ? 2 : 1);
    if (afterFirst === feature.length) {
      unigrams.set(first, index);
      continue;
    }
    const second = feature.codePointAt(afterFirst)!;
    if (afterFirst + (second > 0xffff ? 2 : 1) !== feature.length) continue;
    let row = bigrams.get(first);
    if (!row) {
      row = new Map();
      bigrams.set(first, row);
    }
    row.set(second, index);
  }
  return { unigrams, bigrams };
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
