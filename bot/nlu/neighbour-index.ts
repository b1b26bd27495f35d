/**
 * The nearest training examples of a text, in scope and out of scope, by cosine similarity over an
 * inverted index (per feature, the examples holding it and their unit-vector weights). It answers a
 * question the network does not — "is the closest thing we have seen out of scope?" — which the
 * measurements showed catches out-of-scope messages that share one shop word.
 */
import type { SparseRows, SparseVector } from './sparse-rows.ts';
import { type IntentScore, NONE_INTENT } from './types.ts';

/** Posting lists longer than this are left out of the search (see nearest()). */
export const MAX_POSTINGS = 400;

/** The closest in-scope example's similarity and intent, and the closest out-of-scope one's similarity. */
export interface Neighbours {
  /** Cosine similarity to the closest in-scope training example, and its intent. */
  nearestInScope: IntentScore;
  /** Cosine similarity to the closest out-of-scope training example (0 without a `none` intent). */
  nearestNone: number;
}

export class NeighbourIndex {
  /** Scratch space: similarity per example, and which entries were touched. */
  private readonly similarity: Float64Array;
  private readonly touched: Int32Array;
  /** The index of the `none` intent in `intents` (-1 without one): compared as a number per example. */
  private readonly noneIndex: number;

  constructor(
    /** The training examples' unit vectors, per feature: rowStart[f]… are feature f's examples. */
    readonly postings: SparseRows,
    /** Intent index of each example. */
    readonly exampleIntents: Int32Array,
    private readonly intents: readonly string[],
  ) {
    this.similarity = new Float64Array(exampleIntents.length);
    this.touched = new Int32Array(exampleIntents.length);
    this.noneIndex = intents.indexOf(NONE_INTENT);
  }

  /**
   * Nearest neighbours of a weighted vector, normalised here to unit length as unitVector() does (to the
   * same float32 values), without building the unit vector.
   */
  nearest(vector: SparseVector): Neighbours {
    const { similarity, touched } = this;
    let squares = 0;
    for (let k = 0; k < vector.values.length; k += 1) squares += vector.values[k]! * vector.values[k]!;
    const norm = Math.sqrt(squares) || 1;
    let touchedCount = 0;
    // Features shared by very many examples ("<th", です) barely move a cosine but cost a pass over their
    // whole posting list; they are skipped (MAX_POSTINGS), keeping this in microseconds.
    const { rowStart: start, columns: examples, weights } = this.postings;
    for (let k = 0; k < vector.indices.length; k += 1) {
      const feature = vector.indices[k]!;
      const weight = Math.fround(vector.values[k]! / norm);
      const end = start[feature + 1]!;
      if (end - start[feature]! > MAX_POSTINGS) continue;
      for (let i = start[feature]!; i < end; i += 1) {
        const example = examples[i]!;
        if (similarity[example] === 0) touched[touchedCount++] = example;
        similarity[example] = similarity[example]! + weight * weights[i]!;
      }
    }
    // The best so far as plain numbers (an object per improvement was most of a search's garbage), intents
    // as indices: thousands of examples are touched in a long message.
    const { exampleIntents, noneIndex } = this;
    let bestIntent = -1;
    let bestScore = 0;
    let bestNone = 0;
    for (let i = 0; i < touchedCount; i += 1) {
      const example = touched[i]!;
      const score = similarity[example]!;
      similarity[example] = 0;
      const intent = exampleIntents[example]!;
      if (intent === noneIndex) {
        if (score > bestNone) bestNone = score;
      } else if (score > bestScore) {
        bestIntent = intent;
        bestScore = score;
      }
    }
    const nearestInScope: IntentScore = {
      intent: bestIntent < 0 ? NONE_INTENT : this.intents[bestIntent]!,
      score: bestScore,
    };
    return { nearestInScope, nearestNone: bestNone };
  }
}
