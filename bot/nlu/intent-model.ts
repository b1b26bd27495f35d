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
 *
 * This file owns training, the two serialised forms and classification; the parts are their own modules:
 * weighting (feature-weigher.ts), the network's weights and scoring (network-weights.ts), the neighbour
 * index (neighbour-index.ts) and the typed sparse rows both are stored as (sparse-rows.ts).
 */

import type { NeuralNetwork } from '@nlpjs/neural';
import { BotError } from '../errors.ts';
import type { Coverage } from './decide.ts';
import {
  type ChannelWeights,
  FeatureWeigher,
  unitVector,
  unknownWordFeatures,
  type WeightedFeatures,
} from './feature-weigher.ts';
import { extractFeatures, type RawFeatures } from './featurize.ts';
import type { IntentModelJson } from './intent-model-json.ts';
import { rankIntents } from './intent-ranking.ts';
import type { Morpheme } from './japanese-analyzer.ts';
import { JapaneseSpanFeatures, type SpanFeatures } from './japanese-span-features.ts';
import type { ModelFile, SectionValue } from './model-file.ts';
import { NeighbourIndex, type Neighbours } from './neighbour-index.ts';
import {
  fromIntentMajor,
  intentMajor,
  type NetworkWeights,
  NLPJS_ALPHA,
  networkInFeatureOrder,
  restoreNetwork,
  scoreNetwork,
} from './network-weights.ts';
import { normalizeText } from './normalize.ts';
import { trainPerceptrons } from './perceptron-trainer.ts';
import {
  allBelow,
  decodeRows,
  encodeRows,
  fromBase64,
  isAscending,
  rowsFromVectors,
  type SparseRows,
  toBase64,
  transpose,
} from './sparse-rows.ts';
import {
  DEFAULT_CHANNEL_WEIGHTS,
  DEFAULT_ITERATIONS,
  DEFAULT_LEARNING_RATE,
  type IntentModelOptions,
  MIN_NONE_SHARE_FOR_UNKNOWN_WORDS,
} from './training-options.ts';
import { type IntentScore, type Locale, NONE_INTENT, type TrainingExample } from './types.ts';

export type { ChannelWeights, WeightedFeatures };

/** A vector ready for the network, plus what the coverage gate needs. */
export interface EncodedText {
  input: WeightedFeatures;
  contentWords: string[];
  /** Content words also seen in in-scope training examples. */
  knownContentWords: number;
}

/** Classifier output for one text: network outputs and nearest neighbours (neighbour-index.ts). */
export interface Classification extends Neighbours {
  /** Network outputs, best first; not normalised to sum to 1 (a text like nothing seen scores ~0 everywhere). */
  ranked: IntentScore[];
}

/** The model file section of the network's weights, feature-major (older files have `weights` instead). */
const WEIGHTS_BY_FEATURE = 'weightsByFeature';

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

export class IntentModel {
  private readonly weigher: FeatureWeigher;
  private readonly neighbours: NeighbourIndex;
  /** NLP.js's own network holding the same weights, built only when asked for (runWithNlpjs). */
  private nlpjsNetwork: NeuralNetwork | undefined;
  /** Scratch for the network's outputs (read into the ranking before the next classification). */
  private readonly outputs: Float64Array;

