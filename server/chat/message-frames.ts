/**
 * Stored messages as the widget sees them: one reading of a stored row (its payload parsed once), and
 * the two wire shapes built from it, a history entry in `welcome` and a `reply` frame.
 */
import type { Decision, HandoffInfo, HistoryMessage, ReplyFrame } from '../schemas/protocol.ts';
import type { Locale, StoredMessage } from '../storage/repository.ts';
import { staffPayloadOf } from '../storage/staff-message-payload.ts';
import { readBotMessagePayload } from './bot-message-payload.ts';

/** The decisions a reply frame may carry; a stored one outside them (none today) is sent as `none`. */
const REPLY_DECISIONS: readonly Decision[] = ['answer', 'clarify', 'none', 'handoff', 'ask'];

function isReplyDecision(value: string | null): value is Decision {
  return REPLY_DECISIONS.some((decision) => decision === value);
}

/** One stored message read for the wire: the row's fields and its parsed payload. */
export interface MessageView {
  id: string;
  text: string;
  decision: StoredMessage['decision'];
  intent: string | null;
  score: number | null;
  createdAt: string;
  quickReplies: HistoryMessage['quickReplies'];
  reason: string | null;
  /** The locale stored with a bot reply; undefined for shopper messages and the oldest rows. */
  locale: Locale | undefined;
  /** Only on bot messages of the handoff dialogue: an optional frame field. */
  handoff: { handoff?: HandoffInfo };
}

/** Reads a stored message once; both wire shapes below are built from this. */
export function viewOf(message: StoredMessage): MessageView {
  const payload = readBotMessagePayload(message.payload);
  return {
    id: message.id,
    text: message.text,
    decision: message.decision,
    intent: message.intent,
    score: message.score,
    createdAt: message.createdAt.toISOString(),
    quickReplies: payload.quickReplies,
    reason: payload.reason,
    locale: payload.locale,
    handoff: payload.handoff ? { handoff: payload.handoff } : {},
  };
}

/** A stored message as one entry of a resumed conversation's history. */
export function historyMessage(message: StoredMessage): HistoryMessage {
  if (message.role === 'staff') return staffHistoryMessage(message);
  const view = viewOf(message);
  return {
    id: view.id,
    role: message.role,
    seq: message.seq,
    clientSeq: message.clientSeq,
    text: view.text,
    decision: view.decision,
    intent: view.intent,
    quickReplies: view.quickReplies,
    feedback: message.feedback === 1 ? 'helpful' : message.feedback === -1 ? 'not-helpful' : null,
    createdAt: view.createdAt,
    ...view.handoff,
  };
}

/**
 * A staff reply as the widget sees it: its text (Markdown-free, shown as text), whether it is unread;
 * never the staff member's name (the shopper sees "the shop's staff").
 */
export function staffHistoryMessage(message: StoredMessage): HistoryMessage {
  return {
    id: message.id,
    role: 'staff',
    seq: message.seq,
    clientSeq: null,
    text: message.text,
    decision: null,
    intent: null,
    quickReplies: [],
    feedback: null,
    createdAt: message.createdAt.toISOString(),
    unread: staffPayloadOf(message).seenAt === null,
  };
}

/**
 * A stored bot message as the `reply` to the shopper message numbered `seq`. `conversationLocale` stands
 * in for the locale of rows stored without one.
 */
export function replyFrame(
  message: StoredMessage,
  seq: number | null,
  conversationLocale: Locale,
): ReplyFrame {
  const view = viewOf(message);
  return {
    type: 'reply',
    messageId: view.id,
    replyTo: seq,
    decision: isReplyDecision(view.decision) ? view.decision : 'none',
    reason: view.reason,
    intent: view.intent,
    score: view.score,
    locale: view.locale ?? conversationLocale,
    markdown: view.text,
    quickReplies: view.quickReplies,
    createdAt: view.createdAt,
    ...view.handoff,
  };
}
