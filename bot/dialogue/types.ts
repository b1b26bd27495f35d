/**
 * The small shared vocabulary of the dialogue: the decision of a reply, why a conversation goes to a
 * person, and a quick-reply button. A leaf module: flows, the handoff dialogue and respond.ts all import
 * it, and it imports nothing of theirs (no cycles).
 */
import { type Static, Type } from '@sinclair/typebox';

/**
 * What the bot decided for one shopper line (the one `Decision` of the repository; the server stores a
 * further `system` for its own lines). `ask`: a dialogue asks the shopper something (email, a slot).
 */
export const DecisionSchema = Type.Union([
  Type.Literal('answer'),
  Type.Literal('clarify'),
  Type.Literal('none'),
  Type.Literal('handoff'),
  Type.Literal('ask'),
]);
/** What the bot decided for one shopper line. */
export type Decision = Static<typeof DecisionSchema>;

/**
 * Why the bot hands a conversation to a person (closed set). `defect-report`: the defect flow took a
 * case; `change-request`: a flow took a request staff carry out (cancellation by order number).
 */
export const HandoffReasonSchema = Type.Union([
  Type.Literal('low-confidence'),
  Type.Literal('repeated-fallback'),
  Type.Literal('user-requested'),
  Type.Literal('defect-report'),
  Type.Literal('change-request'),
]);
/** Why the bot hands a conversation to a person. */
export type HandoffReason = Static<typeof HandoffReasonSchema>;

/** A button under a bot message. Sending it sends `text` as the shopper's message with `intent` attached. */
export interface QuickReply {
  label: string;
  text: string;
  intent: string;
}
