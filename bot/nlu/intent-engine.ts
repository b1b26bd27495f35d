/**
 * The NLU facade: `{ train, load, predict }` over one IntentModel per locale. Nothing here reads or writes
 * files, reads the environment, or logs; callers own persistence (model JSON) and timing.
 */
import { LRUCache } from 'lru-cache';
import { DEFAULT_THRESHOLDS, type DecisionThresholds, decide, type NluDecision } from './decide.ts';
import type { Classification } from './intent-model.ts';
import {
  IntentModel,
  type IntentModelJson,
  type IntentModelMeta,
  type IntentModelOptions,
} from './intent-model.ts';
import { isJapaneseAnalyzerReady, loadJapaneseAnalyzer } from './japanese-analyzer.ts';
import {
  isModelFile,
  type ModelFile,
  openModelFile,
  packModelFile,
  type SectionValue,
} from './model-file.ts';
import { detectLocale, normalizeText } from './normalize.ts';
import type { Locale, TrainingExample } from './types.ts';

/** Everything predict() tells about one message. */
export interface NluResult extends Classification {
  text: string;
  locale: Locale;
  decision: NluDecision;
  contentWords: number;
  knownContentWords: number;
}

/** The engine as JSON (format version 1): readable, and still read for models stored before model files. */
export interface IntentEngineJson {
  format: 'shop-bot-intent-engine';
  version: 1;
  thresholds: Record<Locale, DecisionThresholds>;
  models: IntentModelJson[];
}

/** The header of an engine's model file (see model-file.ts). */
interface IntentEngineMeta {
  format: 'shop-bot-intent-engine';
  version: 2;
  thresholds: Record<Locale, DecisionThresholds>;
  models: IntentModelMeta[];
}

/** Engine options. */
export interface IntentEngineOptions {
  thresholds?: Record<Locale, DecisionThresholds>;
  /** Distinct texts whose results are cached (LRU); 0 disables. Bounded, unlike NLP.js's hour-long cache. */
  cacheSize?: number;
}

const DEFAULT_CACHE_SIZE = 5_000;

