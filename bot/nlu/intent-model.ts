/**
 * One locale's intent classifier: our features, weighted by TF-IDF per channel, fed to NLP.js's
 * neural network (one-vs-rest perceptrons), plus a nearest-neighbour index over the training examples.
 * Training performs NLP.js's own updates (perceptron-trainer.ts); prediction runs over the same weights as
 * `NeuralNetwork.run` does, held in typed arrays that load from a model file without parsing.
 *
 * We bypass NLP.js's Nlp/NluNeural wrappers on purpose: they autosave model files, re-tokenise with
 * lang-ja's reading-based stemmer, and square-and-normalise the outputs so that one shared token yields a
 * score of 1.0. Raw network outputs are kept instead, so a message that matches nothing scores near 0.
 * The neighbour index answers a different question — "is the closest thing we have seen out of scope?" —
 * which the measurements showed catches out-of-scope messages that share one shop word.
 */
import { NeuralNetwork } from '@nlpjs/neural';
import { BotError } from '../errors.ts';
import { channelOf, extractFeatures, type RawFeatures } from './featurize.ts';
import type { ModelFile, SectionValue } from './model-file.ts';
import { normalizeText } from './normalize.ts';
import { trainPerceptrons } from './perceptron-trainer.ts';
import { type IntentScore, type Locale, NONE_INTENT, type TrainingExample } from './types.ts';

/** Relative weight of each feature channel (see featurize.ts). */
export type ChannelWeights = Record<string, number>;

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
  exampleVectors: { rowStart: string; columns: string; weights: string };
}

/** A vector ready for the network, plus what the coverage gate needs. */
export interface EncodedText {
  input: Record<string, number>;
  contentWords: string[];
  /** Content words also seen in in-scope training examples. */
  knownContentWords: number;
}

/** Classifier output for one text. */
export interface Classification {
  /** Network outputs, best first; not normalised to sum to 1 (a text like nothing seen scores ~0 everywhere). */
  ranked: IntentScore[];
  /** Cosine similarity to the closest in-scope training example, and its intent. */
  nearestInScope: IntentScore;
  /** Cosine similarity to the closest out-of-scope training example (0 without a `none` intent). */
  nearestNone: number;
}

/**
 * Builds an NLP.js NeuralNetwork holding the given weights. NLP.js's own fromJSON wants dense nested
 * arrays (tens of MB of JSON for a real corpus), so we let it build the lookup from placeholders and then
 * set the perceptrons' weights and biases (pinned @nlpjs/neural 4.25 internals, covered by tests). Only
 * tests need it now: prediction runs over the same weights in runNetwork.
 */
function restoreNetwork(
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
function networkInFeatureOrder(
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

const toBase64 = (array: Int32Array | Float32Array): string =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
/** Copies into a fresh (aligned) buffer: a Buffer decoded from base64 may start at any byte offset. */
const fromBase64 = (text: string): ArrayBuffer => new Uint8Array(Buffer.from(text, 'base64')).buffer;

/** Sparse rows (one per training example) as compressed sparse rows. */
interface SparseRows {
  rowStart: Int32Array;
  columns: Int32Array;
  weights: Float32Array;
}

function rowsFromVectors(vectors: [number, number][][]): SparseRows {
  const rowStart = new Int32Array(vectors.length + 1);
  const size = vectors.reduce((sum, row) => sum + row.length, 0);
  const columns = new Int32Array(size);
  const weights = new Float32Array(size);
  let cursor = 0;
  vectors.forEach((row, i) => {
    rowStart[i] = cursor;
    for (const [column, weight] of row) {
      columns[cursor] = column;
      weights[cursor] = weight;
      cursor += 1;
    }
  });
  rowStart[vectors.length] = cursor;
  return { rowStart, columns, weights };
}

/** Rows → compact base64 (a JSON array of pairs is 5× larger and slower to parse). */
function encodeRows(rows: SparseRows): IntentModelJson['exampleVectors'] {
  return {
    rowStart: toBase64(rows.rowStart),
    columns: toBase64(rows.columns),
    weights: toBase64(rows.weights),
  };
}

function decodeRows(encoded: IntentModelJson['exampleVectors']): SparseRows {
  return {
    rowStart: new Int32Array(fromBase64(encoded.rowStart)),
    columns: new Int32Array(fromBase64(encoded.columns)),
    weights: new Float32Array(fromBase64(encoded.weights)),
  };
}

/**
 * The transpose of sparse rows: for rows of examples over features, the examples of each feature with
 * their weights (and back: transposing postings gives rows, columns ascending). Built with a counting
 * pass, in O(non-zeros) typed-array work.
 */
function transpose(rows: SparseRows, columnCount: number): SparseRows {
  const start = new Int32Array(columnCount + 1);
  for (let k = 0; k < rows.columns.length; k += 1) start[rows.columns[k]! + 1]! += 1;
  for (let c = 0; c < columnCount; c += 1) start[c + 1]! += start[c]!;
  const columns = new Int32Array(rows.columns.length);
  const weights = new Float32Array(rows.columns.length);
  const fill = start.slice(0, columnCount);
  for (let row = 0; row + 1 < rows.rowStart.length; row += 1) {
    for (let k = rows.rowStart[row]!; k < rows.rowStart[row + 1]!; k += 1) {
      const column = rows.columns[k]!;
      const at = fill[column]!;
      columns[at] = row;
      weights[at] = rows.weights[k]!;
      fill[column] = at + 1;
    }
  }
  return { rowStart: start, columns, weights };
}

/** True when every value is in [0, limit): a damaged index would otherwise read past an array. */
function allBelow(values: Int32Array, limit: number): boolean {
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i]!;
    if (value < 0 || value >= limit) return false;
  }
  return true;
}

