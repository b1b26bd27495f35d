/**
 * The widget's view of a conversation. Wire types come from the server's TypeBox schemas
 * (`import type` only: nothing of the server ends up in the bundle).
 */
import type { HistoryMessage, ReplyFrame } from '../../server/schemas/protocol.ts';

export type {
  ChatAccessResponse as ChatAccess,
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
/** Where the connection is; `unavailable`: the server refuses this page's origin (no retries). */
export type ConnectionState = 'connecting' | 'online' | 'offline' | 'unavailable';

/**
 * The handoff facts of an `ask` or `handoff` reply (`reply.handoff`, see HandoffInfoSchema). The email
 * form shows only when the server says the dialogue is at its `email` step: flow questions (`ask`
 * without `handoff`) never ask for an address.
 */
export interface HandoffFacts {
  /** The dialogue's step as the server says it (`email`, `summary`, `done`), or null outside the dialogue. */
  step: 'email' | 'summary' | 'done' | null;
  /** The server asks for the shopper's email address (show the form). */
  asksEmail: boolean;
  /** `done`: whether the shop was open when the handoff was recorded. */
  open: boolean | null;
  /** `done`, shop closed: when the shop opens next (ISO 8601). */
  nextOpening: string | null;
}

/** The facts of a message outside the handoff dialogue. */
export const NO_HANDOFF: HandoffFacts = { step: null, asksEmail: false, open: null, nextOpening: null };

/** One line of the transcript as the widget shows it. */
export interface ChatEntry {
  /** Stable across reconnects and reloads: `s:<seq>` for shopper messages, `m:<id>` otherwise. */
  key: string;
  /** The server's message id, once known. */
  id: string | null;
  /** `staff`: a reply the shop's staff wrote in the console (plain text). */
  role: 'shopper' | 'bot' | 'staff' | 'notice';
  /** The shopper's plain text, the bot's Markdown, staff's plain text, or a notice (plain text). */
  text: string;
  /** When the server stored it (ISO 8601), or when the shopper typed it while offline. */
  createdAt: string | null;
  /** Bot messages: `answer`, `clarify`, `none`, `handoff`, or a newer value. */
  decision: string | null;
  quickReplies: QuickReply[];
  feedback: FeedbackValue | null;
  /** Shopper messages: the client seq; staff messages: the transcript seq (what `seen` names). */
  seq: number | null;
  /** Shopper messages: `sending` until the server acknowledged it. */
  status: 'sending' | 'sent' | 'failed';
  handoff: HandoffFacts;
  /** Staff messages the shopper has not seen yet (the launcher's badge); false for every other line. */
  unread: boolean;
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

const STEPS: readonly HandoffFacts['step'][] = ['email', 'summary', 'done'];

/**
 * Reads the handoff facts of a reply or history message (`handoff`, HandoffInfoSchema). A value of a
 * wrong type reads as absent rather than trusted.
 */
export function readHandoffFacts(frame: HistoryMessage | ReplyFrame | Record<string, unknown>): HandoffFacts {
  const handoff = (frame as { handoff?: unknown }).handoff;
  if (typeof handoff !== 'object' || handoff === null) return NO_HANDOFF;
  const { step, open, nextOpening } = handoff as Record<string, unknown>;
  const known = STEPS.find((s) => s === step) ?? null;
  return {
    step: known,
    asksEmail: known === 'email',
    open: typeof open === 'boolean' ? open : null,
    nextOpening: typeof nextOpening === 'string' && nextOpening ? nextOpening : null,
  };
}
