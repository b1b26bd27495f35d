/**
 * The NLU facade: `{ train, load, predict }` over one IntentModel per locale. Nothing here reads or writes
 * files, reads the environment, or logs; callers own persistence (model JSON) and timing.
 */
import { LRUCache } from 'lru-cache';
import { BotError } from '../errors.ts';
import { englishClauses, japaneseClauses, letterCount } from './clauses.ts';
import {
  type DecisionModel,
  decide,
  isDecisionModel,
  type NluDecision,
  type SpanClassification,
} from './decide.ts';
import { DEFAULT_DECISION_MODELS } from './decision-defaults.ts';
import { englishFeatures, japaneseFeaturesOf } from './featurize.ts';
import type { Classification, EncodedText } from './intent-model.ts';
import { IntentModel, type IntentModelMeta } from './intent-model.ts';
import type { IntentModelJson } from './intent-model-json.ts';
import { analyseJapanese, isJapaneseAnalyzerReady, loadJapaneseAnalyzer } from './japanese-analyzer.ts';
import {
  isModelFile,
  type ModelFile,
  openModelFile,
  packModelFile,
  type SectionValue,
} from './model-file.ts';
import { detectLocale, normalizeText } from './normalize.ts';
import { type OtherCompanyMatcher, otherCompanyMatcher } from './other-company.ts';
import type { IntentModelOptions } from './training-options.ts';
import type { Locale, TrainingExample } from './types.ts';

/** Everything predict() tells about one message. */
export interface NluResult extends Classification {
  text: string;
  locale: Locale;
  decision: NluDecision;
  contentWords: number;
  knownContentWords: number;
  /** Clauses the message was also classified by (0: one clause; see clauses.ts). */
  clauses: number;
  /** The clause the decision was made on, or null when it was made on the whole message. */
  decidingClause: string | null;
  /** Another company's service the message names (other-company.ts), or null. */
  otherCompany: string | null;
}

/** The engine as JSON (format version 1): readable, and still read for models stored before model files. */
export interface IntentEngineJson {
  format: 'shop-bot-intent-engine';
  version: 1;
  /** The decision models (an engine stored before them has hand thresholds here: the defaults apply). */
  thresholds: unknown;
  models: IntentModelJson[];
}

/** The header of an engine's model file (see model-file.ts). */
interface IntentEngineMeta {
  format: 'shop-bot-intent-engine';
  version: 2;
  /** The decision models (an engine stored before them has hand thresholds here: the defaults apply). */
  thresholds: unknown;
  models: IntentModelMeta[];
}

/** Engine options. */
export interface IntentEngineOptions {
  /** Decision models per locale; default: fitted on the shipped corpus (decision-defaults.ts). */
  decisionModels?: Record<Locale, DecisionModel>;
  /**
   * Names that are the shop's own business although they contain another company's name (the shop's name,
   * its carriers); see other-company.ts.
   */
  ownNames?: readonly string[];
  /** Distinct texts whose results are cached (LRU); 0 disables. Bounded, unlike NLP.js's hour-long cache. */
  cacheSize?: number;
}

const DEFAULT_CACHE_SIZE = 5_000;

