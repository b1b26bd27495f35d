/**
 * The storage contract. Every durable fact of the product goes through this interface, so the server
 * does not care whether SQLite (the embedded default) or PostgreSQL (`DATABASE_URL`) is behind it.
 * Both implementations pass the same suite in tests/server/storage/.
 */

import type { Kysely } from 'kysely';
import type { Decision as BotDecision } from '../../bot/dialogue/types.ts';
import type { Locale } from '../../bot/locale.ts';
import type { SubscriptionSnapshot } from '../../bot/shop/shop-data.ts';
import type { BotActionRecord } from './bot-action-store.ts';
import type { ConversationChannel, Database } from './database-schema.ts';
import type { StatementRunner } from './statement-runner.ts';

export type { ConversationChannel, Locale };

/** The decision stored with a message: the bot's, or `system` for the server's own lines. */
export type Decision = BotDecision | 'system';

/** A conversation between one shopper and the bot. */
export interface Conversation {
  /** Random UUID; never sequential, never shown to other shoppers. */
  id: string;
  /** SHA-256 (hex) of the capability token the shopper holds; the token itself is never stored. */
  tokenHash: string;
  locale: Locale;
  /** Dialogue state owned by bot/ (flows, fallback counters); opaque JSON here. */
  state: Record<string, unknown>;
  /** Shopper's email once known (handoff). */
  email: string | null;
  /**
   * The shop's customer id of the verified shopper the conversation is bound to (docs/identity.md), set
   * when a verified shopper starts it or signs in during it and never changed after; null: anonymous.
   */
  customerId: string | null;
  /** Where it happens: `web` (the widget) or `line` (docs/line.md); analytics and the console split by it. */
  channel: ConversationChannel;
  createdAt: Date;
  updatedAt: Date;
  /**
   * When staff last wrote in the conversation (a reply from the console, docs/handoff.md); null: never.
   * A shopper message after it re-opens the conversation's resolved escalation.
   */
  staffReplyAt: Date | null;
}

/** Who wrote a message: the shopper, the bot, or staff (a reply from the console, docs/handoff.md). */
export type MessageRole = 'shopper' | 'bot' | 'staff';

/** One stored message, from the shopper, the bot or staff. */
export interface StoredMessage {
  /** Random UUID, exposed to the widget (feedback refers to it). */
  id: string;
  conversationId: string;
  /** Position in the conversation, 1-based and gapless; the order of the transcript. */
  seq: number;
  role: MessageRole;
  text: string;
  /** Shopper messages: the client's sequence number, unique per conversation (idempotent retries). */
  clientSeq: number | null;
  /** Bot messages: the shopper message this answers. */
  replyTo: string | null;
  decision: Decision | null;
  intent: string | null;
  score: number | null;
  /**
   * Bot messages: extra reply data for the widget (quick replies, candidates, handoff info); staff
   * messages: who wrote, how it went out, when the shopper saw it (staff-message-payload.ts); JSON.
   */
  payload: Record<string, unknown> | null;
  /** 1 helpful, -1 not helpful, null not rated. */
  feedback: number | null;
  createdAt: Date;
}

export interface NewConversation {
  id: string;
  tokenHash: string;
  locale: Locale;
  /** A verified shopper's customer id; absent or null: anonymous. */
  customerId?: string | null;
  /** Absent: `web`. */
  channel?: ConversationChannel;
  /** Its first dialogue state (a greeting recorded as shown as it is created); absent: empty. */
  state?: Record<string, unknown>;
  createdAt: Date;
}

export interface NewShopperMessage {
  id: string;
  conversationId: string;
  /** The client's sequence number; null when the client sent none (no retry protection then). */
  clientSeq: number | null;
  text: string;
  createdAt: Date;
}

export interface NewBotMessage {
  id: string;
  conversationId: string;
  replyTo: string | null;
  text: string;
  decision: Decision;
  intent: string | null;
  score: number | null;
  payload: Record<string, unknown> | null;
  createdAt: Date;
}

/** A change of a conversation's row: only the fields given change (`email: null` forgets it). */
export interface ConversationPatch {
  state?: Record<string, unknown>;
  locale?: Locale;
  email?: string | null;
  updatedAt: Date;
}

