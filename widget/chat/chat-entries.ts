/**
 * The transcript lines the widget shows, made from what the server sends (history, replies), from the
 * shopper's outbox and from error notices. Stable keys let lit keep each bubble across reconnects.
 */
import {
  type ChatEntry,
  type HistoryMessage,
  NO_HANDOFF,
  type OutboxItem,
  type ReplyFrame,
  readHandoffFacts,
} from './types.ts';

/**
 * A message of a restored history, or a staff reply sent live; a shopper's keeps the key of its outbox
 * line (`s:<clientSeq>`), a staff reply carries its transcript seq and whether it is unread.
 */
export function historyEntry(m: HistoryMessage): ChatEntry {
  const staff = m.role === 'staff';
  return {
    key: m.role === 'shopper' && m.clientSeq !== null ? `s:${m.clientSeq}` : `m:${m.id}`,
    id: m.id,
    role: m.role,
    text: m.text,
    createdAt: m.createdAt,
    decision: m.decision,
    quickReplies: m.quickReplies,
    feedback: m.feedback,
    seq: staff ? m.seq : m.clientSeq,
    status: 'sent',
    handoff: readHandoffFacts(m),
    unread: staff && m.unread === true,
  };
}

/** The transcript seq of the newest unread staff reply, or null when every one has been seen. */
export function lastUnreadStaffSeq(entries: readonly ChatEntry[]): number | null {
  const unread = entries.filter((e) => e.role === 'staff' && e.unread && e.seq !== null);
  return unread.length === 0 ? null : Math.max(...unread.map((e) => e.seq as number));
}

/** The bot's live answer. */
export function replyEntry(frame: ReplyFrame): ChatEntry {
  return {
    key: `m:${frame.messageId}`,
    id: frame.messageId,
    role: 'bot',
    text: frame.markdown,
    createdAt: frame.createdAt,
    decision: frame.decision,
    quickReplies: frame.quickReplies,
    feedback: null,
    seq: null,
    status: 'sent',
    handoff: readHandoffFacts(frame),
    unread: false,
  };
}

/** A line that is no stored message of the server's: no id, decision, buttons or rating. */
function plainEntry(key: string, role: ChatEntry['role'], text: string, createdAt: string | null): ChatEntry {
  return {
    key,
    id: null,
    role,
    text,
    createdAt,
    decision: null,
    quickReplies: [],
    feedback: null,
    seq: null,
    status: 'sent',
    handoff: NO_HANDOFF,
    unread: false,
  };
}

/** A shopper message the server has not acknowledged yet. */
export function outboxEntry(item: OutboxItem): ChatEntry {
  return {
    ...plainEntry(`s:${item.seq}`, 'shopper', item.text, item.createdAt),
    seq: item.seq,
    status: 'sending',
  };
}

/**
 * A notice from the server (an error's sentence for the shopper). `position` and `now` (ms) make the key
 * unique: the same sentence may come twice.
 */
export function noticeEntry(text: string, position: number, now: Date): ChatEntry {
  return plainEntry(`n:${position}:${now.getTime()}`, 'notice', text, now.toISOString());
}

/**
 * The client seqs of a history's shopper messages that were answered: a bot message follows them in the
 * transcript. The rest may still be waiting in the outbox and are resent.
 */
export function answeredSeqs(history: readonly HistoryMessage[]): Set<number> {
  const answered = new Set<number>();
  history.forEach((m, i) => {
    if (m.role === 'shopper' && m.clientSeq !== null && history.slice(i + 1).some((n) => n.role === 'bot'))
      answered.add(m.clientSeq);
  });
  return answered;
}

/** The greeting bubble's words as the first line of the transcript (shown only in this page). */
export function greetingEntry(text: string): ChatEntry {
  return plainEntry('greeting', 'bot', text, null);
}

/** The bot message asking for an email address (its `handoff.step` is `email`), when it is the latest. */
export function emailRequest(entries: readonly ChatEntry[]): ChatEntry | undefined {
  const last = entries.filter((e) => e.role !== 'notice').at(-1);
  return last?.role === 'bot' && last.handoff.asksEmail ? last : undefined;
}
