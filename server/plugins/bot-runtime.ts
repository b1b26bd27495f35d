/**
 * Owns the bot's lifecycle in the server. The corpus and the trained model versions live in the database
 * (shared by every instance): on a fresh database the shipped corpus seeds it and a first model is
 * trained in a worker thread (the event loop keeps serving /healthz meanwhile) and published. After that,
 * every start loads the newest publication. Publishing (console) swaps the bot between two messages, in
 * this instance at once and in the others at their next check (MODEL_POLL_SECONDS), without dropping a
 * chat. The model is warmed before the instance reports ready.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import fp from 'fastify-plugin';
import type { ShopFacts } from '../../bot/answers/render-answer.ts';
import { type Corpus, loadCorpus, testExamples, trainingExamples } from '../../bot/corpus/load-corpus.ts';
import { enabledFlows, type FlowSettings } from '../../bot/flows/registry.ts';
import { IntentEngine } from '../../bot/nlu/intent-engine.ts';
import { scoreEngine } from '../../bot/nlu/model-job.ts';
import { type PooledPrediction, PredictionPool } from '../../bot/nlu/prediction-pool.ts';
import { trainInWorker } from '../../bot/nlu/train-in-worker.ts';
import type { Locale } from '../../bot/nlu/types.ts';
import { type Bot, createBot } from '../../bot/respond.ts';
import { businessCalendar } from '../config/shop-calendar.ts';
import type { ShopConfig } from '../config/shop-config-schema.ts';
import { CorpusStore } from '../storage/corpus-store.ts';
import { ModelStore } from '../storage/model-store.ts';

/** Bump when features or the model format change, so stale cached models are not reused. */
export const ENGINE_VERSION = 'engine-v7';

declare module 'fastify' {
  interface FastifyInstance {
    botRuntime: BotRuntime;
    corpusStore: CorpusStore;
    modelStore: ModelStore;
  }
}

/** The model this instance answers with. */
export interface LiveModel {
  engine: IntentEngine;
  /** The corpus snapshot it was trained on: answers, titles and quick replies come from here. */
  corpus: Corpus;
  /** Its model version, or null for an engine prepared by the caller (tests). */
  versionId: string | null;
}

/** The bot as the server sees it. */
export interface BotRuntime {
  /** The bot once ready, else undefined. */
  current(): Bot | undefined;
  /** The live model once ready, else undefined. */
  live(): LiveModel | undefined;
  /** Resolves when the first model is loaded and warmed; rejects if that failed. */
  ready: Promise<void>;
  /** Loads a ready model version from the database and answers with it from the next message on. */
  activate(versionId: string): Promise<void>;
  /** Activates the newest publication if another instance published since; true when it swapped. */
  refresh(): Promise<boolean>;
  /**
   * Predicts on the worker threads of the model behind `bot` (NLU_THREADS > 0), so the main thread does
   * not; undefined without threads or when that model is no longer live.
   */
  predictorFor(bot: Bot): ((text: string, fallback: Locale) => Promise<PooledPrediction>) | undefined;
}

export interface BotRuntimePluginOptions {
  corpusDir: string;
  dataDir: string;
  shop: ShopConfig;
  /** How often to look for a model published by another instance, in ms (0: never). */
  pollIntervalMs: number;
  /** Worker threads predicting intents (0: on the main thread). */
  nluThreads: number;
  now: () => Date;
  /** A prepared engine and corpus (tests); skips loading and training. */
  prepared?: { engine: IntentEngine; corpus: Corpus };
}

/** Maps the shop config onto the facts answers use. */
export function shopFacts(shop: ShopConfig): ShopFacts {
  return {
    name: shop.name,
    supportEmail: shop.supportEmail,
    supportPhone: shop.supportPhone,
    supportHours: shop.supportHours,
    myPageUrl: shop.myPageUrl,
    cutoffTime: shop.shipping.cutoffTime,
    shippingFee: shop.shipping.fee,
    freeShippingThreshold: shop.shipping.freeShippingThreshold,
    codFee: shop.shipping.codFee,
    carrier: shop.shipping.carrier,
    returnDays: shop.returnDays,
    changeDeadlineDays: shop.changeDeadlineDays,
  };
}

/**
 * Names that are the shop's own although they may contain another company's name (its name, its carrier):
 * the engine's other-company rule leaves them in scope (bot/nlu/other-company.ts).
 */
export function ownNames(shop: ShopConfig): string[] {
  return [shop.name.ja, shop.name.en, shop.shipping.carrier.ja, shop.shipping.carrier.en];
}

