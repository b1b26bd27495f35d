/**
 * What the handoff dialogue keeps between lines (`ConversationState.flow`, where every dialogue keeps its
 * state; a schema: it is stored), what a reply tells the server about the step it waits at, and what the
 * dialogue hands the server when it completes. A leaf module, so the flow registry, the conversation state
 * and the bot's public types can name them without importing the dialogue itself.
 */
import { type Static, Type } from '@sinclair/typebox';
import { HandoffReasonSchema } from '../dialogue/types.ts';
import type { ReplyPromise } from './reply-promise.ts';

/** The handoff dialogue's `name` in `ConversationState.flow` (stored: never rename). */
export const HANDOFF_DIALOGUE = 'handoff';

/** Where a conversation is in the handoff dialogue (kept in `ConversationState.flow`). */
export const HandoffStateSchema = Type.Object({
  name: Type.Literal(HANDOFF_DIALOGUE),
  /** `email`: waiting for an address; `summary`: address known, waiting for the summary or Skip. */
  step: Type.Union([Type.Literal('email'), Type.Literal('summary')]),
  reason: HandoffReasonSchema,
  /** The classifier's guess and score on the message that started the handoff. */
  intent: Type.Union([Type.String(), Type.Null()]),
  score: Type.Union([Type.Number(), Type.Null()]),
  /**
   * Names this handoff: the id of the shopper message that started it (or, when the caller gave none,
   * the start time). With the conversation id it names the escalation, so a retried or replayed last
   * step records the same escalation instead of a second one.
   */
  id: Type.String(),
  /** When the handoff started (ISO 8601). */
  startedAt: Type.String(),
  /** The address so far (`summary` step). */
  email: Type.Union([Type.String(), Type.Null()]),
  /** A case a flow filled in (defect, cancellation request): sent as the summary, none is asked for. */
  case: Type.Optional(Type.String()),
  /**
   * The flow's confirmation of that case (「解約のご依頼を承りました」): said only in the reply that records
   * it, never while the address is still missing (a shopper who leaves then has recorded nothing).
   */
  lead: Type.Optional(Type.String()),
});
/** Where a conversation is in the handoff dialogue. */
export type HandoffState = Static<typeof HandoffStateSchema>;

/**
 * The step a reply of the waiting dialogue leaves it at (its `ask`s, and an answer to a question typed in
 * the email step), for the server to tell the client: `email` makes a client show its address form.
 */
export interface HandoffStep {
  step: HandoffState['step'];
  /** The address so far (`summary` step). */
  email: string | null;
}

/** What the server records when the dialogue completes. */
export interface HandoffRequest {
  /** `HandoffState.id`: the same for every attempt at recording this handoff. */
  id: string;
  reason: HandoffState['reason'];
  email: string;
  summary: string | null;
  startedAt: string;
  /** What the shopper was told about the reply time, and the calendar facts behind it. */
  promise: ReplyPromise;
}
