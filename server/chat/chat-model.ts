/**
 * The model a chat turn answers with, from the bot runtime: the bot and the predictor of the same
 * model, read in one synchronous step (a hot swap assigns both at once, so they always match). The
 * predictor is the model's worker threads when it has them (NLU_THREADS), its engine on this thread
 * otherwise, and that engine again when a worker fails.
 */
import type { IntentEngine } from '../../bot/nlu/intent-engine.ts';
import type { BotRuntime } from '../plugins/bot-runtime.ts';
import { type ChatModel, inProcessPredictor, pooledPredictor } from './predictor.ts';

/** What a chat model is read from: the bot runtime's bot, live engine and pools. */
export interface ChatModelSource extends Pick<BotRuntime, 'current' | 'predictorFor'> {
  live(): { engine: Pick<IntentEngine, 'predict'> } | undefined;
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
