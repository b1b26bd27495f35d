/**
 * The model a chat turn answers with, from the bot runtime: the bot and the predictor of the same
 * model, read in one synchronous step (a hot swap assigns both at once, so they always match). The
 * predictor is the model's worker threads when it has them (NLU_THREADS), its engine on this thread
 * otherwise, and that engine again when a worker fails.
 */
import type { IntentEngine } from '../../bot/nlu/intent-engine.ts';
import type { PooledPrediction } from '../../bot/nlu/prediction-pool.ts';
import type { Bot } from '../../bot/respond.ts';
import type { Locale } from '../storage/repository.ts';
import { type ChatModel, inProcessPredictor, pooledPredictor } from './predictor.ts';

/**
 * What a chat model is read from: the bot runtime's bot, live engine and worker pools (the part of
 * `fastify.botRuntime` a chat turn uses, stated here so the turn does not depend on the runtime's file).
 */
export interface ChatModelSource {
  /** The ready bot, else undefined. */
  current(): Bot | undefined;
  /** The live model behind that bot, else undefined. */
  live(): { engine: Pick<IntentEngine, 'predict'> } | undefined;
  /** The worker pool of `bot`'s model, or undefined without threads (or once that model is replaced). */
  predictorFor(bot: Bot): ((text: string, fallback: Locale) => Promise<PooledPrediction>) | undefined;
}

/** The live bot and its predictor, or undefined while no model is ready. */
export function chatModel(
  runtime: ChatModelSource,
  log: { warn(obj: object, msg: string): void },
): ChatModel | undefined {
  const bot = runtime.current();
  const live = runtime.live();
  if (!bot || !live) return undefined;
  const inProcess = inProcessPredictor(live.engine);
  const pool = runtime.predictorFor(bot);
  return { bot, predict: pool ? pooledPredictor(pool, inProcess, log) : inProcess };
}
