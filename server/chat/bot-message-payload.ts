/**
 * The JSON stored with each bot message (`StoredMessage.payload`): what the widget needs to show the
 * reply again (quick replies, reason, locale, handoff facts) and what staff read later (a flow's outcome,
 * an action's result, a dispute, why the engine refused). The server owns this shape: it is written
 * here and read back here, field by field, so an older row (fewer fields) or a damaged one gets the
 * defaults instead of reaching the widget as something it is not.
 */
import { type Static, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { SubscriptionChangeSchema } from '../../bot/shop/shop-data.ts';
import { HandoffInfoSchema, QuickReplySchema } from '../schemas/protocol.ts';

const LocaleSchema = Type.Union([Type.Literal('ja'), Type.Literal('en')]);

/** A flow's analytics fact (bot/flows/flow.ts FlowOutcome); the console counts retained cancellations. */
const OutcomeSchema = Type.Object({
  flow: Type.String(),
  result: Type.Union([Type.Literal('retained'), Type.Literal('cancelled')]),
  reason: Type.Optional(Type.String()),
  alternative: Type.Optional(Type.String()),
});

/**
 * Audit: what the shop's system was asked to change (the action's id and type, the subscription, the
 * change, for which customer) and whether it did (else the code: the shop's, or the server's refusal).
 * Older rows carry only id, type, ok, code and status.
 */
const ActionFactsSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  subscriptionId: Type.Optional(Type.String()),
  change: Type.Optional(SubscriptionChangeSchema),
  customerId: Type.Optional(Type.String()),
  ok: Type.Boolean(),
  code: Type.Optional(Type.String()),
  status: Type.Optional(Type.Number()),
});

/** Review: this line said the answer to `messageId` was wrong (bot/review/answer-signals.ts). */
const DisputeSchema = Type.Object({ messageId: Type.String(), signal: Type.String() });

/** The stored payload of a bot message. */
export const BotMessagePayloadSchema = Type.Object({
  quickReplies: Type.Array(QuickReplySchema, { default: [] }),
  /** Why the bot handed off (bot HandoffReason), or null. */
  reason: Type.Union([Type.String(), Type.Null()], { default: null }),
  /** The reply's locale; absent in the oldest rows (the conversation's locale is used then). */
  locale: Type.Optional(LocaleSchema),
  handoff: Type.Optional(HandoffInfoSchema),
  outcome: Type.Optional(OutcomeSchema),
  action: Type.Optional(ActionFactsSchema),
  dispute: Type.Optional(DisputeSchema),
  /** On a `none` reply: why the engine refused (bot/nlu/decide.ts NoneReason). */
  nluReason: Type.Optional(Type.String()),
});
/** The stored payload of a bot message. */
export type BotMessagePayload = Static<typeof BotMessagePayloadSchema>;
/** What the shop's system was asked to change and its result, as stored. */
export type ActionFacts = Static<typeof ActionFactsSchema>;

const quickRepliesCheck = TypeCompiler.Compile(BotMessagePayloadSchema.properties.quickReplies);
const reasonCheck = TypeCompiler.Compile(BotMessagePayloadSchema.properties.reason);
const localeCheck = TypeCompiler.Compile(LocaleSchema);
const handoffCheck = TypeCompiler.Compile(HandoffInfoSchema);
const outcomeCheck = TypeCompiler.Compile(OutcomeSchema);
const actionCheck = TypeCompiler.Compile(ActionFactsSchema);
const disputeCheck = TypeCompiler.Compile(DisputeSchema);

/**
 * Reads a stored payload. Each field is checked on its own: a field that is missing or does not match
 * takes its default (no quick replies, no reason) or is left out, and the others are kept, so one bad
 * field never hides the reply's text or buttons.
 */
export function readBotMessagePayload(stored: Readonly<Record<string, unknown>> | null): BotMessagePayload {
  const raw = stored ?? {};
  const { quickReplies, reason, locale, handoff, outcome, action, dispute, nluReason } = raw;
  return {
    quickReplies: quickRepliesCheck.Check(quickReplies) ? quickReplies : [],
    reason: reasonCheck.Check(reason) ? reason : null,
    ...(localeCheck.Check(locale) ? { locale } : {}),
    ...(handoffCheck.Check(handoff) ? { handoff } : {}),
    ...(outcomeCheck.Check(outcome) ? { outcome } : {}),
    ...(actionCheck.Check(action) ? { action } : {}),
    ...(disputeCheck.Check(dispute) ? { dispute } : {}),
    ...(typeof nluReason === 'string' ? { nluReason } : {}),
  };
}
