/**
 * The options and results of the load generator's modes (generator.ts), shared by the generator, its
 * forked process, run.ts and the report. Every duration is in ms.
 */
import type { LatencySummary } from './stats.ts';
/** `chat`: the shop-bot protocol (hello → welcome; message → ack, reply). `echo`: a raw echo server. */
export type Protocol = 'chat' | 'echo';

/** How to open the chats. */
export interface ConnectOptions {
  /** WebSocket URL on loopback, e.g. `ws://127.0.0.1:3000/chat`. */
  url: string;
  protocol: Protocol;
  /** Number of chats, one WebSocket each. */
  connections: number;
  /** Handshakes in flight at once; default 200 (far more overflows the server's accept backlog of 511). */
  connectConcurrency?: number;
  /** Time allowed to open all chats, in ms; default 60000. Chats not open by then count as failed. */
  connectTimeoutMs?: number;
  /**
   * Chats per loopback source address; default 2000. Chats use 127.0.0.2, 127.0.0.3, … in blocks of this
   * size, so 10,000 chats never run short of ephemeral ports (about 28,000 per source address).
   */
  chatsPerSourceAddress?: number;
  /**
   * Chat numbering starts here (default 0), so a second generator holding more chats on the same server
   * uses the next source addresses instead of sharing the first ones' ports.
   */
  firstChatIndex?: number;
}

/** A measured run: warm-up first (not counted), then the measured window. */
export interface LoopOptions extends ConnectOptions {
  /** Sending before the window, in ms; those messages are not counted in the window. */
  warmupMs: number;
  /** The measured window, in ms. */
  durationMs: number;
  /** After the last send, how long to wait for outstanding replies, in ms; default 5000. */
  drainTimeoutMs?: number;
  /** Seed of the shopper texts; default 1. */
  seed?: number;
}

/** Closed loop: one message in flight per chat. */
export interface ClosedLoopOptions extends LoopOptions {
  /** Stop sending after this many messages in the whole run; default 5,000,000. */
  maxMessages?: number;
}

/** Open loop: a fixed send schedule spread round-robin over the chats. */
export interface OpenLoopOptions extends LoopOptions {
  /** Messages per second over all chats. */
  ratePerSecond: number;
}

/** Sequential first messages on fresh chats. */
export interface ProbeOptions {
  /** WebSocket URL on loopback. */
  url: string;
  /** Number of chats, one after another. */
  count: number;
  /** Time allowed for one chat (connect and reply), in ms; default 10000. */
  timeoutMs?: number;
  /** Seed of the shopper texts; default 7. */
  seed?: number;
}

/** How opening the chats went. */
export interface ChatsSummary {
  requested: number;
  open: number;
  failed: number;
  /** Chats the server closed before the generator did. */
  closedEarly: number;
  /** Loopback source addresses used. */
  sourceAddresses: number;
  /** The first connect failure, if any. */
  firstError: string | null;
  /** Time to open all chats (and get their welcome), in ms. */
  connectMs: number;
}

/** Message counts; every sent message ends as exactly one of reply, error or unanswered. */
export interface MessageCounts {
  sent: number;
  replies: number;
  /** `error` frames answering a message. */
  errors: number;
  /** No reply or error before the drain timeout (or the chat closed). */
  unanswered: number;
}

/** Result of a closed- or open-loop run. */
export interface LoadResult {
  mode: 'closed' | 'open';
  protocol: Protocol;
  chats: ChatsSummary;
  /** The whole run, warm-up included. */
  total: MessageCounts;
  /** Messages sent within the measured window. */
  window: MessageCounts & {
    ms: number;
    /** Replies received within the window, per second (throughput). */
    repliesPerSecond: number;
    /** Messages sent within the window, per second. */
    sentPerSecond: number;
  };
  /** Send → reply (echo: the echoed frame) of the window's messages; open loop: from the scheduled send. */
  latencyMs: LatencySummary;
  /** Send → ack (the message is stored), chat protocol only. */
  ackLatencyMs: LatencySummary | null;
  /** Open loop: how late messages left compared with the schedule. */
  sendLagMs: LatencySummary | null;
  /** The measured window in wall-clock time (Date.now() ms), to line up with samples of the server. */
  windowEpochMs: { start: number; end: number };
  /** Frames that answered no outstanding message (should be 0). */
  strayFrames: number;
  /** CPU the generator used during the measured window, as a fraction of one core. */
  generatorCpu: number;
}

/** Result of an idle hold. */
export interface IdleResult {
  chats: ChatsSummary;
  /** How long the chats were held, in ms. */
  heldMs: number;
}

/** One chat of a probe. */
export interface ProbeSample {
  /** WebSocket handshake, in ms. */
  connectMs: number;
  /** First message → its reply (welcome and ack come first), in ms; null on failure. */
  replyMs: number | null;
  error: string | null;
}
