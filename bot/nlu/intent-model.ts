/**
 * One locale's intent classifier: our features, weighted by TF-IDF per channel, fed to NLP.js's
 * neural network (one-vs-rest perceptrons). We bypass NLP.js's Nlp/NluNeural wrappers on purpose: they
 * autosave model files, re-tokenise with lang-ja's reading-based stemmer, and square-and-normalise the
 * outputs so that one shared token yields a score of 1.0. Raw network outputs are kept instead, so a
 * message that matches nothing scores near 0 for every intent.
 */
import { NeuralNetwork, type NeuralNetworkJson } from '@nlpjs/neural';
import { channelOf, extractFeatures } from './featurize.ts';
import { normalizeText } from './normalize.ts';
import type { IntentScore, Locale, TrainingExample } from './types.ts';

/** Relative weight of each feature channel (see featurize.ts). */
export interface ChannelWeights {
  [channel: string]: number;
}

/** Training options; every field has a default. */
export interface IntentModelOptions {
  channelWeights?: ChannelWeights;
  /** Passes over the corpus (NLP.js's default of 20,000 is far more than a sparse linear model needs). */
  iterations?: number;
  learningRate?: number;
  /** Features seen in fewer training examples are dropped (noise, memory). */
  minDocumentFrequency?: number;
}

/** Defaults measured by cross-validation on the shipped corpus and CLINC150 validation. */
export const DEFAULT_CHANNEL_WEIGHTS: ChannelWeights = { w: 1, neg: 0.6, b: 0.5, s: 0.3, c: 0.6 };
const DEFAULT_ITERATIONS = 150;
const DEFAULT_LEARNING_RATE = 0.2;

/** The serialised model: plain JSON, written and read only by the caller. */
export interface IntentModelJson {
  format: 'shop-bot-intent-model';
  version: 1;
  locale: Locale;
  channelWeights: ChannelWeights;
  /** Feature → inverse document frequency. */
  idf: Record<string, number>;
  /** Content words seen in training (coverage gate). */
  vocabulary: string[];
  network: NeuralNetworkJson;
}

/** A vector ready for the network, plus what the coverage gate needs. */
export interface EncodedText {
  input: Record<string, number>;
  contentWords: string[];
  knownContentWords: number;
}

export class IntentModel {
  private constructor(
    readonly locale: Locale,
    private readonly channelWeights: ChannelWeights,
    private readonly idf: Map<string, number>,
    private readonly vocabulary: Set<string>,
    private readonly network: NeuralNetwork,
  ) {}

  /** Trains a model for one locale. Deterministic: the same examples give the same model. */
  static train(
    locale: Locale,
    examples: readonly TrainingExample[],
    options: IntentModelOptions = {},
  ): IntentModel {
    const channelWeights = { ...DEFAULT_CHANNEL_WEIGHTS, ...options.channelWeights };
    const minDf = options.minDocumentFrequency ?? 1;
    const raw = examples.map((e) => extractFeatures(normalizeText(e.text), locale));
    const df = new Map<string, number>();
    const vocabulary = new Set<string>();
    for (const r of raw) {
      for (const f of new Set(r.features)) df.set(f, (df.get(f) ?? 0) + 1);
      for (const w of r.contentWords) vocabulary.add(w);
    }
    const idf = new Map<string, number>();
    const n = examples.length;
    for (const [feature, count] of df) {
      if (count >= minDf) idf.set(feature, Math.log((n + 1) / (count + 1)) + 1);
    }
    const network = new NeuralNetwork({
      iterations: options.iterations ?? DEFAULT_ITERATIONS,
      learningRate: options.learningRate ?? DEFAULT_LEARNING_RATE,
      log: false,
    });
    const model = new IntentModel(locale, channelWeights, idf, vocabulary, network);
    const corpus = raw.map((r, i) => ({
      input: model.weigh(r.features),
      output: { [examples[i]!.intent]: 1 },
    }));
    network.train(corpus);
    return model;
  }

  /** Restores a model from its JSON; predictions are identical to the model that was exported. */
  static fromJSON(json: IntentModelJson): IntentModel {
    if (json.format !== 'shop-bot-intent-model' || json.version !== 1) {
      throw new Error(
        `BOT_ERR_MODEL_FORMAT: unsupported model format ${String(json.format)} v${String(json.version)}`,
      );
    }
    const network = new NeuralNetwork();
    network.fromJSON(json.network);
    return new IntentModel(
      json.locale,
      json.channelWeights,
      new Map(Object.entries(json.idf)),
      new Set(json.vocabulary),
      network,
    );
  }

  /** Serialises the model; nothing is written anywhere. */
  toJSON(): IntentModelJson {
    return {
      format: 'shop-bot-intent-model',
      version: 1,
      locale: this.locale,
      channelWeights: this.channelWeights,
      idf: Object.fromEntries(this.idf),
      vocabulary: [...this.vocabulary],
      network: this.network.toJSON(),
    };
  }

  /** Intents the model knows, in training order. */
  get intents(): string[] {
    return [...this.network.lookup.outputLookup.items];
  }

  /** TF-IDF weights per channel, each channel L2-normalised and scaled by its weight. */
  private weigh(features: readonly string[]): Record<string, number> {
    const tf = new Map<string, number>();
    for (const f of features) {
      if (this.idf.has(f)) tf.set(f, (tf.get(f) ?? 0) + 1);
    }
    const byChannel = new Map<string, [string, number][]>();
    for (const [f, count] of tf) {
      const channel = channelOf(f);
      const weight = (1 + Math.log(count)) * this.idf.get(f)!;
      let list = byChannel.get(channel);
      if (!list) byChannel.set(channel, (list = []));
      list.push([f, weight]);
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

  /** Encodes normalised text. */
  encode(normalizedText: string): EncodedText {
    const raw = extractFeatures(normalizedText, this.locale);
    let known = 0;
    for (const w of raw.contentWords) if (this.vocabulary.has(w)) known += 1;
    return { input: this.weigh(raw.features), contentWords: raw.contentWords, knownContentWords: known };
  }

  /** Raw network outputs, best first (scores are not normalised to sum to 1). */
  classify(encoded: EncodedText): IntentScore[] {
    const outputs = Object.keys(encoded.input).length ? this.network.run(encoded.input) : undefined;
    const ranked: IntentScore[] = [];
    for (const intent of this.network.lookup.outputLookup.items) {
      ranked.push({ intent, score: outputs?.[intent] ?? 0 });
    }
    return ranked.sort((a, b) => b.score - a.score || (a.intent < b.intent ? -1 : 1));
  }
}
