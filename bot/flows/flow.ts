/**
 * The contract every dialogue flow follows (cancellation, shipping date, defect intake, sizing): a small state
 * machine over a JSON-serialisable state kept in `ConversationState.flow`. A flow starts from an intent,
 * then reads each shopper line as an answer to its current step. It returns data only; respond.ts turns
 * a step into a reply (and a `handoff` step into the handoff dialogue with the case filled in).
 */
import type { BusinessCalendar } from '../calendar/business-calendar.ts';
import type { Locale } from '../nlu/types.ts';
import type { HandoffReason, QuickReply } from '../respond.ts';

/** Names of the flows (also the `name` field of their states). */
export type FlowName = 'cancellation' | 'shipping-date' | 'defect' | 'sizing';

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
}

/** What the flow gets for one shopper line. */
export interface FlowInput {
  text: string;
  /** The intent of a pressed button, if any. */
  chosen: string | undefined;
  locale: Locale;
  now: Date;
  settings: FlowSettings;
}

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
  | { kind: 'handoff'; reason: HandoffReason; lead: string; summary: string; outcome?: FlowOutcome };

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
}

/** A button that answers a flow step. */
export function flowButton(label: string, intent: string): QuickReply {
  return { label, text: label, intent };
}