function isAscending(values: Int32Array): boolean {
  for (let i = 1; i < values.length; i += 1) if (values[i]! < values[i - 1]!) return false;
  return true;
}

/** One `u:unk` feature per content word outside the common words. */
function unknownWordFeatures(contentWords: readonly string[], commonWords: ReadonlySet<string>): string[] {
  return contentWords.filter((w) => !commonWords.has(w)).map(() => 'u:unk');
}

/** Posting lists longer than this are left out of the neighbour search (see nearest()). */
const MAX_POSTINGS = 400;

/** What a model contributes to a model file (model-file.ts): header fields and typed sections. */
export interface IntentModelParts {
  meta: IntentModelMeta;
  sections: Record<string, SectionValue>;
}

/** The header fields of one model in a model file. */
export interface IntentModelMeta {
  locale: Locale;
  channelWeights: ChannelWeights;
  intents: string[];
  /** The network's leak factor (NLP.js `alpha`). */
  alpha: number;
}

/** NLP.js NeuralNetwork's default leak factor, which training uses. */
const NLPJS_ALPHA = 0.07;

/** Learned parameters of the one-vs-rest network, intent-major, columns in `features` order. */
interface NetworkWeights {
  intents: string[];
  /** intents × features float32, as NLP.js stores them. */
  weights: Float32Array;
  /** One per intent (doubles in NLP.js). */
  biases: Float64Array;
  alpha: number;
}

export class IntentModel {
  private readonly featureIndex: Map<string, number>;
  /** Scratch space for nearest(): similarity per example, and which entries were touched. */
  private readonly similarity: Float64Array;
  private readonly touched: Int32Array;
  /** NLP.js's own network holding the same weights, built only when asked for (runWithNlpjs). */
  private nlpjsNetwork: NeuralNetwork | undefined;

  private constructor(
    readonly locale: Locale,
    private readonly channelWeights: ChannelWeights,
    private readonly features: readonly string[],
    private readonly idf: Float64Array,
    private readonly vocabulary: Set<string>,
    private readonly commonWords: Set<string>,
    private readonly network: NetworkWeights,
    private readonly exampleIntents: Int32Array,
    /** The training examples' unit vectors, per feature: rowStart[f]… are feature f's examples. */
    private readonly postings: SparseRows,
  ) {
    this.featureIndex = new Map();
    for (let i = 0; i < features.length; i += 1) this.featureIndex.set(features[i]!, i);
    this.similarity = new Float64Array(exampleIntents.length);
    this.touched = new Int32Array(exampleIntents.length);
  }

