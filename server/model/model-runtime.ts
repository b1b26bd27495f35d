/**
 * The model this instance answers with, and the only way to change it. A model goes live in three steps:
 * load (engine, worker threads, warm-up, bot: everything that can fail or take time), then record (the
 * publication row every instance follows), then swap (one assignment, so a message in flight finishes
 * with the old bot and the next one gets the new). When loading or recording fails, the loaded model is
 * discarded and the old one keeps answering: the instance never answers with a model whose publication
 * was not recorded.
 */
import type { Corpus } from '../../bot/corpus/load-corpus.ts';
import type { IntentEngine } from '../../bot/nlu/intent-engine.ts';
import type { PooledPrediction } from '../../bot/nlu/prediction-pool.ts';
import type { Locale } from '../../bot/nlu/types.ts';
import type { Bot } from '../../bot/respond.ts';
import { ServerError } from '../errors.ts';
import type { ModelPublication, ModelStore } from '../storage/model-store.ts';
import { warmEngine } from './warm-engine.ts';

/** The model this instance answers with. */
export interface LiveModel {
  engine: IntentEngine;
  /** The corpus snapshot it was trained on: answers, titles and quick replies come from here. */
  corpus: Corpus;
  /** Its model version, or null for an engine prepared by the caller (tests). */
  versionId: string | null;
}

/** Worker threads predicting with one model (bot/nlu/prediction-pool.ts). */
export interface Predictors {
  predict(text: string, fallback: Locale): Promise<PooledPrediction>;
  close(): Promise<void>;
}

/** What the runtime needs from outside: storage, and how to build an engine, threads and a bot. */
export interface ModelRuntimeDeps {
  models: Pick<ModelStore, 'loadArtifacts' | 'publish' | 'livePublication'>;
  /** Restores an engine from model bytes. */
  loadEngine(bytes: Uint8Array): Promise<IntentEngine>;
  /** Starts worker threads for model bytes; undefined when predictions stay on the main thread. */
  startPredictors(bytes: Uint8Array): Promise<Predictors | undefined>;
  /** Builds the bot that answers with a model. */
  createBot(model: LiveModel): Bot;
  now: () => Date;
  log: { info(obj: object, msg: string): void };
  /** A replaced model's threads keep answering requests already sent to them this long (ms). */
  retireAfterMs?: number;
}

/** Who publishes and why (the publication row). */
export interface PublishRequest {
  versionId: string;
  publishedBy: string | null;
  reason: string | null;
  overridden: boolean;
}

/** The model runtime service. */
export interface ModelRuntime {
  /** The bot once a model is live, else undefined. */
  current(): Bot | undefined;
  /** The live model, else undefined. */
  live(): LiveModel | undefined;
  /**
   * Predicts on the worker threads of the model behind `bot`, so the main thread does not; undefined
   * without threads or when that model is no longer live.
   */
  predictorFor(bot: Bot): ((text: string, fallback: Locale) => Promise<PooledPrediction>) | undefined;
  /** Loads, records and swaps in a stored ready version; on any failure the live model stays. */
  publish(request: PublishRequest): Promise<ModelPublication>;
  /**
   * Publishes a model already loaded here (the first training of a fresh database): record, then swap.
   * `versionId` is the stored version those bytes are.
   */
  publishLoaded(
    loaded: { engine: IntentEngine; corpus: Corpus; bytes: Uint8Array },
    request: PublishRequest,
  ): Promise<ModelPublication>;
  /** Goes live with a publication already recorded (at start, or another instance's). */
  follow(publication: ModelPublication): Promise<void>;
  /** Goes live with an engine prepared by the caller (tests), knowing of `publicationId`. */
  usePrepared(model: { engine: IntentEngine; corpus: Corpus }, publicationId: string | null): Promise<void>;
  /** Follows the newest publication if it is not the one known here; true when it swapped. */
  refresh(): Promise<boolean>;
  /** Stops the live model's threads (shutdown). */
  close(): Promise<void>;
}

/** A model loaded and ready to answer, not live yet. */
interface Loaded {
  model: LiveModel;
  bot: Bot;
  predictors: Predictors | undefined;
}

