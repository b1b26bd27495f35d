/**
 * The NLU facade: `{ train, load, predict }` over one IntentModel per locale. Nothing here reads or writes
 * files, reads the environment, or logs; callers own persistence (model JSON) and timing.
 */
import { LRUCache } from 'lru-cache';
import { DEFAULT_THRESHOLDS, type DecisionThresholds, decide, type NluDecision } from './decide.ts';
import type { Classification } from './intent-model.ts';
import { IntentModel, type IntentModelJson, type IntentModelOptions } from './intent-model.ts';
import { isJapaneseAnalyzerReady, loadJapaneseAnalyzer } from './japanese-analyzer.ts';
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

/** The serialised engine. */
export interface IntentEngineJson {
  format: 'shop-bot-intent-engine';
  version: 1;
  thresholds: Record<Locale, DecisionThresholds>;
  models: IntentModelJson[];
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

  /** Restores an engine from JSON (and loads the Japanese dictionary when a ja model is present). */
  static async load(
    json: IntentEngineJson,
    options: Omit<IntentEngineOptions, 'thresholds'> = {},
  ): Promise<IntentEngine> {
    if (json?.format !== 'shop-bot-intent-engine' || json.version !== 1) {
      throw new ModelLoadingError('engine', new Error('unsupported engine format'));
    }
    const models = new Map<Locale, IntentModel>();
    for (const modelJson of json.models) {
      try {
        models.set(modelJson.locale, IntentModel.fromJSON(modelJson));
      } catch (error) {
        throw new ModelLoadingError(`model ${String(modelJson?.locale)}`, error);
      }
    }
    if (models.has('ja')) await loadJapaneseAnalyzer();
    return new IntentEngine(models, { ...options, thresholds: json.thresholds });
  }

  /** Serialises every model and the thresholds. */
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
