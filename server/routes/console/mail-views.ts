/**
 * Stored escalations, notes, transcript lines and outbox mail as the console API sends them
 * (server/schemas/console-api.ts): dates as ISO text, ratings as words.
 */
import type {
  EscalationNote,
  EscalationSummary,
  MailView,
  TranscriptLine,
} from '../../schemas/console-api.ts';
import type { ReviewedEscalation, StoredEscalationNote } from '../../storage/escalation-review-store.ts';
import type { OutboxMail, StoredMessage } from '../../storage/repository.ts';
import { staffPayloadOf } from '../../storage/staff-message-payload.ts';

export function toEscalationSummary(e: ReviewedEscalation): EscalationSummary {
  return {
    id: e.id,
    conversationId: e.conversationId,
    status: e.status,
    reason: e.reason,
    intent: e.intent,
    score: e.score,
    email: e.email,
    customerId: e.customerId,
    subscriptions: e.subscriptions,
    summary: e.summary,
    createdAt: e.createdAt.toISOString(),
    locale: e.locale,
    channel: e.channel,
    resolvedAt: e.resolvedAt?.toISOString() ?? null,
    resolvedBy: e.resolvedBy,
  };
}

export function toMailView(m: OutboxMail): MailView {
  return {
    id: m.id,
    to: m.to,
    envelopeTo: m.envelopeTo,
    replyTo: m.replyTo,
    subject: m.subject,
    text: m.text,
    html: m.html,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
    nextAttemptAt: m.nextAttemptAt.toISOString(),
    escalationId: m.escalationId,
  };
}

export function toNoteView(n: StoredEscalationNote): EscalationNote {
  return { id: n.id, authorName: n.authorName, text: n.text, createdAt: n.createdAt.toISOString() };
}

/**
 * One transcript line: shopper lines carry no decision; a bot line its decision, intent, score and
 * rating; a staff line who wrote it, its channel and when the shopper saw it.
 */
export function toTranscriptLine(m: StoredMessage): TranscriptLine {
  const bot = m.role === 'bot';
  const staff = m.role === 'staff' ? staffPayloadOf(m) : undefined;
  return {
    id: m.id,
    seq: m.seq,
    role: m.role,
    text: m.text,
    decision: bot ? m.decision : null,
    intent: bot ? m.intent : null,
    score: bot ? m.score : null,
    feedback: m.feedback === 1 ? 'helpful' : m.feedback === -1 ? 'not-helpful' : null,
    createdAt: m.createdAt.toISOString(),
    ...(staff ? { staff: { name: staff.staffName, channel: staff.channel, seenAt: staff.seenAt } } : {}),
  };
}