/**
 * Result of appending a shopper message with its reply: both stored, or (conversation, clientSeq) was
 * stored before and `message` is that first message (nothing was written).
 */
export type AppendExchangeResult =
  | { duplicate: false; message: StoredMessage; reply: StoredMessage }
  | { duplicate: true; message: StoredMessage };

/** Result of appending a shopper message: `duplicate` when (conversation, clientSeq) was stored before. */
export interface AppendShopperResult {
  message: StoredMessage;
  duplicate: boolean;
}

export interface NewEscalation {
  id: string;
  conversationId: string;
  reason: string;
  intent: string | null;
  score: number | null;
  email: string;
  summary: string | null;
  /** The verified shopper's customer id when the conversation is bound to one; absent or null: anonymous. */
  customerId?: string | null;
  /**
   * The verified shopper's subscriptions as the shop's system told them at handoff (011); absent or
   * null: anonymous, or the shop's system did not answer.
   */
  subscriptions?: SubscriptionSnapshot[] | null;
  createdAt: Date;
}

export interface Escalation extends NewEscalation {
  customerId: string | null;
  subscriptions: SubscriptionSnapshot[] | null;
  status: 'open' | 'resolved';
}

export interface NewOutboxMail {
  id: string;
  escalationId: string | null;
  /** RFC 5322 headers and bodies as prepared by the mail builder; `to` comes only from config. */
  to: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /**
   * SMTP envelope recipient when it differs from the `To` header (the shopper copy: the header names
   * the shop, the envelope the validated shopper address). Null or absent: `to`.
   */
  envelopeTo?: string | null;
  createdAt: Date;
  /** The first delivery attempt is due then (a flood's fair slot, server/limits/); absent: `createdAt`. */
  notBefore?: Date;
}

export interface OutboxMail extends NewOutboxMail {
  envelopeTo: string | null;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  /** Delivery attempts started; also the claim token of the current attempt. */
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
  /** While `sending`: when the claim ends and another relay may retry the row. */
  leaseExpiresAt: Date | null;
  /** When the first delivery attempt started; the fail-after time counts from here. */
  firstAttemptAt: Date | null;
}

/** Identifies one claimed delivery attempt: a relay may only settle the attempt it claimed. */
export interface MailClaim {
  id: string;
  /** `attempts` of the claimed row. */
  attempt: number;
}

/** The repository every part of the server uses. All methods are safe to call concurrently. */
export interface Storage {
  /** 'sqlite' or 'postgres', for logs and health. */
  readonly dialect: 'sqlite' | 'postgres';
  /** Creates or upgrades the schema; idempotent; run at start. */
  migrate(): Promise<void>;
  /** Flushes and closes; later calls reject. */
  close(): Promise<void>;
  /** Cheap liveness query for /readyz. */
  ping(): Promise<void>;
  /**
   * The typed query builder over the same connection, for the console's stores (staff, corpus, models,
   * reviews, analytics), which keep their own files instead of growing this interface. Throws after close.
   */
  database(): Kysely<Database>;
  /**
   * Runs a statement compiled from `database()`. On PostgreSQL it is prepared once per pooled connection
   * under a stable name, so a statement run at every chat (a rate-limit take, a new conversation) is
   * parsed and planned once, not each time; elsewhere it runs as `database()` would run it.
   */
  statements(): StatementRunner;

  createConversation(input: NewConversation): Promise<Conversation>;
  getConversation(id: string): Promise<Conversation | undefined>;
  findConversationByTokenHash(tokenHash: string): Promise<Conversation | undefined>;
  /** Replaces the dialogue state (and optionally locale / email). */
  updateConversation(id: string, patch: ConversationPatch): Promise<void>;
  /**
   * Binds conversation `id` to the verified customer `customerId` (docs/identity.md) unless another
   * customer has it: one conditional UPDATE (`where customer_id is null or customer_id = ?`), so when two
   * connections bind the same anonymous conversation to different customers at once, exactly one wins.
   * True when the conversation is now that customer's; false when it is another's (or does not exist).
   */
  bindCustomer(id: string, customerId: string, updatedAt: Date): Promise<boolean>;

