/**
 * The dialogue step: the bot's answer to one message, and its reply to an action's result, as `Turn`s.
 * Pure: it calls the (synchronous) bot with what it is given, clock and prediction included, and
 * carries out nothing; the effects step does.
 */
import type { ActionResult } from '../../bot/flows/flow.ts';
import type { PooledPrediction } from '../../bot/nlu/prediction-pool.ts';
import type { Bot, ConversationState } from '../../bot/respond.ts';
import type { ShopperContext } from '../../bot/shop/shop-data.ts';
import type { Locale } from '../storage/repository.ts';
import { effectsOf, type Turn } from './turn.ts';

/** What the dialogue needs to answer one shopper message. */
export interface DialogueInput {
  /** The shopper's text as stored (masked). */
  text: string;
  /** The stored id of the shopper message. */
  messageId: string;
  /** The intent of a pressed button, answered directly. */
  chosenIntent?: string;
  /** The conversation's locale (for text without letters). */
  locale: Locale;
  /** The conversation's dialogue state, parsed from its row (bot/ parseConversationState). */
  state: ConversationState;
  /** The address from an earlier handoff, or null. */
  email: string | null;
  now: Date;
  /** The predict step's answer for this text, if it was asked. */
  prediction?: PooledPrediction;
  /** The verified shopper's data read for this turn (shopper-context.ts); absent when anonymous. */
  shopper?: ShopperContext;
}

/** The bot's turn for one shopper message. */
export function respondTurn(bot: Bot, input: DialogueInput): Turn {
  const reply = bot.respond({
    ...(input.prediction ? { prediction: input.prediction } : {}),
    text: input.text,
    ...(input.chosenIntent ? { chosenIntent: input.chosenIntent } : {}),
    locale: input.locale,
    state: input.state,
    email: input.email,
    messageId: input.messageId,
    now: input.now,
    ...(input.shopper ? { shopper: input.shopper } : {}),
  });
  const shopper = input.shopper ? { shopper: input.shopper } : {};
  return { messageId: input.messageId, now: input.now, reply, effects: effectsOf(reply), ...shopper };
}

/**
 * The bot's turn once a turn's action was carried out with `result`: its reply to the result (success,
 * or a failure offering a handoff), which may ask for effects of its own (a handoff).
 */
export function settleTurn(bot: Bot, turn: Turn, result: ActionResult, email: string | null): Turn {
  const { action } = turn.effects;
  if (!action) return turn;
  const reply = bot.settle({
    state: turn.reply.state,
    action,
    result,
    locale: turn.reply.locale,
    email,
    messageId: turn.messageId,
    now: turn.now,
    ...(turn.shopper ? { shopper: turn.shopper } : {}),
  });
  const shopper = turn.shopper ? { shopper: turn.shopper } : {};
  return { messageId: turn.messageId, now: turn.now, reply, effects: effectsOf(reply), ...shopper };
}
