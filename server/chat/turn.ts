/**
 * A chat turn as data. The dialogue step produces a `Turn`: the bot's reply and the effects it asks
 * for (an action on the shop's system, a handoff to record, an analytics outcome to store), none of
 * them carried out yet. The effects step turns it into a `CompletedTurn`, the exact bot message and
 * state change the transcript commits and the shopper is sent.
 */
import type { FlowAction, FlowOutcome } from '../../bot/flows/flow.ts';
import type { HandoffRequest } from '../../bot/handoff/handoff-flow.ts';
import type { BotReply } from '../../bot/respond.ts';
import type { ShopperContext } from '../../bot/shop/shop-data.ts';
import type { HandoffInfo } from '../schemas/protocol.ts';
import type { BotActionRecord } from '../storage/bot-action-store.ts';
import type { ActionFacts } from './bot-message-payload.ts';

/** What a reply asks the server to do besides storing and sending it. */
export interface TurnEffects {
  /** A change the shop's system must make first; the bot's reply to its result replaces `reply`. */
  action?: FlowAction;
  /** A completed handoff dialogue: the escalation is recorded before the reply is sent. */
  handoff?: HandoffRequest;
  /** An analytics fact stored with the bot message. */
  outcome?: FlowOutcome;
}

/** The dialogue's answer to one stored (or about to be stored) shopper message. */
export interface Turn {
  /** The id of the shopper message answered; actions and handoffs are named after it (retries). */
  messageId: string;
  /** The turn's clock reading: the reply's time and the state's `updatedAt`. */
  now: Date;
  reply: BotReply;
  effects: TurnEffects;
  /** The verified shopper's data the reply was made from: an action may only touch what it holds. */
  shopper?: ShopperContext;
}

/** A turn whose effects have run: what is stored as the bot message and sent as the reply. */
export interface CompletedTurn {
  messageId: string;
  now: Date;
  /** The reply stored and sent (after an action: the bot's reply to its result). */
  reply: BotReply;
  /** The reply's text as stored (a recorded handoff adds its ticket line). */
  markdown: string;
  /** Handoff facts for the widget (the step the dialogue is at, or the recorded handoff). */
  handoff?: HandoffInfo;
  /** The action carried out, and its result (audit), as the bot message's payload keeps it. */
  action?: ActionFacts;
  /** The action's row of the bot's action log, committed in the same transaction as the reply. */
  audit?: BotActionRecord;
}

/** The effects a reply asks for. */
export function effectsOf(reply: BotReply): TurnEffects {
  return {
    ...(reply.action ? { action: reply.action } : {}),
    ...(reply.handoff ? { handoff: reply.handoff } : {}),
    ...(reply.outcome ? { outcome: reply.outcome } : {}),
  };
}

/**
 * Whether the turn must run effects before its reply exists (an action, a handoff). A turn without
 * them is the common exchange: question, answer and state are committed together.
 */
export function hasEffects(turn: Turn): boolean {
  return turn.effects.action !== undefined || turn.effects.handoff !== undefined;
}

/**
 * The handoff facts of a reply while the handoff dialogue waits (its `ask`s, and an answer to a
 * question typed in the email step): which step it is at. `step: 'email'` makes a client show its
 * address form.
 */
export function askInfo(reply: BotReply): HandoffInfo | undefined {
  const waiting = reply.handoffStep;
  if (!waiting) return undefined;
  return { step: waiting.step, ...(waiting.email ? { email: waiting.email } : {}) };
}

/** A turn without effects, completed as it is. */
export function completedAsIs(turn: Turn): CompletedTurn {
  const handoff = askInfo(turn.reply);
  return {
    messageId: turn.messageId,
    now: turn.now,
    reply: turn.reply,
    markdown: turn.reply.markdown,
    ...(handoff ? { handoff } : {}),
  };
}