  private constructor(
    readonly locale: Locale,
    private readonly channelWeights: ChannelWeights,
    private readonly features: readonly string[],
    private readonly idf: Float64Array,
    private readonly vocabulary: Set<string>,
    private readonly commonWords: Set<string>,
    private readonly network: NetworkWeights,
    exampleIntents: Int32Array,
    /** The training examples' unit vectors, per feature: rowStart[f]… are feature f's examples. */
    postings: SparseRows,
  ) {
    this.weigher = new FeatureWeigher(features, idf, channelWeights);
    this.neighbours = new NeighbourIndex(postings, exampleIntents, network.intents);
    this.outputs = new Float64Array(network.intents.length);
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
    const weigher = new FeatureWeigher(features, idf, channelWeights);
    const inputs = raw.map((r) => weigher.weigh(r.features));
    const trained = trainPerceptrons(
      inputs.map((input, i) => ({ input: weigher.asInputObject(input), intent: examples[i]!.intent })),
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
    const exampleVectors = rowsFromVectors(inputs.map(unitVector));
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
      throw new BotError(
        'BOT_ERR_MODEL_FORMAT',
        `unsupported model format ${String(json?.format)} v${String(json?.version)}`,
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
      weights: toBase64(intentMajor(this.network, this.features.length)),
      biases: [...this.network.biases],
      vocabulary: [...this.vocabulary],
      commonWords: [...this.commonWords],
      exampleIntents: [...this.neighbours.exampleIntents],
      exampleVectors: encodeRows(transpose(this.neighbours.postings, this.neighbours.exampleIntents.length)),
    };
  }

  /** The model's header fields and sections for a model file (section names get `prefix`). */
  toParts(prefix: string): IntentModelParts {
    const { intents, byFeature, biases, alpha } = this.network;
    return {
      meta: { locale: this.locale, channelWeights: this.channelWeights, intents: [...intents], alpha },
      sections: {
        [`${prefix}features`]: this.features,
        [`${prefix}idf`]: this.idf,
        [`${prefix}${WEIGHTS_BY_FEATURE}`]: byFeature,
        [`${prefix}biases`]: biases,
        [`${prefix}vocabulary`]: [...this.vocabulary],
        [`${prefix}commonWords`]: [...this.commonWords],
        [`${prefix}exampleIntents`]: this.neighbours.exampleIntents,
        [`${prefix}postingStart`]: this.neighbours.postings.rowStart,
        [`${prefix}postingExamples`]: this.neighbours.postings.columns,
        [`${prefix}postingWeights`]: this.neighbours.postings.weights,
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
    const biases = file.float64(`${prefix}biases`);
    const intents = meta.intents;
    // Files written before the weights were stored feature-major hold NLP.js's intent-major block.
    const byFeature = file.has(`${prefix}${WEIGHTS_BY_FEATURE}`)
      ? file.float32(`${prefix}${WEIGHTS_BY_FEATURE}`)
      : fromIntentMajor(file.float32(`${prefix}weights`), biases.length, features.length);
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
      byFeature.length === intents.length * features.length &&
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
      { intents, byFeature, biases, alpha: meta.alpha },
      exampleIntents,
      postings,
    );
  }

  /** Intents the model knows, in training order. */
  get intents(): string[] {
    return [...this.network.intents];
  }

  /** Encodes normalised text. */
  encode(normalizedText: string): EncodedText {
    return this.encodeFeatures(extractFeatures(normalizedText, this.locale));
  }

  /** Encodes features already extracted (a clause of a message analysed once; see clauses.ts). */
  encodeFeatures(extracted: RawFeatures): EncodedText {
    const { contentWords } = extracted;
    const { known, unknown } = this.wordCoverage(contentWords);
    return { input: this.weigher.weigh(extracted.features, unknown), contentWords, knownContentWords: known };
  }

  /** Content words seen in in-scope training (known), and outside the common words (unknown). */
  private wordCoverage(contentWords: readonly string[]): { known: number; unknown: number } {
    let known = 0;
    let unknown = 0;
    for (const w of contentWords) {
      if (this.vocabulary.has(w)) known += 1;
      if (!this.commonWords.has(w)) unknown += 1;
    }
    return { known, unknown };
  }

  /**
   * A Japanese message's features looked up once over this model's vocabulary, for encodeSpan; undefined
   * when its morphemes do not spell it (then encode its spans with japaneseFeaturesOf).
   */
  indexJapanese(morphemes: readonly Morpheme[], text: string): JapaneseSpanFeatures | undefined {
    return JapaneseSpanFeatures.of(morphemes, text, this.weigher);
  }

  /** Encodes one span of an indexed message: the same as encodeFeatures on the span's raw features. */
  encodeSpan(span: SpanFeatures): EncodedText {
    const { contentWords } = span;
    const { known, unknown } = this.wordCoverage(contentWords);
    return {
      input: this.weigher.weighIndices(span.indices, unknown),
      contentWords,
      knownContentWords: known,
    };
  }

  /**
   * classify(encodeSpan(span)) and the span's word coverage, through scratch buffers: what prediction
   * runs for every span of every message (the encoded span is not kept).
   */
  classifySpan(span: SpanFeatures): { classification: Classification; coverage: Coverage } {
    const { contentWords } = span;
    const { known, unknown } = this.wordCoverage(contentWords);
    const input = this.weigher.weighIndicesTransient(span.indices, unknown);
    return {
      classification: this.rank(scoreNetwork(this.network, input, this.outputs), input),
      coverage: { contentWords: contentWords.length, knownContentWords: known },
    };
  }

  /** Network outputs and nearest neighbours for an encoded text. */
  classify(encoded: EncodedText): Classification {
    return this.rank(scoreNetwork(this.network, encoded.input, this.outputs), encoded.input);
  }

  /** The ranking of network outputs (valid for this call only) and the nearest neighbours of `input`. */
  private rank(outputs: Float64Array, input: WeightedFeatures): Classification {
    const ranked = rankIntents(this.network.intents, outputs);
    return { ranked, ...this.neighbours.nearest(input) };
  }

  /** NLP.js's own NeuralNetwork.run on an encoded text (for tests comparing with runNetwork). */
  runWithNlpjs(encoded: EncodedText): Record<string, number> {
    if (!this.nlpjsNetwork) {
      const { intents, biases } = this.network;
      const stride = this.features.length;
      const weights = intentMajor(this.network, stride);
      this.nlpjsNetwork = restoreNetwork(
        [...this.features],
        intents,
        intents.map((_, i) => weights.slice(i * stride, (i + 1) * stride)),
        [...biases],
      );
    }
    return { ...(this.nlpjsNetwork.run(this.weigher.asInputObject(encoded.input)) ?? {}) };
  }
}
