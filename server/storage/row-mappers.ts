/**
 * Row ↔ object conversions of escalations and outbox mail, shared by the stores that read or write them
 * (escalation-mail-store.ts, the console's review store, the flood alert), so a column is mapped in one
 * place. Rows with more than one write path (messages, conversations) have column tables instead
 * (message-table.ts, conversation-table.ts).
 */
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Selectable } from 'kysely';
import { type SubscriptionSnapshot, SubscriptionSnapshotSchema } from '../../bot/shop/shop-data.ts';
import { toDate, toNullableDate } from './column-values.ts';
import type { EscalationsTable, OutboxTable } from './database-schema.ts';
import type { Escalation, NewOutboxMail, OutboxMail } from './repository.ts';

/** An outbox row as the storage contract sees it. */
export function toOutboxMail(row: Selectable<OutboxTable>): OutboxMail {
  return {
    id: row.id,
    escalationId: row.escalation_id,
    to: row.to_address,
    replyTo: row.reply_to,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    messageId: row.message_id,
    envelopeTo: row.envelope_to,
    createdAt: toDate(row.created_at),
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: toDate(row.next_attempt_at),
    lastError: row.last_error,
    sentAt: toNullableDate(row.sent_at),
    leaseExpiresAt: toNullableDate(row.lease_expires_at),
    firstAttemptAt: toNullableDate(row.first_attempt_at),
  };
}

/** A new mail as the `outbox` row to insert: pending and due at once (the relay picks it up when woken). */
export function outboxRow(mail: NewOutboxMail) {
  return {
    id: mail.id,
    escalation_id: mail.escalationId,
    to_address: mail.to,
    reply_to: mail.replyTo,
    subject: mail.subject,
    text_body: mail.text,
    html_body: mail.html,
    message_id: mail.messageId,
    envelope_to: mail.envelopeTo ?? null,
    next_attempt_at: (mail.notBefore ?? mail.createdAt).toISOString(),
    last_error: null,
    sent_at: null,
    lease_expires_at: null,
    first_attempt_at: null,
    created_at: mail.createdAt.toISOString(),
  };
}

const Snapshots = Type.Array(SubscriptionSnapshotSchema);

/**
 * The stored subscriptions of an escalation: SQLite hands back JSON text, pg parsed jsonb (only arrays are
 * stored, so a string is always text); anything that does not fit the schema reads as null.
 */
function subscriptionsOf(stored: unknown): SubscriptionSnapshot[] | null {
  let value = stored;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return Value.Check(Snapshots, value) ? value : null;
}

/** An escalation row as the storage contract sees it. */
export function toEscalation(row: Selectable<EscalationsTable>): Escalation {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    reason: row.reason,
    intent: row.intent,
    score: row.score,
    email: row.email,
    summary: row.summary,
    customerId: row.customer_id,
    subscriptions: subscriptionsOf(row.subscriptions),
    createdAt: toDate(row.created_at),
    status: row.status,
  };
}
