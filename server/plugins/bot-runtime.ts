/**
 * Owns the bot's lifecycle in the server: loads the corpus, loads the cached model for exactly this
 * corpus or trains one in a worker thread (the event loop keeps serving /healthz meanwhile), warms it,
 * and only then reports ready. The cache file is keyed by a hash of the training data and engine version.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import fp from 'fastify-plugin';
import type { ShopFacts } from '../../bot/answers/render-answer.ts';
import { type Corpus, loadCorpus, trainingExamples } from '../../bot/corpus/load-corpus.ts';
import type { FlowSettings } from '../../bot/flows/flow.ts';
import { IntentEngine, type IntentEngineJson } from '../../bot/nlu/intent-engine.ts';
import { trainInWorker } from '../../bot/nlu/train-in-worker.ts';
import { type Bot, createBot } from '../../bot/respond.ts';
import { businessCalendar } from '../config/shop-calendar.ts';
import type { ShopConfig } from '../config/shop-config-schema.ts';

/** Bump when features or the model format change, so stale cached models are not reused. */
const ENGINE_VERSION = 'engine-v6';

declare module 'fastify' {
  interface FastifyInstance {
    botRuntime: BotRuntime;
  }
}

/** The bot as the server sees it. */
export interface BotRuntime {
  /** The bot once ready, else undefined. */
  current(): Bot | undefined;
  /** Resolves when the first model is loaded and warmed; rejects if that failed. */
  ready: Promise<void>;
}

export interface BotRuntimePluginOptions {
  corpusDir: string;
  dataDir: string;
  shop: ShopConfig;
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

/** Maps the shop config onto the facts the dialogue flows use. */
export function flowSettings(shop: ShopConfig): FlowSettings {
  return {
    enabled: {
      cancellation: shop.flows.cancellation,
      'shipping-date': shop.flows.shippingDate,
      defect: shop.flows.defect,
      sizing: shop.flows.sizing && shop.sizing !== undefined,
      subscription: shop.flows.subscription,
    },
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
}

async function loadOrTrain(
  corpus: Corpus,
  dataDir: string,
  log: (msg: string) => void,
): Promise<IntentEngine> {
  const examples = { ja: trainingExamples(corpus, 'ja'), en: trainingExamples(corpus, 'en') };
  const key = createHash('sha256')
    .update(ENGINE_VERSION)
    .update(JSON.stringify(examples))
    .digest('hex')
    .slice(0, 16);
  const file = path.join(dataDir, 'models', `engine-${key}.json`);
  try {
    const json = JSON.parse(await fs.readFile(file, 'utf8')) as IntentEngineJson;
    log(`loaded cached model ${path.basename(file)}`);
    return await IntentEngine.load(json);
  } catch {
    // No cache (or unreadable): train below.
  }
  const started = Date.now();
  const json = await trainInWorker(examples);
  log(`trained model in ${Date.now() - started} ms`);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, JSON.stringify(json));
  await fs.rename(temporary, file);
  return IntentEngine.load(json);
}

export default fp<BotRuntimePluginOptions>(
  async (fastify, options) => {
    let bot: Bot | undefined;
    const facts = shopFacts(options.shop);
    const ready = (async () => {
      const prepared = options.prepared;
      const corpus = prepared?.corpus ?? (await loadCorpus(options.corpusDir));
      const engine =
        prepared?.engine ?? (await loadOrTrain(corpus, options.dataDir, (msg) => fastify.log.info(msg)));
      // Warm both locales so the first shopper does not pay for lazy initialisation.
      for (const locale of engine.locales) engine.predict(locale === 'ja' ? 'こんにちは' : 'hello', locale);
      bot = createBot({
        engine,
        corpus,
        shop: facts,
        handoff: {
          calendar: businessCalendar(options.shop),
          replyPromise: options.shop.calendar.replyPromise,
        },
        flows: flowSettings(options.shop),
      });
      fastify.log.info({ locales: engine.locales }, 'bot ready');
    })();
    ready.catch((error: unknown) => fastify.log.error({ err: error }, 'bot failed to load'));
    fastify.decorate('botRuntime', { current: () => bot, ready });
  },
  { name: 'bot-runtime' },
);
