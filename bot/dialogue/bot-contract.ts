/**
 * The bot's public contract with the server: what one shopper line brings in, what a reply carries out,
 * and the `Bot` that turns one into the other (bot/respond.ts builds it and re-exports these types).
 */
import type { ActionResult, FlowAction, FlowOutcome } from '../flows/flow.ts';
import type { FlowName } from '../flows/registry.ts';
import type { HandoffRequest, HandoffStep } from '../handoff/handoff-state.ts';
import type { Locale } from '../locale.ts';
import type { NoneReason } from '../nlu/decide.ts';
import type { PooledPrediction } from '../nlu/prediction-pool.ts';
import type { Dispute } from '../review/answer-signals.ts';
import type { ShopperContext } from '../shop/shop-data.ts';
import type { ConversationState } from './conversation-state.ts';
import type { Decision, HandoffReason, QuickReply } from './types.ts';

export type { ConversationState } from './conversation-state.ts';
export type { Decision, HandoffReason, QuickReply } from './types.ts';

/** What the bot needs to answer one message. */
export interface RespondInput {
  text: string;
  /** Set when the shopper pressed a quick reply or clarify button: answer this intent directly. */
  chosenIntent?: string;
  /** The conversation's locale, used when the text itself has no letters. */
  locale: Locale;
  state: ConversationState;
  /** The shopper's address from an earlier handoff, offered again instead of asking; null if unknown. */
  email?: string | null;
  /** The stored id of this shopper message; a handoff it starts is named after it (idempotent recording). */
  messageId?: string;
  now: Date;
  /**
   * The engine's prediction for this text, made ahead on another thread (prediction-pool.ts). Used only
   * when it was asked for the same text and fallback locale the dialogue needs; else predicted here.
   */
  prediction?: PooledPrediction;
  /** The verified shopper and their data, read by the server for this line; absent when anonymous. */
  shopper?: ShopperContext;
}

/** The bot's reply. */
export interface BotReply {
  /** `ask`: the handoff dialogue asks the shopper something (email, summary). */
  decision: Decision;
  reason: HandoffReason | null;
  intent: string | null;
  score: number | null;
  locale: Locale;
  markdown: string;
  quickReplies: QuickReply[];
  state: ConversationState;
  /** Only on the `handoff` reply that completes the dialogue: what the server must record before sending. */
  handoff?: HandoffRequest;
  /** On every reply that leaves the handoff dialogue waiting: the step it waits at (for the client). */
  handoffStep?: HandoffStep;
  /** An analytics fact of a flow (a cancellation retained or not), stored with the bot message. */
  outcome?: FlowOutcome<FlowName>;
  /**
   * A change the server must carry out (a subscription change the shopper confirmed). Such a reply is
   * never sent: the server performs the action and sends what `Bot.settle` returns for its result.
   */
  action?: FlowAction;
  /** This line says the previous confident answer was wrong: the server sends that answer to review. */
  dispute?: Dispute;
  /** On a `none` reply: why the engine refused (bot/nlu/decide.ts), kept for staff reviewing the queue. */
  nluReason?: NoneReason;
}

/** The result of a reply's action, given back to the bot. */
export interface SettleInput {
  /** The `state` of the reply that carried the action. */
  state: ConversationState;
  action: FlowAction;
  result: ActionResult;
  locale: Locale;
  email?: string | null;
  messageId?: string;
  now: Date;
  /** The verified shopper of the connection (the one the action was carried out for). */
  shopper?: ShopperContext;
}

/** A ready bot. */
export interface Bot {
  respond(input: RespondInput): BotReply;
  /** The reply after the server carried out a reply's `action` (success, or a failure offering a handoff). */
  settle(input: SettleInput): BotReply;
  /** The empty state of a new conversation. */
  initialState(): ConversationState;
}
