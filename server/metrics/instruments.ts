/**
 * What the server's modules report for metrics, as plain function calls: the chat, the transcript, the
 * mail relay and the shop's systems call these and never see prom-client, so they stay testable without
 * a registry (NO_INSTRUMENTS does nothing) and bot/ knows nothing of metrics at all. The prom-client
 * side is prometheus-instruments.ts; with metrics off (no METRICS_PORT, no METRICS_TOKEN) the server
 * uses NO_INSTRUMENTS and pays nothing.
 */
import type { Decision } from '../../bot/dialogue/types.ts';
import type { ChatErrorCode } from '../schemas/protocol.ts';

/** Where a chat comes from: the web widget now; `line` is the label LINE chats will use. */
export type ChatChannel = 'widget' | 'line';

/** The transcript write being timed (server/chat/transcript.ts). */
export type CommitOperation = 'exchange' | 'shopper' | 'reply';

/** One channel's chat events. */
export interface ChatMetrics {
  /** A new conversation was started (not resumed). */
  chatOpened(): void;
  /** A reply was sent for a shopper message, with the bot's decision. */
  messageAnswered(decision: Decision): void;
  /** An error frame was sent (every code: rate limits, bad frames, internal failures). */
  chatError(code: ChatErrorCode): void;
  /** One intent prediction took `seconds` (in this thread or a prediction thread). */
  predicted(seconds: number): void;
  /** A transcript write was durable after `seconds` (queueing and group commit included). */
  committed(operation: CommitOperation, seconds: number): void;
}

/** The mail relay's deliveries (server/mail/mail-relay.ts). */
export interface MailMetrics {
  /** The SMTP server accepted a mail: the send took `sendSeconds`, `queuedSeconds` after it was queued. */
  mailSent(sendSeconds: number, queuedSeconds: number): void;
  /** A send failed: `retry` when it will be tried again, `failed` when it never will. */
  mailFailed(outcome: 'retry' | 'failed'): void;
}

/** Calls to the shop's systems: the subscription webhook, the shop connector. */
export interface ConnectorMetrics {
  /**
   * One call of `operation` (`webhook.change-interval`, `subscriptions`, …) ended with `outcome` (`ok`
   * or the error code) after `seconds`. Both labels come from closed sets in code, never from input.
   */
  connectorCall(operation: string, outcome: string, seconds: number): void;
}

/** Messages sent to LINE users (server/channels/line/). */
export interface LineMetrics {
  /**
   * Messages went out to a LINE user by `method`: `reply` (free, with the event's reply token) or
   * `push` (counted against the shop's paid message quota: the reply token had expired).
   */
  lineMessagesSent(method: 'reply' | 'push'): void;
}

/** Everything the server reports. */
export interface Instruments extends MailMetrics, ConnectorMetrics, LineMetrics {
  /** The chat events of one channel (label values resolved once, not per message). */
  chat(channel: ChatChannel): ChatMetrics;
  /** An HTTP request ended in a 5xx answer (the global error handler). */
  httpServerError(): void;
}

const NO_CHAT_METRICS: ChatMetrics = {
  chatOpened() {},
  messageAnswered() {},
  chatError() {},
  predicted() {},
  committed() {},
};

/** Instruments that record nothing: the default when metrics are off, and in tests that do not look. */
export const NO_INSTRUMENTS: Instruments = {
  chat: () => NO_CHAT_METRICS,
  httpServerError() {},
  mailSent() {},
  mailFailed() {},
  connectorCall() {},
  lineMessagesSent() {},
};

/** Seconds since `startedMs` (a `performance.now()` reading). */
export function secondsSince(startedMs: number): number {
  return (performance.now() - startedMs) / 1000;
}