/** Maps the shop config onto the facts the dialogue flows use. */
export function flowSettings(shop: ShopConfig): FlowSettings {
  const facts = {
    myPageUrl: shop.myPageUrl,
    changeDeadlineDays: shop.changeDeadlineDays,
    orderNumberPattern: shop.orderNumberPattern,
    calendar: businessCalendar(shop),
    cutoffTime: shop.shipping.cutoffTime,
    leadDays: shop.shipping.leadDays,
    preorders: shop.shipping.preorders,
    returnDays: shop.returnDays,
    ...(shop.sizing ? { sizing: shop.sizing } : {}),
    subscriptionActions: shop.subscriptionWebhook !== undefined,
  };
  return { ...facts, enabled: enabledFlows(shop.flows, facts), config: shop.flows };
}

/** Hash of the training data and engine version: a model version is never trained twice for it. */
export function corpusHash(corpus: Corpus): string {
  const examples = { ja: trainingExamples(corpus, 'ja'), en: trainingExamples(corpus, 'en') };
  return createHash('sha256')
    .update(ENGINE_VERSION)
    .update(JSON.stringify(examples))
    .digest('hex')
    .slice(0, 16);
}

/** Held-out tests of a corpus per locale. */
export function corpusTests(corpus: Corpus): Record<Locale, ReturnType<typeof testExamples>> {
  return { ja: testExamples(corpus, 'ja'), en: testExamples(corpus, 'en') };
}

/** Held-out questions per locale that warmEngine runs through a new engine. */
const WARM_UP_QUESTIONS = 60;

/**
 * Readies a new engine before it answers shoppers: one question per locale for its lazy initialisation.
 * The first engine of the process (`compile`) also answers some of the corpus's held-out questions of
 * each locale: code that has run once is still interpreted, and the first shoppers would wait for V8 to
 * compile the NLU's hot paths (about 60 ms of warming here, a few ms per message). Compiled code serves
 * every later engine, so a publication does not hold the event loop for that again.
 */
function warmEngine(engine: IntentEngine, corpus: Corpus, compile: boolean): void {
  for (const locale of engine.locales) {
    engine.predict(locale === 'ja' ? 'こんにちは' : 'hello', locale);
    if (!compile) continue;
    const questions = testExamples(corpus, locale);
    const step = Math.max(1, Math.floor(questions.length / WARM_UP_QUESTIONS));
    for (let i = 0; i < questions.length; i += step) engine.predict(questions[i]!.text, locale);
  }
}

/**
 * Trains in a worker thread, keeping a copy in DATA_DIR/models keyed by the corpus hash: a fresh
 * database on a machine that trained the same corpus before (tests, a reinstall) skips the seconds.
 */
async function trainCached(corpus: Corpus, dataDir: string, log: (msg: string) => void): Promise<Uint8Array> {
  const file = path.join(dataDir, 'models', `engine-${corpusHash(corpus)}.bin`);
  try {
    const model = await fs.readFile(file);
    log(`loaded cached model ${path.basename(file)}`);
    return model;
  } catch {
    // No cache (or unreadable): train below.
  }
  const started = Date.now();
  const model = await trainInWorker({
    ja: trainingExamples(corpus, 'ja'),
    en: trainingExamples(corpus, 'en'),
  });
  log(`trained model in ${Date.now() - started} ms`);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, model);
  await fs.rename(temporary, file);
  return model;
}