  /** Trains a model for one locale. Deterministic: the same examples give the same model. */
  static train(
    locale: Locale,
    examples: readonly TrainingExample[],
    options: IntentModelOptions = {},
  ): IntentModel {
    const channelWeights = { ...DEFAULT_CHANNEL_WEIGHTS[locale], ...options.channelWeights };
    // The unknown-word feature only means "out of scope" when there is an out-of-scope class to learn it
    // from; with a token one (CLINC150's 100 in 15,100) it teaches the opposite, so it is switched off.
    const noneShare = examples.filter((e) => e.intent === NONE_INTENT).length / Math.max(1, examples.length);
    if (options.channelWeights?.u === undefined && noneShare < MIN_NONE_SHARE_FOR_UNKNOWN_WORDS)
      channelWeights.u = 0;
    const raw = examples.map((e) => extractFeatures(normalizeText(e.text), locale));
    // Words seen only once stand in for the words a shopper will use that we never saw: the network
    // learns what an unknown word says (mostly: out of scope — other brands, other topics).
    const wordDf = new Map<string, number>();
    for (const r of raw) for (const w of new Set(r.contentWords)) wordDf.set(w, (wordDf.get(w) ?? 0) + 1);
    const commonWords = new Set([...wordDf].filter(([, count]) => count >= 2).map(([w]) => w));
    for (const r of raw) r.features.push(...unknownWordFeatures(r.contentWords, commonWords));
    const df = new Map<string, number>();
    const vocabulary = new Set<string>();
    raw.forEach((r, i) => {
      for (const f of new Set(r.features)) df.set(f, (df.get(f) ?? 0) + 1);
      if (examples[i]!.intent !== NONE_INTENT) for (const w of r.contentWords) vocabulary.add(w);
    });
    const features = [...df.keys()];
    const n = examples.length;
    const idf = Float64Array.from(features, (f) => Math.log((n + 1) / (df.get(f)! + 1)) + 1);
    const untrained: NetworkWeights = {
      intents: [],
      weights: new Float32Array(0),
      biases: new Float64Array(0),
      alpha: NLPJS_ALPHA,
    };
    const weigher = new IntentModel(
      locale,
      channelWeights,
      features,
      idf,
      vocabulary,
      commonWords,
      untrained,
      new Int32Array(0),
      rowsFromVectors([]),
    );
    const inputs = raw.map((r) => weigher.weigh(r.features));
    const trained = trainPerceptrons(
      inputs.map((input, i) => ({ input, intent: examples[i]!.intent })),
      {
        iterations: options.iterations ?? DEFAULT_ITERATIONS,
        learningRate: options.learningRate ?? DEFAULT_LEARNING_RATE,
        alpha: NLPJS_ALPHA,
      },
    );
    const network = networkInFeatureOrder(
      features,
      trained.features,
      trained.intents,
      (i, j) => trained.weights[i]![j]!,
      trained.biases,
      NLPJS_ALPHA,
    );
    const exampleVectors = rowsFromVectors(inputs.map((input) => weigher.unitVector(input)));
    const postings = transpose(exampleVectors, features.length);
    const intentIndex = new Map(trained.intents.map((intent, i) => [intent, i]));
    const exampleIntents = Int32Array.from(examples, (e) => intentIndex.get(e.intent)!);
    return new IntentModel(
      locale,
      channelWeights,
      features,
      idf,
      vocabulary,
      commonWords,
      network,
      exampleIntents,
      postings,
    );
  }

  /**
   * Restores a model from the JSON format (version 1, still read for models stored before the binary
   * model file); predictions are identical to the model that was exported.
   */
  static fromJSON(json: IntentModelJson): IntentModel {
    if (json?.format !== 'shop-bot-intent-model' || json.version !== 1) {
      throw new Error(
        `BOT_ERR_MODEL_FORMAT: unsupported model format ${String(json?.format)} v${String(json?.version)}`,
      );
    }
    const block = new Float32Array(fromBase64(json.weights));
    const stride = json.networkFeatures.length;
    if (block.length !== stride * json.intents.length || json.biases.length !== json.intents.length) {
      throw new BotError('BOT_ERR_MODEL_FORMAT', 'weight block does not match features × intents');
    }
    const network = networkInFeatureOrder(
      json.features,
      json.networkFeatures,
      json.intents,
      (i, j) => block[i * stride + j]!,
      json.biases,
      NLPJS_ALPHA,
    );
    return new IntentModel(
      json.locale,
      json.channelWeights,
      json.features,
      Float64Array.from(json.idf),
      new Set(json.vocabulary),
      new Set(json.commonWords),
      network,
      Int32Array.from(json.exampleIntents),
      transpose(decodeRows(json.exampleVectors), json.features.length),
    );
  }

  /** Serialises the model as JSON (readable, 2–3× larger than the model file); nothing is written. */
  toJSON(): IntentModelJson {
    return {
      format: 'shop-bot-intent-model',
      version: 1,
      locale: this.locale,
      channelWeights: this.channelWeights,
      features: [...this.features],
      idf: [...this.idf],
      networkFeatures: [...this.features],
      intents: this.intents,
      weights: toBase64(this.network.weights),
      biases: [...this.network.biases],
      vocabulary: [...this.vocabulary],
      commonWords: [...this.commonWords],
      exampleIntents: [...this.exampleIntents],
      exampleVectors: encodeRows(transpose(this.postings, this.exampleIntents.length)),
    };
  }

