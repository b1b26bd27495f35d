/** Unanswered questions: grouped, assigned to an intent or dismissed (`/unanswered`). */
import { type Static, Type } from '@sinclair/typebox';
import { DISPUTE_SIGNALS } from '../../../bot/review/answer-signals.ts';
import { IntentId, IsoDate, LocaleSchema, Uuid } from './common.ts';

export const UnansweredMessage = Type.Object({
  id: Uuid,
  conversationId: Uuid,
  text: Type.String(),
  locale: LocaleSchema,
  /** none, clarify, downvote or disputed (the next line said the answer was wrong): why it is queued. */
  reason: Type.Union([
    Type.Literal('none'),
    Type.Literal('clarify'),
    Type.Literal('downvote'),
    Type.Literal('disputed'),
  ]),
  /** The bot's best guess and its score (`disputed`: the intent it answered). */
  intent: Type.Union([Type.String(), Type.Null()]),
  score: Type.Union([Type.Number(), Type.Null()]),
  createdAt: IsoDate,
  /**
   * `none` only: why the engine refused it (none-intent, low-score, nearest-is-none, unknown-words,
   * other-company, empty), when the reply recorded it.
   */
  nluReason: Type.Union([Type.String(), Type.Null()]),
  /** `disputed` only: what said the answer was wrong (bot/review/answer-signals.ts), and that next line. */
  signal: Type.Union([...DISPUTE_SIGNALS.map((s) => Type.Literal(s)), Type.Null()]),
  followUp: Type.Union([Type.String(), Type.Null()]),
});
export type UnansweredMessage = Static<typeof UnansweredMessage>;

/** Similar questions grouped together, biggest group first. */
export const UnansweredGroup = Type.Object({
  /** The most typical message's text. */
  label: Type.String(),
  count: Type.Integer(),
  /** The intent most of the group's messages were guessed as, if any. */
  suggestedIntent: Type.Union([Type.String(), Type.Null()]),
  messages: Type.Array(UnansweredMessage),
});
export type UnansweredGroup = Static<typeof UnansweredGroup>;

export const UnansweredQuery = Type.Object(
  // At most 500: the grouping's work grows with the count, and no one reviews more in one sitting.
  { locale: Type.Optional(LocaleSchema), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
  { additionalProperties: false },
);
export type UnansweredQuery = Static<typeof UnansweredQuery>;

export const UnansweredList = Type.Object({ total: Type.Integer(), groups: Type.Array(UnansweredGroup) });
export type UnansweredList = Static<typeof UnansweredList>;

/** Assign: the messages become utterances of the intent (in their locale); dismiss: they leave the queue. */
export const AssignUnansweredBody = Type.Object(
  { messageIds: Type.Array(Uuid, { minItems: 1, maxItems: 500 }), intent: IntentId },
  { additionalProperties: false },
);
export type AssignUnansweredBody = Static<typeof AssignUnansweredBody>;
export const DismissUnansweredBody = Type.Object(
  { messageIds: Type.Array(Uuid, { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);
export type DismissUnansweredBody = Static<typeof DismissUnansweredBody>;
export const ReviewResult = Type.Object({ reviewed: Type.Integer() });
export type ReviewResult = Static<typeof ReviewResult>;