/** A model that could not be restored. */
export class ModelLoadingError extends BotError {
  constructor(
    readonly component: string,
    cause: unknown,
  ) {
    super(
      'BOT_ERR_MODEL_LOAD',
      `could not load ${component}: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
  }
}

export class IntentEngine {
  private readonly cache: LRUCache<string, NluResult> | undefined;
  readonly decisionModels: Record<Locale, DecisionModel>;
  private readonly otherCompanies: OtherCompanyMatcher;

  private constructor(
    private readonly models: Map<Locale, IntentModel>,
    options: IntentEngineOptions,
  ) {
    this.decisionModels = options.decisionModels ?? DEFAULT_DECISION_MODELS;
    this.otherCompanies = otherCompanyMatcher(options.ownNames);
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
    options: Omit<IntentEngineOptions, 'decisionModels'> = {},
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
    stored: unknown,
    options: Omit<IntentEngineOptions, 'decisionModels'>,
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
    return new IntentEngine(models, { ...options, decisionModels: storedDecisionModels(stored) });
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
      thresholds: this.decisionModels,
      models: metas,
    };
    return packModelFile(meta, sections);
  }

  /** Restores an engine from JSON (format version 1; see fromBytes for model files). */
  static async load(
    json: IntentEngineJson,
    options: Omit<IntentEngineOptions, 'decisionModels'> = {},
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

  /** Serialises every model and the decision models as JSON (format version 1). */
  toJSON(): IntentEngineJson {
    return {
      format: 'shop-bot-intent-engine',
      version: 1,
      thresholds: this.decisionModels,
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
   * Classifies one message, whole and clause by clause (clauses.ts), and decides. The locale comes from the
   * text (normalize.ts detectLocale): any Japanese character makes it Japanese, an English sentence English;
   * anything else (「？」, 123, 「OK」) uses `fallbackLocale`. A locale without a model falls back to the other.
   */
  predict(text: string, fallbackLocale: Locale = 'ja'): NluResult {
    const normalized = normalizeText(text);
    let locale = detectLocale(normalized, fallbackLocale);
    if (!this.models.has(locale)) locale = locale === 'ja' ? 'en' : 'ja';
    const key = `${locale}\u0000${normalized}`;
    const cached = this.cache?.get(key);
    if (cached) return cached;
    const spans = this.spansOf(normalized, locale);
    const whole = spans[0]!;
    const otherCompany = this.otherCompanies.find(normalized);
    const verdict = decide(spans, this.decisionModels[locale], { otherCompany });
    const result: NluResult = {
      text,
      locale,
      ...whole.classification,
      ...whole.coverage,
      clauses: spans.length - 1,
      decidingClause: spans[verdict.span]?.clause?.text ?? null,
      otherCompany,
      decision: verdict.decision,
    };
    this.cache?.set(key, result);
    return result;
  }

  /**
   * The classified spans of normalised text: the whole message first, then its clauses when it has more
   * than one (a message is analysed once). What decide() and the decision model's fitting read.
   */
  spansOf(normalized: string, locale: Locale): SpanClassification[] {
    const model = this.models.get(locale);
    if (!model) throw new BotError('BOT_ERR_MODEL_NOT_READY', 'the engine has no model');
    const { whole, clauses } =
      locale === 'ja' ? japaneseSpans(model, normalized) : englishSpans(model, normalized);
    const letters = Math.max(1, letterCount(normalized));
    return [
      { ...whole(), clause: null },
      ...clauses.map((c, i) => ({
        ...c.classify(),
        clause: {
          text: c.text,
          share: Math.min(1, letterCount(c.text) / letters),
          last: i === clauses.length - 1,
        },
      })),
    ];
  }
}

/** A span's classification and coverage, computed when asked (spans share scratch memory: one at a time). */
type ClassifySpan = () => Pick<SpanClassification, 'classification' | 'coverage'>;

/** A message's spans, whole and clause by clause, ready to classify. */
interface MessageSpans {
  whole: ClassifySpan;
  clauses: { text: string; classify: ClassifySpan }[];
}

/** Classifies a text encoded the string way (features built as names). */
function classifyEncoded(model: IntentModel, encoded: EncodedText): ReturnType<ClassifySpan> {
  return {
    classification: model.classify(encoded),
    coverage: { contentWords: encoded.contentWords.length, knownContentWords: encoded.knownContentWords },
  };
}

/**
 * A Japanese message is analysed once; its features are looked up once (japanese-span-features.ts) and
 * each clause's read off by position. Background clauses (the story before the request) are not
 * classified alone; see clauses.ts.
 */
function japaneseSpans(model: IntentModel, normalized: string): MessageSpans {
  if (!isJapaneseAnalyzerReady()) throw new BotError('BOT_ERR_MODEL_NOT_READY', 'dictionary not loaded');
  const morphemes = analyseJapanese(normalized);
  const clauses = japaneseClauses(morphemes).filter((c) => !c.background);
  const indexed = model.indexJapanese(morphemes, normalized);
  if (!indexed) {
    return {
      whole: () => classifyEncoded(model, model.encodeFeatures(japaneseFeaturesOf(morphemes, normalized))),
      clauses: clauses.map((c) => ({
        text: c.text,
        classify: () => classifyEncoded(model, model.encodeFeatures(japaneseFeaturesOf(c.morphemes, c.text))),
      })),
    };
  }
  return {
    whole: () => model.classifySpan(indexed.span(0, morphemes.length)),
    clauses: clauses.map((c) => ({
      text: c.text,
      classify: () => model.classifySpan(indexed.span(c.start, c.start + c.morphemes.length)),
    })),
  };
}

/** An English message and its sentences, each featurised on its own. */
function englishSpans(model: IntentModel, normalized: string): MessageSpans {
  return {
    whole: () => classifyEncoded(model, model.encodeFeatures(englishFeatures(normalized))),
    clauses: englishClauses(normalized).map((text) => ({
      text,
      classify: () => classifyEncoded(model, model.encodeFeatures(englishFeatures(text))),
    })),
  };
}

/**
 * The decision models stored with an engine, per locale, or the defaults where a locale's stored value is
 * not one (engines stored before the fitted decision layer carry hand thresholds there).
 */
function storedDecisionModels(stored: unknown): Record<Locale, DecisionModel> {
  const record = (stored ?? {}) as Partial<Record<Locale, unknown>>;
  return {
    ja: isDecisionModel(record.ja) ? record.ja : DEFAULT_DECISION_MODELS.ja,
    en: isDecisionModel(record.en) ? record.en : DEFAULT_DECISION_MODELS.en,
  };
}
