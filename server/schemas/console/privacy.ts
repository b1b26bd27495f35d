/** Privacy: deleting a shopper's data (`/privacy`). */
import { type Static, Type } from '@sinclair/typebox';
import { Email, Uuid } from './common.ts';

/** A LINE user id: U and 32 hexadecimal digits (docs/line.md). */
export const LineUserId = Type.String({ pattern: '^U[0-9a-f]{32}$' });

/**
 * `POST /privacy/delete` (admin, `privacy:delete`): everything of one shopper (`email`: conversations
 * that hold or mention the address, and mail addressed to or mentioning it), of one conversation, or of
 * one LINE user (`lineUserId`: every conversation they had, their LINE events, their account link):
 * exactly one of the three (else 400 CONSOLE_ERR_PRIVACY_SUBJECT). `dryRun` only counts.
 */
export const PrivacyDeleteBody = Type.Object(
  {
    email: Type.Optional(Email),
    conversationId: Type.Optional(Uuid),
    lineUserId: Type.Optional(LineUserId),
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PrivacyDeleteBody = Static<typeof PrivacyDeleteBody>;

/** Rows deleted per table (or, in a dry run, that would be). */
export const PrivacyDeletionCounts = Type.Object({
  conversations: Type.Integer(),
  messages: Type.Integer(),
  escalations: Type.Integer(),
  escalationNotes: Type.Integer(),
  unansweredReviews: Type.Integer(),
  outbox: Type.Integer(),
  /** Of `outbox`: mails not sent yet, which now never will be. */
  outboxUnsent: Type.Integer(),
  /** LINE users (by LINE user id only), with the customer id they linked. */
  lineUsers: Type.Integer(),
  /** Their LINE webhook events still stored. */
  lineEvents: Type.Integer(),
  /** Their account-link attempts in flight. */
  lineLinks: Type.Integer(),
});
export type PrivacyDeletionCounts = Static<typeof PrivacyDeletionCounts>;

export const PrivacyDeleteResult = Type.Object({ dryRun: Type.Boolean(), counts: PrivacyDeletionCounts });
export type PrivacyDeleteResult = Static<typeof PrivacyDeleteResult>;
