/** Privacy: deleting a shopper's data (`/privacy`). */
import { type Static, Type } from '@sinclair/typebox';
import { Email, Uuid } from './common.ts';

/**
 * `POST /privacy/delete` (admin, `privacy:delete`): everything of one shopper (`email`: conversations
 * that hold or mention the address, and mail addressed to or mentioning it) or of one conversation:
 * exactly one of the two (else 400 CONSOLE_ERR_PRIVACY_SUBJECT). `dryRun` only counts.
 */
export const PrivacyDeleteBody = Type.Object(
  {
    email: Type.Optional(Email),
    conversationId: Type.Optional(Uuid),
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
});
export type PrivacyDeletionCounts = Static<typeof PrivacyDeletionCounts>;

export const PrivacyDeleteResult = Type.Object({ dryRun: Type.Boolean(), counts: PrivacyDeletionCounts });
export type PrivacyDeleteResult = Static<typeof PrivacyDeleteResult>;