  /**
   * Commits a shopper message. Resolves only after the row is durable. A second call with the same
   * (conversationId, clientSeq) stores nothing and returns the first message with `duplicate: true`.
   */
  appendShopperMessage(input: NewShopperMessage): Promise<AppendShopperResult>;
  /** Commits a bot message (assigning the next seq). */
  appendBotMessage(input: NewBotMessage): Promise<StoredMessage>;
  /**
   * Commits a shopper message, the bot's reply to it (the next seq) and the conversation's new state in
   * ONE transaction: all or nothing, one commit instead of three for the common message. A shopper
   * message whose (conversationId, clientSeq) was stored before writes nothing and returns the first one
   * with `duplicate: true`, as appendShopperMessage does. `reply.replyTo` must be the shopper message id.
   */
  appendExchange(
    shopper: NewShopperMessage,
    reply: NewBotMessage,
    patch: ConversationPatch,
  ): Promise<AppendExchangeResult>;
  /**
   * Commits a bot message (the next seq), the conversation's new state and, when the turn carried out
   * an action, that action's audit row (`bot_actions`) in ONE transaction: all or nothing, so a reply
   * saying a change was made never exists without its audit row, nor the row without the reply. An
   * audit row whose id was stored before is not stored again.
   */
  appendReply(
    reply: NewBotMessage,
    patch: ConversationPatch,
    action?: BotActionRecord,
  ): Promise<StoredMessage>;
  /** The bot message that answers a given shopper message, if one was stored. */
  findReplyTo(shopperMessageId: string): Promise<StoredMessage | undefined>;
  /** Messages of a conversation in seq order, optionally only those after a seq, at most `limit` (default 500). */
  listMessages(
    conversationId: string,
    options?: { afterSeq?: number; limit?: number },
  ): Promise<StoredMessage[]>;
  /** Sets feedback on a bot message of that conversation; false when no such bot message exists there. */
  setFeedback(conversationId: string, messageId: string, value: 1 | -1): Promise<boolean>;

  /**
   * Records an escalation and its outbox mail (one, or several such as a shopper copy) in ONE
   * transaction: all or nothing. Idempotent by escalation id: when that escalation already exists,
   * nothing is written and the result is false (a retried handoff), else true.
   */
  createEscalationWithMail(
    escalation: NewEscalation,
    mail: NewOutboxMail | readonly NewOutboxMail[],
  ): Promise<boolean>;
  getEscalation(id: string): Promise<Escalation | undefined>;
  /** Escalations, newest first, optionally of one status, at most `limit` (default 500). */
  listEscalations(options?: { status?: Escalation['status']; limit?: number }): Promise<Escalation[]>;
  listOutbox(options?: { status?: OutboxMail['status']; limit?: number }): Promise<OutboxMail[]>;

  /**
   * Claims up to `limit` mails due at `now` for sending: pending rows whose `nextAttemptAt` has come,
   * and rows left in `sending` whose lease has expired (their relay died). Each claimed row becomes
   * `sending` with `leaseExpiresAt = leaseUntil`, `attempts + 1` and `firstAttemptAt` set on the first
   * claim. Concurrent claimers (other processes) never get the same row. Oldest due first.
   */
  claimDueMail(options: { now: Date; leaseUntil: Date; limit: number }): Promise<OutboxMail[]>;
  /** Settles a claimed attempt as delivered; false when the claim was lost (expired and re-claimed). */
  markMailSent(claim: MailClaim, sentAt: Date): Promise<boolean>;
  /** Settles a claimed attempt as failed-for-now: back to `pending`, due again at `nextAttemptAt`. */
  scheduleMailRetry(claim: MailClaim, retry: { nextAttemptAt: Date; error: string }): Promise<boolean>;
  /** Settles a claimed attempt as finally failed: no more retries. */
  markMailFailed(claim: MailClaim, error: string): Promise<boolean>;

  /**
   * Records a change asked of the shop's system (or refused) on its own; a repeated id writes nothing.
   * The chat does not use it: it commits each action's row with the reply to it (appendReply).
   */
  recordBotAction(record: BotActionRecord): Promise<void>;
  /** The bot's actions, newest first, at most `limit` (default 100), optionally of one conversation. */
  listBotActions(options?: { limit?: number; conversationId?: string }): Promise<BotActionRecord[]>;
}
