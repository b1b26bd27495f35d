/**
 * The prediction port of a chat turn: `predict(text, locale)` resolves to the engine's result, whether
 * the engine runs in this process or on the worker threads of a prediction pool (NLU_THREADS). The turn
 * asks it before the dialogue, in the locale the dialogue will read the message in (bot/nlu/
 * message-locale.ts), so the bot uses the answer instead of predicting again.
 */
import type { IntentEngine, NluResult } from '../../bot/nlu/intent-engine.ts';
import { messageLocale } from '../../bot/nlu/message-locale.ts';
import type { PooledPrediction } from '../../bot/nlu/prediction-pool.ts';
import type { Bot } from '../../bot/respond.ts';
import type { Locale } from '../storage/repository.ts';

/** Predicts the intent of `text`; `locale` is the fallback for text without letters. */
export type Predictor = (text: string, locale: Locale) => Promise<NluResult>;

/** A ready bot and the predictor of the same model. */
export interface ChatModel {
  bot: Bot;
  predict: Predictor;
}

/** The engine on this thread behind the port. */
export function inProcessPredictor(engine: Pick<IntentEngine, 'predict'>): Predictor {
  return async (text, locale) => engine.predict(text, locale);
}

/**
 * A pool's workers behind the port, with `fallback` (the same model on this thread) when a worker
 * fails: a failed worker only means this thread predicts, it never fails the turn.
 */
export function pooledPredictor(
  pool: (text: string, locale: Locale) => Promise<PooledPrediction>,
  fallback: Predictor,
  log: { warn(obj: object, msg: string): void },
): Predictor {
  return async (text, locale) => {
    try {
      return (await pool(text, locale)).result;
    } catch (error) {
      log.warn({ err: error }, 'prediction thread failed; predicting on the main thread');
      return fallback(text, locale);
    }
  };
}

/**
 * The predict step: asks the port the question the dialogue will ask for this message (its text, in
 * the locale the bot reads it in given the conversation's locale) and returns the answer with that
 * question, so the bot can check it fits before using it.
 */
export async function predictAhead(
  predict: Predictor,
  text: string,
  conversationLocale: Locale,
): Promise<PooledPrediction> {
  const fallback = messageLocale(text, conversationLocale);
  return { text, fallback, result: await predict(text, fallback) };
}