  /** The model's header fields and sections for a model file (section names get `prefix`). */
  toParts(prefix: string): IntentModelParts {
    const { intents, weights, biases, alpha } = this.network;
    return {
      meta: { locale: this.locale, channelWeights: this.channelWeights, intents: [...intents], alpha },
      sections: {
        [`${prefix}features`]: this.features,
        [`${prefix}idf`]: this.idf,
        [`${prefix}weights`]: weights,
        [`${prefix}biases`]: biases,
        [`${prefix}vocabulary`]: [...this.vocabulary],
        [`${prefix}commonWords`]: [...this.commonWords],
        [`${prefix}exampleIntents`]: this.exampleIntents,
        [`${prefix}postingStart`]: this.postings.rowStart,
        [`${prefix}postingExamples`]: this.postings.columns,
        [`${prefix}postingWeights`]: this.postings.weights,
      },
    };
  }

  /**
   * Restores a model from an opened model file. Numeric sections stay views onto the file's bytes;
   * only the lookup maps are built. Throws on sections that do not fit.
   */
  static fromParts(meta: IntentModelMeta, file: ModelFile, prefix: string): IntentModel {
    const features = file.strings(`${prefix}features`);
    const idf = file.float64(`${prefix}idf`);
    const weights = file.float32(`${prefix}weights`);
    const biases = file.float64(`${prefix}biases`);
    const intents = meta.intents;
    const postings: SparseRows = {
      rowStart: file.int32(`${prefix}postingStart`),
      columns: file.int32(`${prefix}postingExamples`),
      weights: file.float32(`${prefix}postingWeights`),
    };
    const exampleIntents = file.int32(`${prefix}exampleIntents`);
    const fits =
      Array.isArray(intents) &&
      typeof meta.alpha === 'number' &&
      idf.length === features.length &&
      weights.length === intents.length * features.length &&
      biases.length === intents.length &&
      postings.rowStart.length === features.length + 1 &&
      postings.columns.length === postings.weights.length &&
      postings.rowStart[0] === 0 &&
      postings.rowStart[features.length] === postings.columns.length &&
      isAscending(postings.rowStart) &&
      allBelow(postings.columns, exampleIntents.length) &&
      allBelow(exampleIntents, intents.length);
    if (!fits) throw new BotError('BOT_ERR_MODEL_FORMAT', 'model sections do not fit together');
    return new IntentModel(
      meta.locale,
      meta.channelWeights,
      features,
      idf,
      new Set(file.strings(`${prefix}vocabulary`)),
      new Set(file.strings(`${prefix}commonWords`)),
      { intents, weights, biases, alpha: meta.alpha },
      exampleIntents,
      postings,
    );
  }

  /** Intents the model knows, in training order. */
  get intents(): string[] {
    return [...this.network.intents];
  }

  /** TF-IDF weights per channel, each channel L2-normalised and scaled by its weight. */
  private weigh(features: readonly string[]): Record<string, number> {
    const tf = new Map<string, number>();
    for (const f of features) {
      if (this.featureIndex.has(f)) tf.set(f, (tf.get(f) ?? 0) + 1);
    }
    const byChannel = new Map<string, [string, number][]>();
    for (const [f, count] of tf) {
      const channel = channelOf(f);
      const weight = (1 + Math.log(count)) * this.idf[this.featureIndex.get(f)!]!;
      const list = byChannel.get(channel) ?? [];
      list.push([f, weight]);
      byChannel.set(channel, list);
    }
    const input: Record<string, number> = {};
    for (const [channel, list] of byChannel) {
      const norm = Math.sqrt(list.reduce((sum, [, w]) => sum + w * w, 0));
      const scale = (this.channelWeights[channel] ?? 0) / (norm || 1);
      if (scale === 0) continue;
      for (const [f, w] of list) input[f] = w * scale;
    }
    return input;
  }

  private unitVector(input: Record<string, number>): [number, number][] {
    const entries = Object.entries(input);
    const norm = Math.sqrt(entries.reduce((sum, [, w]) => sum + w * w, 0)) || 1;
    // Rounded to float32 here so a trained model and its exported copy hold the very same values.
    return entries.map(([f, w]) => [this.featureIndex.get(f)!, Math.fround(w / norm)]);
  }

