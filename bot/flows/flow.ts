/**
 * The contract every dialogue flow follows (cancellation, shipping date, defect intake, sizing,
 * subscription changes): a small state
 * machine over a JSON-serialisable state kept in `ConversationState.flow`. A flow starts from an intent,
 * then reads each shopper line as an answer to its current step. It returns data only; respond.ts turns
 * a step into a reply (and a `handoff` step into the handoff dialogue with the case filled in).
 */
import type { BusinessCalendar } from '../calendar/business-calendar.ts';
import type { Interval } from '../entities/slot-values.ts';
import type { Locale } from '../nlu/types.ts';
import type { HandoffReason, QuickReply } from '../respond.ts';

/** Names of the flows (also the `name` field of their states). */
export type FlowName = 'cancellation' | 'shipping-date' | 'defect' | 'sizing' | 'subscription';

/** A product sold ahead of its release, with its concrete shipping date. */
export interface Preorder {
  name: Record<Locale, string>;
  /** `YYYY-MM-DD`, shop-local. */
  shipDate: string;
}

/**
 * The shop's size table. Shoes: sizes from `minCm` to `maxCm` in `stepCm` steps; a high instep (甲高) or
 * wide feet (幅広) add `wideOrHighInstepCm` to the usual size. Apparel: sizes in ascending order, each
 * fitting heights up to and including `upToHeightCm` (and above the previous size's limit).
 */
export interface SizingTable {
  shoes: { minCm: number; maxCm: number; stepCm: number; wideOrHighInstepCm: number };
  apparel: { size: string; upToHeightCm: number }[];
}

/** The shop facts the flows need (the server maps its shop config onto this). */
export interface FlowSettings {
  /** Flows the shop switched off start nowhere: their intents get the plain corpus answer. */
  enabled: Record<FlowName, boolean>;
  myPageUrl: string;
  changeDeadlineDays: number;
  /** Regular expression source an order number matches as a whole token (`[0-9]{8}`). */
  orderNumberPattern: string;
  /** Shipping days are the calendar's open days (weekly hours, holidays, closures). */
  calendar: BusinessCalendar;
  /** Orders placed before this local time (`HH:MM`) on a shipping day ship that day. */
  cutoffTime: string;
  /** Calendar days from shipping to delivery: per prefecture code (1–47), else `default`. */
  leadDays: { default: number; prefectures: Record<string, number> };
  preorders: Preorder[];
  /** Days after delivery within which an unworn item is exchanged for another size once, free. */
  returnDays: number;
  /** The size table; without it the sizing flow is off (the corpus answers `sizing.guide`). */
  sizing?: SizingTable;
  /** True when the server can carry out subscription changes (a webhook is configured); else staff do. */
  subscriptionActions: boolean;
}

/** What the flow gets for one shopper line. */
export interface FlowInput {
  text: string;
  /** The intent of a pressed button, if any. */
  chosen: string | undefined;
  locale: Locale;
  now: Date;
  settings: FlowSettings;
  /** The intent that started the flow (`start` only). */
  intent?: string;
  /** The rendered corpus answer of that intent (`start` only), for flows that begin with it. */
  corpusAnswer?: string;
  /** That answer's topic buttons (`start` only). */
  corpusQuickReplies?: QuickReply[];
  /** The id of the shopper message; an action confirmed by it is named after it. */
  messageId?: string;
}

/**
 * A subscription change the server carries out for the shopper (bot/ never performs it). `id` names it:
 * the id of the shopper message that confirmed it, kept when the shopper retries, so the shop's system
 * can recognise a repeat (the server derives the Idempotency-Key from it).
 */
export interface SubscriptionAction {
  id: string;
  type:
    | 'subscription.interval_change'
    | 'subscription.skip'
    | 'subscription.pause'
    | 'subscription.change_items';
  orderNumber: string;
  /** `interval_change` only. */
  interval?: Interval;
  /** `change_items` only: the shopper's words. */
  items?: string;
}

/** An action a flow asks the server to carry out. */
export type FlowAction = SubscriptionAction;

/** Why an action failed (logged; the shopper sees a kind sentence). */
export type ActionErrorCode =
  | 'ACTION_ERR_TIMEOUT'
  | 'ACTION_ERR_STATUS'
  | 'ACTION_ERR_NETWORK'
  | 'ACTION_ERR_NOT_CONFIGURED';

/** What the server reports back after carrying out an action. */
export type ActionResult =
  | { ok: true }
  | { ok: false; code: ActionErrorCode /** The HTTP status, for the log. */; status?: number };

/** An analytics fact a flow records on its reply (stored with the bot message). */
export interface FlowOutcome {
  flow: FlowName;
  /** `retained`: the shopper took an alternative; `cancelled`: went on to cancel. */
  result: 'retained' | 'cancelled';
  reason?: string;
  alternative?: string;
}

/** One step's result. */
export type FlowStep<S> =
  /** Asks for a slot; the flow continues with `state`. */
  | { kind: 'ask'; state: S; markdown: string; quickReplies: QuickReply[]; outcome?: FlowOutcome }
  /** Answers; the flow ends. */
  | { kind: 'answer'; markdown: string; quickReplies?: QuickReply[]; outcome?: FlowOutcome }
  /** Ends in a handoff: `lead` is said first, `summary` is the case staff receive. */
  | { kind: 'handoff'; reason: HandoffReason; lead: string; summary: string; outcome?: FlowOutcome }
  /** Asks the server to carry out `action`; the result comes back through `settle` in `state`. */
  | { kind: 'action'; action: FlowAction; state: S; outcome?: FlowOutcome };

/** A flow over its own state type. */
export interface Flow<S extends { name: FlowName }> {
  name: FlowName;
  /** Intents that start this flow. */
  intents: readonly string[];
  start(input: FlowInput): FlowStep<S>;
  /**
   * One line inside the flow. `strict`: accept only a clear slot answer (a button, a recognised value)
   * and return undefined otherwise, so a new question can leave the flow; not strict: the line is no
   * other question, so free text is taken as the answer (undefined still leaves the flow).
   */
  next(input: FlowInput, state: S, strict: boolean): FlowStep<S> | undefined;
  /** The intent a waiting state belongs to, for flows started by several intents (else the first). */
  intentOf?(state: S): string;
  /** The result of an `action` step (flows that ask for actions only). */
  settle?(input: FlowInput, state: S, result: ActionResult): FlowStep<S>;
}

/** A button that answers a flow step. */
export function flowButton(label: string, intent: string): QuickReply {
  return { label, text: label, intent };
}
