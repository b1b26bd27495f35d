/**
 * Row ↔ object conversions shared by the stores that read or write the same tables (the chat's storage,
 * its SQLite hot path, the console's review store), so a column is mapped in one place.
 */
import type { Selectable } from 'kysely';
import { toDate, toNullableDate } from './column-values.ts';
import type { EscalationsTable, OutboxTable } from './database-schema.ts';
import type {
  Escalation,
  NewBotMessage,
  NewOutboxMail,
  NewShopperMessage,
  OutboxMail,
  StoredMessage,
} from './repository.ts';

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

/** A message as the `messages` row to insert (dates as ISO-8601 UTC text, payload as JSON text). */
export function messageRow(message: StoredMessage) {
  return {
    id: message.id,
    conversation_id: message.conversationId,
    seq: message.seq,
    role: message.role,
    text: message.text,
    client_seq: message.clientSeq,
    reply_to: message.replyTo,
    decision: message.decision,
    intent: message.intent,
    score: message.score,
    payload: message.payload === null ? null : JSON.stringify(message.payload),
    feedback: message.feedback,
    created_at: message.createdAt.toISOString(),
  };
}

/** The stored form of a new shopper message, before its seq is known (seq 0). */
export function newShopperMessage(input: NewShopperMessage): StoredMessage {
  return {
    id: input.id,
    conversationId: input.conversationId,
    seq: 0,
    role: 'shopper',
    text: input.text,
    clientSeq: input.clientSeq,
    replyTo: null,
    decision: null,
    intent: null,
    score: null,
    payload: null,
    feedback: null,
    createdAt: new Date(input.createdAt.getTime()),
  };
}

/** The stored form of a new bot message, before its seq is known (seq 0). */
export function newBotMessage(input: NewBotMessage): StoredMessage {
  return {
    id: input.id,
    conversationId: input.conversationId,
    seq: 0,
    role: 'bot',
    text: input.text,
    clientSeq: null,
    replyTo: input.replyTo,
    decision: input.decision,
    intent: input.intent,
    score: input.score,
    payload: input.payload,
    feedback: null,
    createdAt: new Date(input.createdAt.getTime()),
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
    createdAt: toDate(row.created_at),
    status: row.status,
  };
}
