/** Escalations: the list, one escalation with its transcript, mails and notes (`/escalations`). */
import { type Static, Type } from '@sinclair/typebox';
import { SubscriptionSnapshotSchema } from '../../../bot/shop/shop-data.ts';
import { Day, IdParams, IsoDate, LocaleSchema, Uuid } from './common.ts';

export const EscalationQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved')])),
    reason: Type.Optional(Type.String({ maxLength: 40 })),
    intent: Type.Optional(Type.String({ maxLength: 80 })),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type EscalationQuery = Static<typeof EscalationQuery>;

/** An intent's title, for operators' intent filter and labels (`GET /escalations/intents`). */
export const IntentTitle = Type.Object({ locale: LocaleSchema, id: Type.String(), title: Type.String() });
export type IntentTitle = Static<typeof IntentTitle>;

/** Every intent of the corpus with its title, without utterances or answers (operators may not edit). */
export const IntentTitleList = Type.Object({ intents: Type.Array(IntentTitle) });
export type IntentTitleList = Static<typeof IntentTitleList>;

export const EscalationSummary = Type.Object({
  id: Uuid,
  conversationId: Uuid,
  status: Type.Union([Type.Literal('open'), Type.Literal('resolved')]),
  reason: Type.String(),
  intent: Type.Union([Type.String(), Type.Null()]),
  score: Type.Union([Type.Number(), Type.Null()]),
  email: Type.String(),
  /** The shop's customer id when the shopper was verified (docs/identity.md); null: anonymous. */
  customerId: Type.Union([Type.String(), Type.Null()]),
  /**
   * The verified shopper's subscriptions as the shop's system told them at handoff (product, quantity,
   * interval, status, next delivery); null: anonymous, or the shop's system did not answer.
   */
  subscriptions: Type.Union([Type.Array(SubscriptionSnapshotSchema), Type.Null()]),
  summary: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoDate,
  locale: LocaleSchema,
  /** Where the shopper asked: `web` (the widget) or `line` (docs/line.md). */
  channel: Type.Union([Type.Literal('web'), Type.Literal('line')]),
  resolvedAt: Type.Union([IsoDate, Type.Null()]),
  /** Name of the staff member who resolved it (null while open). */
  resolvedBy: Type.Union([Type.String(), Type.Null()]),
});
export type EscalationSummary = Static<typeof EscalationSummary>;

export const EscalationList = Type.Object({ escalations: Type.Array(EscalationSummary) });
export type EscalationList = Static<typeof EscalationList>;

export const TranscriptLine = Type.Object({
  id: Uuid,
  seq: Type.Integer(),
  /** `staff`: a reply written in the console and delivered in the conversation's channel. */
  role: Type.Union([Type.Literal('shopper'), Type.Literal('bot'), Type.Literal('staff')]),
  text: Type.String(),
  decision: Type.Union([Type.String(), Type.Null()]),
  intent: Type.Union([Type.String(), Type.Null()]),
  score: Type.Union([Type.Number(), Type.Null()]),
  feedback: Type.Union([Type.Literal('helpful'), Type.Literal('not-helpful'), Type.Null()]),
  createdAt: IsoDate,
  /** Staff lines: who wrote it, and when the shopper saw it in the widget (null: not yet, or on LINE). */
  staff: Type.Optional(
    Type.Object({
      name: Type.String(),
      channel: Type.Union([Type.Literal('web'), Type.Literal('line')]),
      seenAt: Type.Union([IsoDate, Type.Null()]),
    }),
  ),
});
export type TranscriptLine = Static<typeof TranscriptLine>;

export const MailView = Type.Object({
  id: Uuid,
  to: Type.String(),
  envelopeTo: Type.Union([Type.String(), Type.Null()]),
  replyTo: Type.Union([Type.String(), Type.Null()]),
  subject: Type.String(),
  text: Type.String(),
  /** The HTML body as sent; the console shows it in a sandboxed frame, never in its own DOM. */
  html: Type.String(),
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('sending'),
    Type.Literal('sent'),
    Type.Literal('failed'),
  ]),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoDate,
  sentAt: Type.Union([IsoDate, Type.Null()]),
  nextAttemptAt: IsoDate,
  escalationId: Type.Union([Uuid, Type.Null()]),
});
export type MailView = Static<typeof MailView>;

export const EscalationNote = Type.Object({
  id: Uuid,
  authorName: Type.String(),
  text: Type.String(),
  createdAt: IsoDate,
});
export type EscalationNote = Static<typeof EscalationNote>;

export const EscalationDetail = Type.Object({
  escalation: EscalationSummary,
  transcript: Type.Array(TranscriptLine),
  mails: Type.Array(MailView),
  notes: Type.Array(EscalationNote),
});
export type EscalationDetail = Static<typeof EscalationDetail>;

export const EscalationParams = IdParams;
export type EscalationParams = Static<typeof EscalationParams>;

export const NoteBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);
export type NoteBody = Static<typeof NoteBody>;

/**
 * Reply to the shopper. `via`: `chat` (the conversation's own channel: the widget, live or on the next
 * visit, or a LINE push) or `mail` (queued in the outbox, sent by the relay). Absent: `chat` when the
 * channel reaches the shopper, else mail. `chat` to a shopper the channel no longer reaches (a LINE user
 * who unfollowed) goes by mail. `subject` is the mail's only.
 */
export const ReplyBody = Type.Object(
  {
    via: Type.Optional(Type.Union([Type.Literal('chat'), Type.Literal('mail')])),
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    text: Type.String({ minLength: 1, maxLength: 20_000 }),
  },
  { additionalProperties: false },
);
export type ReplyBody = Static<typeof ReplyBody>;

/**
 * Where a reply went: `web` (stored in the conversation; the open widget shows it at once, a closed
 * one on the next visit), `line` (pushed to the LINE user) or `mail` (queued in the outbox). `fallback`:
 * the chat was asked for (or the default) but did not reach the shopper, so it went by mail.
 */
export const ReplyResult = Type.Object({
  via: Type.Union([Type.Literal('web'), Type.Literal('line'), Type.Literal('mail')]),
  fallback: Type.Boolean(),
  /** The staff line stored in the transcript (`web`, `line`); null for mail. */
  message: Type.Union([TranscriptLine, Type.Null()]),
  /** The queued mail (`mail`); null otherwise. */
  mail: Type.Union([MailView, Type.Null()]),
});
export type ReplyResult = Static<typeof ReplyResult>;
