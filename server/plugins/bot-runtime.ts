/**
 * The bot's lifecycle in the server, wired onto the app. The corpus and the trained model versions live in
 * the database (shared by every instance): on a fresh database the shipped corpus seeds it and a first
 * model is trained in a worker thread (the event loop keeps serving /healthz meanwhile) and published.
 * After that, every start loads the newest publication. Publishing (console) swaps the bot between two
 * messages, in this instance at once and in the others at their next check (MODEL_POLL_SECONDS), without
 * dropping a chat. The model is warmed before the instance reports ready. The model itself is owned by
 * the runtime service (server/model/model-runtime.ts).
 */
import fp from 'fastify-plugin';
import { type Corpus, loadCorpus } from '../../bot/corpus/load-corpus.ts';
import { IntentEngine } from '../../bot/nlu/intent-engine.ts';
import { PredictionPool } from '../../bot/nlu/prediction-pool.ts';
import { createBot } from '../../bot/respond.ts';
import { flowSettings, ownNames, shopFacts } from '../config/bot-settings.ts';
import { businessCalendar } from '../config/shop-calendar.ts';
import type { ShopConfig } from '../config/shop-config-schema.ts';
import { publishInitialModel } from '../model/initial-model.ts';
import { createModelRuntime, type ModelRuntime } from '../model/model-runtime.ts';
import { trainCached } from '../model/train-cached.ts';
import { CorpusStore } from '../storage/corpus-store.ts';
import { ModelStore } from '../storage/model-store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    botRuntime: BotRuntime;
    corpusStore: CorpusStore;
    modelStore: ModelStore;
  }
}

/** The bot as the server sees it: the model runtime, and when its first model is ready. */
export interface BotRuntime extends ModelRuntime {
  /** Resolves when the first model is loaded and warmed; rejects if that failed. */
  ready: Promise<void>;
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

export default fp<BotRuntimePluginOptions>(
  async (fastify, options) => {
    const { shop } = options;
    const corpusStore = new CorpusStore(() => fastify.storage.database(), fastify.storage.dialect);
    const modelStore = new ModelStore(() => fastify.storage.database(), fastify.storage.dialect);
    fastify.decorate('corpusStore', corpusStore);
    fastify.decorate('modelStore', modelStore);
    const log = (msg: string) => fastify.log.info(msg);
    const loadEngine = (bytes: Uint8Array) => IntentEngine.fromBytes(bytes, { ownNames: ownNames(shop) });
    const facts = shopFacts(shop);

    const runtime = createModelRuntime({
      models: modelStore,
      loadEngine,
      startPredictors: async (bytes) =>
        options.nluThreads > 0 ? PredictionPool.start(bytes, options.nluThreads, ownNames(shop)) : undefined,
      createBot: (model) =>
        createBot({
          engine: model.engine,
          corpus: model.corpus,
          shop: facts,
          handoff: {
            calendar: businessCalendar(shop),
            replyPromise: shop.calendar.replyPromise,
            replyWithinMinutes: shop.calendar.replyWithinMinutes,
          },
          flows: flowSettings(shop),
        }),
      now: options.now,
      log: fastify.log,
    });

    const ready = (async () => {
      const prepared = options.prepared;
      if (!(await corpusStore.isSeeded())) {
        const seed = prepared?.corpus ?? (await loadCorpus(options.corpusDir));
        if (await corpusStore.seedOnce(seed, options.now()))
          log(`seeded the corpus (${seed.intents.length} intents)`);
      }
      const publication = await modelStore.livePublication();
      if (prepared) await runtime.usePrepared(prepared, publication?.id ?? null);
      else if (publication) await runtime.follow(publication);
      else {
        await publishInitialModel({
          corpusStore,
          modelStore,
          runtime,
          train: (corpus) => trainCached(corpus, options.dataDir, log),
          loadEngine,
          now: options.now,
        });
      }
      const live = runtime.live();
      fastify.log.info({ locales: live?.engine.locales, versionId: live?.versionId }, 'bot ready');
    })();
    ready.catch((error: unknown) => fastify.log.error({ err: error }, 'bot failed to load'));

    // Other instances' publications: a periodic check (LISTEN/NOTIFY can only make this sooner).
    if (options.pollIntervalMs > 0) {
      const timer = setInterval(() => {
        if (!runtime.live()) return;
        runtime.refresh().catch((error: unknown) => fastify.log.warn({ err: error }, 'model refresh failed'));
      }, options.pollIntervalMs);
      timer.unref();
      fastify.addHook('onClose', async () => clearInterval(timer));
    }

    fastify.addHook('onClose', async () => runtime.close());

    fastify.decorate('botRuntime', { ...runtime, ready } satisfies BotRuntime);
  },
  { name: 'bot-runtime', dependencies: ['storage'] },
);