export default fp<BotRuntimePluginOptions>(
  async (fastify, options) => {
    const corpusStore = new CorpusStore(() => fastify.storage.database(), fastify.storage.dialect);
    const modelStore = new ModelStore(() => fastify.storage.database(), fastify.storage.dialect);
    fastify.decorate('corpusStore', corpusStore);
    fastify.decorate('modelStore', modelStore);
    const log = (msg: string) => fastify.log.info(msg);
    const facts = shopFacts(options.shop);
    let live: LiveModel | undefined;
    let bot: Bot | undefined;
    /** The publication this instance answers with (or knew of at start, for a prepared engine). */
    let knownPublicationId: string | null = null;

    const pools = new WeakMap<Bot, PredictionPool>();
    let currentPool: PredictionPool | undefined;
    /** A replaced pool keeps answering requests already sent to it for this long (ms), then stops. */
    const POOL_RETIRE_MS = 10_000;

    const install = async (model: LiveModel, bytes: Uint8Array): Promise<void> => {
      // The new model's threads are loaded before it goes live, so no message waits for them.
      const pool =
        options.nluThreads > 0
          ? await PredictionPool.start(bytes, options.nluThreads, ownNames(options.shop))
          : undefined;
      warmEngine(model.engine, model.corpus, live === undefined);
      const next = createBot({
        engine: model.engine,
        corpus: model.corpus,
        shop: facts,
        handoff: {
          calendar: businessCalendar(options.shop),
          replyPromise: options.shop.calendar.replyPromise,
          replyWithinMinutes: options.shop.calendar.replyWithinMinutes,
        },
        flows: flowSettings(options.shop),
      });
      // One assignment: a message in flight finishes with the old bot, the next one gets the new.
      live = model;
      bot = next;
      if (pool) pools.set(next, pool);
      const retired = currentPool;
      currentPool = pool;
      if (retired) setTimeout(() => void retired.close(), POOL_RETIRE_MS).unref();
    };

    const activate = async (versionId: string): Promise<void> => {
      const artifacts = await modelStore.loadArtifacts(versionId);
      if (!artifacts) throw new Error(`BOT_ERR_MODEL_NOT_READY: model version ${versionId} is not ready`);
      const engine = await IntentEngine.fromBytes(artifacts.model, { ownNames: ownNames(options.shop) });
      await install({ engine, corpus: { intents: artifacts.corpus }, versionId }, artifacts.model);
      fastify.log.info({ versionId, locales: engine.locales }, 'model activated');
    };

    /** First start on a fresh database: train the seeded corpus, score it, and publish it. */
    const trainAndPublishInitial = async (): Promise<void> => {
      const corpus = await corpusStore.loadCorpus();
      const hash = corpusHash(corpus);
      let version = await modelStore.findReadyByHash(hash, ENGINE_VERSION);
      /** The model trained here, kept loaded: no need to read it back from the database. */
      let trained: { engine: IntentEngine; model: Uint8Array } | undefined;
      if (!version) {
        const created = await modelStore.createVersion({
          corpus: corpus.intents,
          corpusHash: hash,
          engineVersion: ENGINE_VERSION,
          createdBy: null,
          now: options.now(),
        });
        try {
          const model = await trainCached(corpus, options.dataDir, log);
          const engine = await IntentEngine.fromBytes(model, { ownNames: ownNames(options.shop) });
          const scores = scoreEngine(engine, corpusTests(corpus));
          await modelStore.finishVersion(
            created.id,
            model,
            { candidate: scores, live: null, liveVersionId: null },
            options.now(),
          );
          trained = { engine, model };
        } catch (error) {
          await modelStore.failVersion(
            created.id,
            error instanceof Error ? error.message : String(error),
            options.now(),
          );
          throw error;
        }
        version = created;
      }
      const publication = await modelStore.publish({
        versionId: version.id,
        publishedBy: null,
        reason: 'initial model',
        overridden: false,
        now: options.now(),
      });
      knownPublicationId = publication.id;
      if (trained) await install({ engine: trained.engine, corpus, versionId: version.id }, trained.model);
      else await activate(version.id);
    };

    const refresh = async (): Promise<boolean> => {
      const newest = await modelStore.livePublication();
      if (!newest || newest.id === knownPublicationId) return false;
      knownPublicationId = newest.id;
      if (newest.versionId === live?.versionId) return false;
      await activate(newest.versionId);
      return true;
    };

    const ready = (async () => {
      const prepared = options.prepared;
      if (!(await corpusStore.isSeeded())) {
        const seed = prepared?.corpus ?? (await loadCorpus(options.corpusDir));
        if (await corpusStore.seedOnce(seed, options.now()))
          log(`seeded the corpus (${seed.intents.length} intents)`);
      }
      if (prepared) {
        knownPublicationId = (await modelStore.livePublication())?.id ?? null;
        await install(
          { engine: prepared.engine, corpus: prepared.corpus, versionId: null },
          prepared.engine.toBytes(),
        );
      } else {
        const publication = await modelStore.livePublication();
        if (publication) {
          knownPublicationId = publication.id;
          await activate(publication.versionId);
        } else {
          await trainAndPublishInitial();
        }
      }
      fastify.log.info({ locales: live?.engine.locales, versionId: live?.versionId }, 'bot ready');
    })();
    ready.catch((error: unknown) => fastify.log.error({ err: error }, 'bot failed to load'));

    // Other instances' publications: a periodic check (LISTEN/NOTIFY can only make this sooner).
    if (options.pollIntervalMs > 0) {
      const timer = setInterval(() => {
        if (!live) return;
        refresh().catch((error: unknown) => fastify.log.warn({ err: error }, 'model refresh failed'));
      }, options.pollIntervalMs);
      timer.unref();
      fastify.addHook('onClose', async () => clearInterval(timer));
    }

    fastify.addHook('onClose', async () => currentPool?.close());

    fastify.decorate('botRuntime', {
      current: () => bot,
      live: () => live,
      ready,
      activate,
      refresh,
      predictorFor(forBot) {
        const pool = pools.get(forBot);
        return pool && ((text, fallback) => pool.predict(text, fallback));
      },
    } satisfies BotRuntime);
  },
  { name: 'bot-runtime', dependencies: ['storage'] },
);
