/**
 * The widget's view of a conversation. Wire types come from the server's TypeBox schemas
 * (`import type` only: nothing of the server ends up in the bundle).
 */
import type { HistoryMessage, ReplyFrame } from '../../server/schemas/protocol.ts';

export type {
  ClientFrame,
  HistoryMessage,
  ReplyFrame,
  ServerFrame,
  ShopStatusInfo,
} from '../../server/schemas/protocol.ts';

/** A button under a bot message. */
export type QuickReply = ReplyFrame['quickReplies'][number];
/** A shopper's rating of one answer. */
export type FeedbackValue = 'helpful' | 'not-helpful';
/** Where the connection is. */
export type ConnectionState = 'connecting' | 'online' | 'offline';

/**
 * Facts about a handoff that servers with the handoff dialogue attach to `ask` and `handoff` replies
 * (`reply.handoff`, see HandoffInfoSchema). All optional: with an older server the widget falls back to
 * its general wording.
 */
export interface HandoffFacts {
  /** The dialogue's step as the server says it (`email`, `summary`, `done`), or null from older servers. */
  step: string | null;
  /** The bot asks for the shopper's email address (show the form). */
  asksEmail: boolean;
  /** When staff promise to reply (ISO 8601), if the server says. */
  replyBy: string | null;
  /** Whether the shop is open now, if the server says. */
  open: boolean | null;
  /** When the shop opens next (ISO 8601), if the server says. */
  nextOpening: string | null;
}

/** One line of the transcript as the widget shows it. */
export interface ChatEntry {
  /** Stable across reconnects and reloads: `s:<seq>` for shopper messages, `m:<id>` otherwise. */
  key: string;
  /** The server's message id, once known. */
  id: string | null;
  role: 'shopper' | 'bot' | 'notice';
  /** The shopper's plain text, the bot's Markdown, or a notice (plain text). */
  text: string;
  /** When the server stored it (ISO 8601), or when the shopper typed it while offline. */
  createdAt: string | null;
  /** Bot messages: `answer`, `clarify`, `none`, `handoff`, or a newer value. */
  decision: string | null;
  quickReplies: QuickReply[];
  feedback: FeedbackValue | null;
  /** Shopper messages: the client seq. */
  seq: number | null;
  /** Shopper messages: `sending` until the server acknowledged it. */
  status: 'sending' | 'sent' | 'failed';
  handoff: HandoffFacts;
}

/** A shopper message not answered yet; kept across reloads and resent with the same seq. */
export interface OutboxItem {
  seq: number;
  text: string;
  intent?: string;
  createdAt: string;
}

/** What the widget keeps in localStorage for one server. */
export interface StoredConversation {
  token: string | null;
  /** The last seq used. */
  seq: number;
  outbox: OutboxItem[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/**
 * Reads the optional handoff facts of a reply or history message. Tolerant on purpose: the fields are
 * additions that older servers don't send, and unknown shapes are ignored rather than trusted.
 */
export function readHandoffFacts(frame: HistoryMessage | ReplyFrame | Record<string, unknown>): HandoffFacts {
  const f = frame as Record<string, unknown>;
  const handoff = (typeof f.handoff === 'object' && f.handoff ? f.handoff : {}) as Record<string, unknown>;
  const hours = (typeof f.hours === 'object' && f.hours ? f.hours : {}) as Record<string, unknown>;
  const ask = f.ask ?? handoff.ask ?? handoff.step;
  const open = handoff.open ?? hours.open ?? f.open;
  // Without an explicit step, an `ask` that offers Skip is the summary step, not the email step.
  const quickReplies = Array.isArray(f.quickReplies) ? (f.quickReplies as { intent?: unknown }[]) : [];
  const offersSkip = quickReplies.some((q) => q.intent === 'handoff.skip');
  return {
    step: str(handoff.step),
    asksEmail: ask === undefined ? f.decision === 'ask' && !offersSkip : ask === 'email',
    replyBy: str(handoff.replyBy) ?? str(f.replyBy),
    open: typeof open === 'boolean' ? open : null,
    nextOpening: str(handoff.nextOpening) ?? str(hours.nextOpening) ?? str(f.nextOpening),
  };
}
