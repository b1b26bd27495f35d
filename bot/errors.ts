/**
 * The one error type of bot/: a stable machine code for logs and callers, a sentence for people reading
 * logs, and the cause it wraps. Callers branch on `code`, never on the message. Every code bot/ throws is
 * listed here, so a new one is a deliberate addition (docs and log searches rely on them staying put).
 */

/** The codes of errors bot/ throws. */
export type BotErrorCode =
  | 'BOT_ERR_ANALYZER_NOT_READY'
  | 'BOT_ERR_CORPUS_FORMAT'
  | 'BOT_ERR_CV_FOLDS'
  | 'BOT_ERR_DECIDE_NO_SPAN'
  | 'BOT_ERR_MODEL_FORMAT'
  | 'BOT_ERR_MODEL_LOAD'
  | 'BOT_ERR_MODEL_NOT_READY'
  | 'BOT_ERR_NO_PENDING_ACTION'
  | 'BOT_ERR_SIZING_TABLE_MISSING'
  | 'BOT_ERR_TRAINING_ABORTED'
  | 'BOT_ERR_TRAINING_FAILED';

/** An error of the bot with a stable code. */
export class BotError extends Error {
  readonly code: BotErrorCode;

  constructor(code: BotErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.code = code;
  }
}