  /** Encodes normalised text. */
  encode(normalizedText: string): EncodedText {
    return this.encodeFeatures(extractFeatures(normalizedText, this.locale));
  }

  /** Encodes features already extracted (a clause of a message analysed once; see clauses.ts). */
  encodeFeatures(extracted: RawFeatures): EncodedText {
    const raw = { features: [...extracted.features], contentWords: extracted.contentWords };
    raw.features.push(...unknownWordFeatures(raw.contentWords, this.commonWords));
    let known = 0;
    for (const w of raw.contentWords) if (this.vocabulary.has(w)) known += 1;
    return { input: this.weigh(raw.features), contentWords: raw.contentWords, knownContentWords: known };
  }

  /** Network outputs and nearest neighbours for an encoded text. */
  classify(encoded: EncodedText): Classification {
    const keys = Object.keys(encoded.input);
    const empty = keys.length === 0;
    const outputs = this.runNetwork(encoded.input, keys);
    const ranked: IntentScore[] = this.network.intents.map((intent, i) => ({
      intent,
      score: outputs[i]!,
    }));
    ranked.sort((a, b) => b.score - a.score || (a.intent < b.intent ? -1 : 1));
    return { ranked, ...this.nearest(empty ? [] : this.unitVector(encoded.input)) };
  }

  /**
   * The network's outputs, computed exactly as NLP.js's NeuralNetwork.run does (bias, then each input key
   * in order, leaky at zero, times alpha) but over resolved indices instead of its per-call lookup
   * objects. tests/bot/nlu/intent-model.test.ts checks equality with run().
   */
  private runNetwork(input: Record<string, number>, keys: string[]): Float64Array {
    const { featureIndex } = this;
    const indices: number[] = [];
    const values: number[] = [];
    for (const key of keys) {
      const index = featureIndex.get(key);
      if (index === undefined) continue;
      indices.push(index);
      values.push(input[key]!);
    }
    const { weights, biases, alpha } = this.network;
    const stride = this.features.length;
    const outputs = new Float64Array(biases.length);
    if (indices.length === 0) return outputs;
    for (let p = 0; p < biases.length; p += 1) {
      const row = p * stride;
      let sum = biases[p]!;
      for (let k = 0; k < indices.length; k += 1) sum += values[k]! * weights[row + indices[k]!]!;
      outputs[p] = sum <= 0 ? 0 : alpha * sum;
    }
    return outputs;
  }

  /** NLP.js's own NeuralNetwork.run on an encoded text (for tests comparing with runNetwork). */
  runWithNlpjs(encoded: EncodedText): Record<string, number> {
    if (!this.nlpjsNetwork) {
      const { intents, weights, biases } = this.network;
      const stride = this.features.length;
      this.nlpjsNetwork = restoreNetwork(
        [...this.features],
        intents,
        intents.map((_, i) => weights.slice(i * stride, (i + 1) * stride)),
        [...biases],
      );
    }
    return { ...(this.nlpjsNetwork.run(encoded.input) ?? {}) };
  }

  private nearest(vector: [number, number][]): Pick<Classification, 'nearestInScope' | 'nearestNone'> {
    const { similarity, touched } = this;
    let touchedCount = 0;
    // Features shared by very many examples ("<th", です) barely move a cosine but cost a pass over their
    // whole posting list; they are skipped (MAX_POSTINGS), keeping this in microseconds.
    const { rowStart: start, columns: examples, weights } = this.postings;
    for (const [feature, weight] of vector) {
      const end = start[feature + 1]!;
      if (end - start[feature]! > MAX_POSTINGS) continue;
      for (let i = start[feature]!; i < end; i += 1) {
        const example = examples[i]!;
        if (similarity[example] === 0) touched[touchedCount++] = example;
        similarity[example] = similarity[example]! + weight * weights[i]!;
      }
    }
    const { intents } = this.network;
    let bestInScope: IntentScore = { intent: NONE_INTENT, score: 0 };
    let bestNone = 0;
    for (let i = 0; i < touchedCount; i += 1) {
      const example = touched[i]!;
      const score = similarity[example]!;
      similarity[example] = 0;
      const intent = intents[this.exampleIntents[example]!]!;
      if (intent === NONE_INTENT) bestNone = Math.max(bestNone, score);
      else if (score > bestInScope.score) bestInScope = { intent, score };
    }
    return { nearestInScope: bestInScope, nearestNone: bestNone };
  }
}