const DEFAULT_RETIRE_MS = 10_000;

/** Creates the runtime; no model is live until one is published, followed or prepared. */
export function createModelRuntime(deps: ModelRuntimeDeps): ModelRuntime {
  const retireAfterMs = deps.retireAfterMs ?? DEFAULT_RETIRE_MS;
  let live: Loaded | undefined;
  /** The publication this instance answers with (or knew of, for a prepared engine). */
  let knownPublicationId: string | null = null;
  const predictorsByBot = new WeakMap<Bot, Predictors>();
  /**
   * Changes of the live model run one at a time: a check for other instances' publications that loads
   * an older version must not swap it in after a publication made here meanwhile.
   */
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(change: () => Promise<T>): Promise<T> => {
    const result = queue.then(change);
    queue = result.catch(() => {});
    return result;
  };

  /** Step 1: everything that can fail or take time, before anything changes. */
  const load = async (model: LiveModel, bytes: Uint8Array): Promise<Loaded> => {
    // The new model's threads are loaded before it goes live, so no message waits for them.
    const predictors = await deps.startPredictors(bytes);
    try {
      warmEngine(model.engine, model.corpus, live === undefined);
      return { model, bot: deps.createBot(model), predictors };
    } catch (error) {
      await predictors?.close();
      throw error;
    }
  };

  /** Step 3: one assignment; the replaced threads retire after the requests already sent to them. */
  const swap = (next: Loaded, publicationId: string | null): void => {
    const retired = live?.predictors;
    live = next;
    knownPublicationId = publicationId;
    if (next.predictors) predictorsByBot.set(next.bot, next.predictors);
    if (retired) setTimeout(() => void retired.close(), retireAfterMs).unref();
  };

  const loadVersion = async (versionId: string): Promise<Loaded> => {
    const artifacts = await deps.models.loadArtifacts(versionId);
    if (!artifacts) {
      throw new ServerError('BOT_ERR_MODEL_NOT_READY', `model version ${versionId} is not ready`);
    }
    const engine = await deps.loadEngine(artifacts.model);
    return load({ engine, corpus: { intents: artifacts.corpus }, versionId }, artifacts.model);
  };

  /** Step 2, then 3: a failed record discards the loaded model and the live one stays. */
  const recordAndSwap = async (next: Loaded, request: PublishRequest): Promise<ModelPublication> => {
    let publication: ModelPublication;
    try {
      publication = await deps.models.publish({ ...request, now: deps.now() });
    } catch (error) {
      await next.predictors?.close();
      throw error;
    }
    swap(next, publication.id);
    deps.log.info({ versionId: request.versionId, publicationId: publication.id }, 'model published');
    return publication;
  };

  const follow = async (publication: ModelPublication): Promise<void> => {
    const next = await loadVersion(publication.versionId);
    swap(next, publication.id);
    deps.log.info(
      { versionId: publication.versionId, locales: next.model.engine.locales },
      'model activated',
    );
  };

  return {
    current: () => live?.bot,
    live: () => live?.model,
    predictorFor(bot) {
      const predictors = predictorsByBot.get(bot);
      return predictors && ((text, fallback) => predictors.predict(text, fallback));
    },
    publish: (request) => serially(async () => recordAndSwap(await loadVersion(request.versionId), request)),
    publishLoaded: (loaded, request) =>
      serially(async () => {
        const model = { engine: loaded.engine, corpus: loaded.corpus, versionId: request.versionId };
        return recordAndSwap(await load(model, loaded.bytes), request);
      }),
    follow: (publication) => serially(() => follow(publication)),
    usePrepared: (model, publicationId) =>
      serially(async () => {
        swap(await load({ ...model, versionId: null }, model.engine.toBytes()), publicationId);
      }),
    refresh: () =>
      serially(async () => {
        const newest = await deps.models.livePublication();
        if (!newest || newest.id === knownPublicationId) return false;
        if (newest.versionId === live?.model.versionId) {
          knownPublicationId = newest.id;
          return false;
        }
        await follow(newest);
        return true;
      }),
    async close() {
      await live?.predictors?.close();
    },
  };
}