/** A model that could not be restored. */
export class ModelLoadingError extends Error {
  readonly code = 'BOT_ERR_MODEL_LOAD';
  constructor(
    readonly component: string,
    cause: unknown,
  ) {
    super(`could not load ${component}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'ModelLoadingError';
  }
}

export class IntentEngine {
  private readonly cache: LRUCache<string, NluResult> | undefined;
  readonly thresholds: Record<Locale, DecisionThresholds>;

  private constructor(
    private readonly models: Map<Locale, IntentModel>,
    options: IntentEngineOptions,
  ) {
    this.thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
    const size = options.cacheSize ?? DEFAULT_CACHE_SIZE;
    this.cache = size > 0 ? new LRUCache({ max: size }) : undefined;
  }

  /** Trains one model per locale present in the examples. Loads the Japanese dictionary if needed. */
  static async train(
    examples: Partial<Record<Locale, readonly TrainingExample[]>>,
    options: IntentEngineOptions & { model?: IntentModelOptions } = {},
  ): Promise<IntentEngine> {
    const models = new Map<Locale, IntentModel>();
    for (const locale of ['ja', 'en'] as const) {
      const list = examples[locale];
      if (!list?.length) continue;
      if (locale === 'ja') await loadJapaneseAnalyzer();
      models.set(locale, IntentModel.train(locale, list, options.model));
    }
    return new IntentEngine(models, options);
  }

  /**
   * Restores an engine from its model file (toBytes) and loads the Japanese dictionary when a ja model is
   * present. The engine keeps views onto `bytes`: do not change them afterwards. A JSON model of the
   * older format (UTF-8 bytes of toJSON) is read too.
   */
  static async fromBytes(
    bytes: Uint8Array,
    options: Omit<IntentEngineOptions, 'thresholds'> = {},
  ): Promise<IntentEngine> {
    if (!isModelFile(bytes)) {
      let json: IntentEngineJson;
      try {
        json = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
      } catch (error) {
        throw new ModelLoadingError('engine', new Error(`neither a model file nor JSON (${String(error)})`));
      }
      return IntentEngine.load(json, options);
    }
    let file: ModelFile;
    let meta: IntentEngineMeta;
    try {
      file = openModelFile(bytes);
      meta = file.meta as IntentEngineMeta;
      if (meta?.format !== 'shop-bot-intent-engine' || meta.version !== 2 || !Array.isArray(meta.models))
        throw new Error('unsupported engine format');
    } catch (error) {
      throw new ModelLoadingError('engine', error);
    }
    return IntentEngine.assemble(
      meta.models,
      (modelMeta) => IntentModel.fromParts(modelMeta, file, `${modelMeta.locale}.`),
      meta.thresholds,
      options,
    );
  }

  /**
   * Restores each serialised model (a failure names its locale), loads the Japanese dictionary when a ja
   * model is present, and builds the engine: the last steps of both formats' loaders.
   */
  private static async assemble<T extends { locale: Locale }>(
    serialised: readonly T[],
    restore: (model: T) => IntentModel,
    thresholds: Record<Locale, DecisionThresholds>,
    options: Omit<IntentEngineOptions, 'thresholds'>,
  ): Promise<IntentEngine> {
    const models = new Map<Locale, IntentModel>();
    for (const model of serialised) {
      try {
        models.set(model.locale, restore(model));
      } catch (error) {
        throw new ModelLoadingError(`model ${String(model?.locale)}`, error);
      }
    }
    if (models.has('ja')) await loadJapaneseAnalyzer();
    return new IntentEngine(models, { ...options, thresholds });
  }

  /** The engine as one model file: what is stored in the database, cached on disk and sent to workers. */
  toBytes(): Uint8Array {
    const metas: IntentModelMeta[] = [];
    const sections: Record<string, SectionValue> = {};
    for (const model of this.models.values()) {
      const parts = model.toParts(`${model.locale}.`);
      metas.push(parts.meta);
      Object.assign(sections, parts.sections);
    }
    const meta: IntentEngineMeta = {
      format: 'shop-bot-intent-engine',
      version: 2,
      thresholds: this.thresholds,
      models: metas,
    };
    return packModelFile(meta, sections);
  }

  /** Restores an engine from JSON (format version 1; see fromBytes for model files). */
  static async load(
    json: IntentEngineJson,
    options: Omit<IntentEngineOptions, 'thresholds'> = {},
  ): Promise<IntentEngine> {
    if (json?.format !== 'shop-bot-intent-engine' || json.version !== 1) {
      throw new ModelLoadingError('engine', new Error('unsupported engine format'));
    }
    return IntentEngine.assemble(
      json.models,
      (model) => IntentModel.fromJSON(model),
      json.thresholds,
      options,
    );
  }

  /** Serialises every model and the thresholds as JSON (format version 1). */
  toJSON(): IntentEngineJson {
    return {
      format: 'shop-bot-intent-engine',
      version: 1,
      thresholds: this.thresholds,
      models: [...this.models.values()].map((m) => m.toJSON()),
    };
  }

  /** Locales this engine has a model for. */
  get locales(): Locale[] {
    return [...this.models.keys()];
  }

  /** Intents of one locale's model. */
  intents(locale: Locale): string[] {
    return this.models.get(locale)?.intents ?? [];
  }

  /** Number of cached results (for tests and metrics). */
  get cachedResults(): number {
    return this.cache?.size ?? 0;
  }

  /**
   * Classifies one message. The locale comes from the text's script; a text without letters (「？」, 123)
   * uses `fallbackLocale`. A locale without a model falls back to the other one.
   */
  predict(text: string, fallbackLocale: Locale = 'ja'): NluResult {
    const normalized = normalizeText(text);
    let locale = detectLocale(normalized, fallbackLocale);
    if (!this.models.has(locale)) locale = locale === 'ja' ? 'en' : 'ja';
    const key = `${locale}\u0000${normalized}`;
    const cached = this.cache?.get(key);
    if (cached) return cached;
    const model = this.models.get(locale);
    if (!model) throw new Error('BOT_ERR_MODEL_NOT_READY: the engine has no model');
    if (locale === 'ja' && !isJapaneseAnalyzerReady())
      throw new Error('BOT_ERR_MODEL_NOT_READY: dictionary not loaded');
    const encoded = model.encode(normalized);
    const classification = model.classify(encoded);
    const coverage = {
      contentWords: encoded.contentWords.length,
      knownContentWords: encoded.knownContentWords,
    };
    const result: NluResult = {
      text,
      locale,
      ...classification,
      ...coverage,
      decision: decide(classification, coverage, this.thresholds[locale]),
    };
    this.cache?.set(key, result);
    return result;
  }
}
