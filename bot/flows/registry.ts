/**
 * The one list of dialogue flows. Everything else about flows is derived from it: their names, the union
 * of their stored states (and its schema), their entries under `flows` in shop.yaml (and that part of the
 * config schema), and the settings the bot takes. Adding a flow is one flow module and one line here
 * (plus its corpus intents and tests).
 *
 * The handoff dialogue (bot/handoff/) is the one dialogue of a second kind, registered here beside the
 * flows: it keeps its state in the same place (`ConversationState.flow`, one dialogue at a time), but the
 * `Flow` contract cannot express it. The bot starts it (for a reason, not an intent), it reads a line with
 * the whole bot (a question typed instead of an address is answered), and it ends in a recorded handoff
 * with a reply-time promise; it has no shop.yaml entry of its own.
 */
import { type Static, Type } from '@sinclair/typebox';
import { handoffMessages } from '../handoff/handoff-messages.ts';
import { HANDOFF_DIALOGUE, type HandoffState, HandoffStateSchema } from '../handoff/handoff-state.ts';
import type { MessageTables } from '../i18n/message-table.ts';
import { cancellationFlow } from './cancellation-flow.ts';
import { defectFlow } from './defect-flow.ts';
import type { BoundFlow, Flow, FlowFacts } from './flow.ts';
import { shippingDateFlow } from './shipping-date-flow.ts';
import { shopperSubscriptionFlow } from './shopper-subscription-flow.ts';
import { sizingFlow } from './sizing-flow.ts';
import { subscriptionFlow } from './subscription-flow.ts';
import { trackingFlow } from './tracking-flow.ts';

/**
 * Every dialogue flow, in the order their intents are looked up: a flow that declines a line (`accepts`)
 * passes it to the next one with the intent, so the verified shopper's flows come before the anonymous ones.
 */
export const FLOWS = [
  cancellationFlow,
  trackingFlow,
  shippingDateFlow,
  defectFlow,
  sizingFlow,
  shopperSubscriptionFlow,
  subscriptionFlow,
] as const;

/**
 * The handoff dialogue as the registry knows it: its name and stored state beside the flows', and its
 * sentences. The dialogue itself is bot/handoff/handoff-flow.ts; respond.ts runs it.
 */
export const handoffDialogue: {
  name: typeof HANDOFF_DIALOGUE;
  stateSchema: typeof HandoffStateSchema;
  /** Its sentences, as a flow's `messages` (the registry tests check both languages). */
  messages: MessageTables<string>;
} = { name: HANDOFF_DIALOGUE, stateSchema: HandoffStateSchema, messages: handoffMessages };

/** Any registered flow. */
type AnyFlow = (typeof FLOWS)[number];

/** The stored state of any flow (one flow runs at a time, in `ConversationState.flow`). */
export type FlowState = AnyFlow extends infer F
  ? F extends Flow<string, infer S, unknown>
    ? S
    : never
  : never;

/** Names of the flows (also the `name` field of their states). */
export type FlowName = FlowState['name'];

/** The stored state of the running dialogue, in `ConversationState.flow`: a flow's or the handoff dialogue's. */
export type DialogueState = FlowState | HandoffState;

/** The schema of any dialogue's stored state (checked when a stored conversation is read). */
export const DialogueStateSchema = Type.Unsafe<DialogueState>(
  Type.Union([...FLOWS.map((flow) => flow.stateSchema), handoffDialogue.stateSchema]),
);

/** The state of the running flow, if a flow (not the handoff dialogue) runs. */
export function runningFlow(state: DialogueState | undefined): FlowState | undefined {
  return state && state.name !== HANDOFF_DIALOGUE ? state : undefined;
}

/** The state of the handoff dialogue, if it runs. */
export function runningHandoff(state: DialogueState | undefined): HandoffState | undefined {
  return state?.name === HANDOFF_DIALOGUE ? state : undefined;
}

/** The `flows` part of shop.yaml: each flow's entry under its `configKey`. */
export type FlowsConfig = {
  [F in AnyFlow as F['configKey']]: Static<F['settingsSchema']>;
};

/** The schema of the `flows` part of shop.yaml, from each flow's `settingsSchema`. */
export const FlowsConfigSchema = Type.Unsafe<FlowsConfig>(
  Type.Object(Object.fromEntries(FLOWS.map((flow) => [flow.configKey, flow.settingsSchema])), {
    additionalProperties: false,
    default: {},
    description: 'Dialogue flows; false answers from the corpus.',
  }),
);

/** The shop facts and flow switches the bot takes (the server maps its shop config onto this). */
export interface FlowSettings extends FlowFacts {
  /** Flows that run: the others start nowhere, and their intents get the plain corpus answer. */
  enabled: Partial<Record<FlowName, boolean>>;
  /** Each flow's own shop.yaml entry, for flows with settings of their own; absent: its defaults. */
  config?: Partial<FlowsConfig>;
}

/** Which flows run for this shop: each flow's own switch and the facts it needs. */
export function enabledFlows(config: FlowsConfig, facts: FlowFacts): Partial<Record<FlowName, boolean>> {
  const entries: Record<string, unknown> = config;
  return byName((flow) => flow.runsWith(entries[flow.configKey], facts));
}

/** Every flow bound to the shop's config entries (absent: each flow's defaults), by name. */
export function bindFlows(
  config: Partial<FlowsConfig> = {},
): Partial<Record<FlowName, BoundFlow<FlowState>>> {
  const entries: Record<string, unknown> = config;
  return byName((flow) => flow.bind(entries[flow.configKey]));
}

/** A value for every flow, by name (every name is there; the type cannot say so without a cast). */
function byName<T>(of: (flow: AnyFlow) => T): Partial<Record<FlowName, T>> {
  const record: Partial<Record<FlowName, T>> = {};
  for (const flow of FLOWS) record[flow.name] = of(flow);
  return record;
}
