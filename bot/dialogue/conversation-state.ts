/**
 * The dialogue state kept per conversation, owned by bot/: a TypeBox schema (the single source of the
 * type) and the parse the server applies to every stored row. Stored rows outlive the code that wrote
 * them, so parsing never throws: absent fields take their defaults (older rows), and a part that no
 * longer fits its schema is dropped (a flow the bot cannot continue is left, not crashed on).
 */
import { type Static, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { DialogueStateSchema, FLOWS, type FlowName } from '../flows/registry.ts';
import type { GreetingState } from '../greeting/proactive-greeting.ts';
import { HANDOFF_DIALOGUE, HandoffStateSchema } from '../handoff/handoff-state.ts';
import type { LastAnswer } from '../review/answer-signals.ts';

/** What a conversation remembers about its greeting (bot/greeting/proactive-greeting.ts). */
const GreetingStateSchema = Type.Unsafe<GreetingState>(
  Type.Object({
    /** When the greeting was sent to the shopper (ISO 8601). */
    shownAt: Type.Optional(Type.String()),
    /** When the shopper dismissed it (ISO 8601). */
    dismissedAt: Type.Optional(Type.String()),
  }),
);

/** The confident answer of the last line (bot/review/answer-signals.ts). */
const LastAnswerSchema = Type.Unsafe<LastAnswer>(
  Type.Object({
    messageId: Type.String(),
    intent: Type.String(),
    text: Type.String(),
    flow: Type.Optional(Type.Unsafe<FlowName>(Type.Union(FLOWS.map((flow) => Type.Literal(flow.name))))),
  }),
);

/** Dialogue state kept per conversation (stored as JSON by the server). */
export const ConversationStateSchema = Type.Object({
  /** Consecutive messages the bot could not answer. */
  misses: Type.Integer({ minimum: 0, default: 0 }),
  /**
   * Present while a dialogue waits: a flow (cancellation, shipping date, defect…) for a slot, or the
   * handoff dialogue for the email and summary (bot/flows/registry.ts). One at a time.
   */
  flow: Type.Optional(DialogueStateSchema),
  /** The proactive greeting was shown or dismissed (absent until then): it is never offered again. */
  greeting: Type.Optional(GreetingStateSchema),
  /** The confident answer of the last line, for one line: the next may say it was wrong (bot/review/). */
  lastAnswer: Type.Optional(LastAnswerSchema),
});
/** Dialogue state kept per conversation. */
export type ConversationState = Static<typeof ConversationStateSchema>;

/** The state of a new conversation. */
export function initialConversationState(): ConversationState {
  return { misses: 0 };
}

/**
 * Each part's schema compiled once: every chat message parses its conversation's state, and checking
 * by walking the schema (`Value.Check`) was about 2 % of the chat's main thread (CPU profile under
 * `npm run bench`, 2026-12-05).
 */
const fits = {
  handoff: TypeCompiler.Compile(HandoffStateSchema),
  dialogue: TypeCompiler.Compile(DialogueStateSchema),
  greeting: TypeCompiler.Compile(GreetingStateSchema),
  lastAnswer: TypeCompiler.Compile(LastAnswerSchema),
};

/**
 * The dialogue state of a stored row, whatever the row holds: a fresh state for anything that is no
 * object, defaults for absent fields, each part kept only when it fits its schema. Unknown fields are
 * dropped. Never throws. Rows written before the handoff dialogue kept its state in `flow` hold it in
 * `handoff` (without its `name`, and before handoffs were named, without its `id`: the start time is
 * its documented fallback); such a handoff is read into `flow`, and wins over a flow stored beside it,
 * as it did when those rows were written.
 */
export function parseConversationState(stored: unknown): ConversationState {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored))
    return initialConversationState();
  const raw: Record<string, unknown> = { ...stored };
  const misses = raw.misses;
  const state: ConversationState = {
    misses: typeof misses === 'number' && Number.isInteger(misses) && misses >= 0 ? misses : 0,
  };
  const handoff = olderHandoff(raw.handoff);
  if (fits.handoff.Check(handoff)) state.flow = handoff;
  else if (fits.dialogue.Check(raw.flow)) state.flow = raw.flow;
  if (fits.greeting.Check(raw.greeting)) state.greeting = raw.greeting;
  if (fits.lastAnswer.Check(raw.lastAnswer)) state.lastAnswer = raw.lastAnswer;
  return state;
}

/**
 * A handoff stored in the older `handoff` field, as the dialogue's state: its `name` added and, without
 * an `id`, named after its start time, as startHandoff names one without a message id.
 */
function olderHandoff(handoff: unknown): unknown {
  if (typeof handoff !== 'object' || handoff === null) return undefined;
  const named = { ...handoff, name: HANDOFF_DIALOGUE };
  if ('id' in handoff || !('startedAt' in handoff)) return named;
  return { ...named, id: handoff.startedAt };
}
