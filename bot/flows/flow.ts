/**
 * The contract every dialogue flow follows (cancellation, shipping date, defect intake, sizing,
 * subscription changes): a small state machine over a JSON state kept in `ConversationState.flow`. A flow
 * starts from an intent, then reads each shopper line as an answer to its current step. It returns data
 * only; respond.ts turns a step into a reply (and a `handoff` step into the handoff dialogue with the case
 * filled in). A flow module exports one `Flow`, listed once in registry.ts, which derives the names, the
 * state union, the shop config entries and the settings from it.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { BusinessCalendar } from '../calendar/business-calendar.ts';
import type { HandoffReason, QuickReply } from '../dialogue/types.ts';
import type { MessageTables } from '../i18n/message-table.ts';
import type { Locale } from '../locale.ts';
import { type ShopperContext, type Subscription, SubscriptionChangeSchema } from '../shop/shop-data.ts';

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

/** The shop facts the flows share (the server maps its shop config onto these). */
export interface FlowFacts {
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

/** What the flow gets for one shopper line; `C` is the flow's own shop config entry. */
export interface FlowInput<C = unknown> {
  text: string;
  /** The intent of a pressed button, if any. */
  chosen: string | undefined;
  locale: Locale;
  now: Date;
  settings: FlowFacts;
  /** The flow's own entry under `flows` in shop.yaml (its `settingsSchema`, defaults applied). */
  config: C;
  /** The intent that started the flow (`start` only). */
  intent?: string;
  /** The rendered corpus answer of that intent (`start` only), for flows that begin with it. */
  corpusAnswer?: string;
  /** That answer's topic buttons (`start` only). */
  corpusQuickReplies?: QuickReply[];
  /** The id of the shopper message; an action confirmed by it is named after it. */
  messageId?: string;
  /**
   * The verified shopper and the shop's data about them, read by the server for this line; absent for
   * an anonymous shopper (or a shop without a connector).
   */
  shopper?: ShopperContext;
}

/**
 * A change to one of the verified shopper's subscriptions, which the server carries out through the shop
 * connector (bot/ never performs it). `id` names it: the id of the shopper message that confirmed it, kept
 * when the shopper retries, so the shop's system sees the same Idempotency-Key. The server checks that
 * `subscriptionId` is one of the connection's verified shopper's before anything is asked of the shop.
 * A schema: a failed action is kept in the stored state for the retry.
 */
export const SubscriptionChangeActionSchema = Type.Object({
  id: Type.String(),
  type: Type.Literal('subscription.change'),
  subscriptionId: Type.String(),
  change: SubscriptionChangeSchema,
});
/** An action a flow asks the server to carry out. */
export type FlowAction = Static<typeof SubscriptionChangeActionSchema>;

/**
 * Why an action failed (logged; the shopper sees a kind sentence). `REFUSED`: the shop said no (past the
 * deadline, not allowed now); `NOT_ALLOWED`: the server refused it (no verified shopper, or not their
 * subscription); `UNAVAILABLE`: the shop's system could not be reached or answered nonsense.
 */
export type ActionErrorCode = 'ACTION_ERR_REFUSED' | 'ACTION_ERR_NOT_ALLOWED' | 'ACTION_ERR_UNAVAILABLE';

/** What the server reports back after carrying out an action: the subscription as it is afterwards. */
export type ActionResult = { ok: true; subscription: Subscription } | { ok: false; code: ActionErrorCode };

/** An analytics fact a flow records on its reply (stored with the bot message); `N` names the flow. */
export interface FlowOutcome<N extends string = string> {
  flow: N;
  /** `retained`: the shopper took an alternative; `cancelled`: went on to cancel. */
  result: 'retained' | 'cancelled';
  reason?: string;
  alternative?: string;
}

/** One step's result. */
export type FlowStep<S extends { name: string }> =
  /** Asks for a slot; the flow continues with `state`. */
  | { kind: 'ask'; state: S; markdown: string; quickReplies: QuickReply[]; outcome?: FlowOutcome<S['name']> }
  /** Answers; the flow ends. */
  | { kind: 'answer'; markdown: string; quickReplies?: QuickReply[]; outcome?: FlowOutcome<S['name']> }
  /** Ends in a handoff: `lead` is said first, `summary` is the case staff receive. */
  | {
      kind: 'handoff';
      reason: HandoffReason;
      lead: string;
      summary: string;
      outcome?: FlowOutcome<S['name']>;
    }
  /** Asks the server to carry out `action`; the result comes back through `settle` in `state`. */
  | { kind: 'action'; action: FlowAction; state: S; outcome?: FlowOutcome<S['name']> };

/**
 * A flow over its own state `S` (whose `name` names the flow) and shop config entry `C`, registered under
 * `flows.<K>` in shop.yaml.
 */
export interface Flow<K extends string, S extends { name: string }, C> {
  /** The flow's name, also the `name` of its states (stored: never rename). */
  name: S['name'];
  /** Its key under `flows` in shop.yaml (camelCase, as shop owners write it). */
  configKey: K;
  /** Its shop.yaml entry: on/off (a boolean defaulting to true), or an object of its own settings. */
  settingsSchema: TSchema & { static: C };
  /** Its stored state: checked on every read, so a stored state that no longer fits leaves the flow. */
  stateSchema: TSchema & { static: S };
  /** Whether the flow runs for this shop (else its intents get the plain corpus answer). */
  isOn(config: NoInfer<C>, facts: FlowFacts): boolean;
  /** Intents that start this flow. */
  intents: readonly string[];
  /**
   * Whether the flow takes a line that would start it (absent: always). A flow for verified shoppers
   * declines anonymous ones, and the next flow with the intent (or the plain corpus answer) gets them.
   */
  accepts?(input: FlowInput<C>): boolean;
  /** The sentences the flow says, Japanese and English (lint and tests read them from here). */
  messages: MessageTables<string>;
  start(input: FlowInput<C>): FlowStep<NoInfer<S>>;
  /**
   * One line inside the flow. `strict`: accept only a clear slot answer (a button, a recognised value)
   * and return undefined otherwise, so a new question can leave the flow; not strict: the line is no
   * other question, so free text is taken as the answer (undefined still leaves the flow).
   */
  next(input: FlowInput<C>, state: NoInfer<S>, strict: boolean): FlowStep<NoInfer<S>> | undefined;
  /** The intent a waiting state belongs to, for flows started by several intents (else the first). */
  intentOf?(state: NoInfer<S>): string;
  /** The result of an `action` step (flows that ask for actions only). */
  settle?(input: FlowInput<C>, state: NoInfer<S>, result: ActionResult): FlowStep<NoInfer<S>>;
}

/** One shopper line as respond.ts gives it to a flow (the flow's own config is added by `bind`). */
export type FlowLine = Omit<FlowInput, 'config'>;

/**
 * A flow bound to the shop's config entry, over states of unknown shape: a stored state is checked
 * against the flow's schema first, and one that does not fit is no state of this flow (undefined).
 */
export interface BoundFlow<S extends { name: string }> {
  name: S['name'];
  intents: readonly string[];
  /** Whether the flow takes this starting line (see `Flow.accepts`). */
  accepts(line: FlowLine): boolean;
  start(line: FlowLine): FlowStep<S>;
  next(line: FlowLine, state: unknown, strict: boolean): FlowStep<S> | undefined;
  /** The intent a waiting state belongs to (the flow's first intent for a state of another flow). */
  intentOf(state: unknown): string | null;
  /** Present for flows that ask for actions. */
  settle?(line: FlowLine, state: unknown, result: ActionResult): FlowStep<S> | undefined;
}

/** A declared flow: the module's definition, and its typed entry points for the registry. */
export interface RegisteredFlow<K extends string, S extends { name: string }, C> extends Flow<K, S, C> {
  /** Whether the flow runs for a raw shop.yaml entry (an entry that does not fit its schema: off). */
  runsWith(entry: unknown, facts: FlowFacts): boolean;
  /** The flow bound to a raw shop.yaml entry (one that does not fit its schema: the defaults). */
  bind(entry: unknown): BoundFlow<S>;
}

/** Declares a flow; its key, state and config types are inferred from the definition. */
export function defineFlow<const K extends string, S extends { name: string }, C>(
  flow: Flow<K, S, C>,
): RegisteredFlow<K, S, C> {
  return {
    ...flow,
    runsWith: (entry, facts) => Value.Check(flow.settingsSchema, entry) && flow.isOn(entry, facts),
    bind: (entry) => bind(flow, entry),
  };
}

function bind<K extends string, S extends { name: string }, C>(
  flow: Flow<K, S, C>,
  entry: unknown,
): BoundFlow<S> {
  const config: C = Value.Check(flow.settingsSchema, entry) ? entry : Value.Create(flow.settingsSchema);
  const own = (state: unknown): state is S => Value.Check(flow.stateSchema, state);
  const first = flow.intents[0] ?? null;
  const { settle, accepts } = flow;
  return {
    name: flow.name,
    intents: flow.intents,
    accepts: (line) => accepts?.({ ...line, config }) ?? true,
    start: (line) => flow.start({ ...line, config }),
    next: (line, state, strict) => (own(state) ? flow.next({ ...line, config }, state, strict) : undefined),
    intentOf: (state) => (own(state) ? (flow.intentOf?.(state) ?? first) : first),
    ...(settle
      ? {
          settle: (line, state, result) =>
            own(state) ? settle({ ...line, config }, state, result) : undefined,
        }
      : {}),
  };
}

/** The shop.yaml entry of a flow that is only switched on or off. */
export function onOffSetting(description: string) {
  return Type.Boolean({ default: true, description });
}

/** A button that answers a flow step. */
export function flowButton(label: string, intent: string): QuickReply {
  return { label, text: label, intent };
}
