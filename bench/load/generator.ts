/**
 * The load generator: N concurrent chats over real WebSockets (`ws`) on loopback, against the chat server
 * (`protocol: 'chat'`, docs/protocol.md) or a raw echo server (`'echo'`, frames come back as sent).
 * Every mode is bounded in messages and in time and stops by itself:
 * - closed loop: each chat keeps one message in flight and sends the next when the reply arrives, so the
 *   rate is whatever the server sustains (throughput);
 * - open loop: messages leave on a fixed schedule whatever the replies do, and latency is measured from
 *   the scheduled send time, so a server that falls behind cannot hide its queue (latency at a rate);
 * - idle: open chats, say hello, hold them until released (memory per connection);
 * - probe: one new chat after another, each sending a first message without hello (first-message latency).
 * run.ts forks this file as its own process, one job per process over IPC (`runGeneratorProcess`); tests
 * call the mode functions directly.
 */
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import type { ClientFrame, ServerFrame } from '../../server/schemas/protocol.ts';
import { shopperTexts } from './messages.ts';
import { type LatencySummary, summarize } from './stats.ts';

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

const DEFAULT_CONNECT_CONCURRENCY = 200;
const DEFAULT_CONNECT_TIMEOUT_MS = 60_000;
const DEFAULT_CHATS_PER_SOURCE_ADDRESS = 2000;
const DEFAULT_DRAIN_TIMEOUT_MS = 5000;
const DEFAULT_MAX_MESSAGES = 5_000_000;
const CLOSE_TIMEOUT_MS = 5000;
/** 127.0.0.2 … 127.0.0.254: loopback only, never another network. */
const MAX_SOURCE_ADDRESSES = 253;

/** A frame as the generator reads it: a server frame (chat) or our own frame echoed back (echo). */
type Received = ServerFrame | ClientFrame;

interface Pending {
  /** When the message left (open loop: when it was scheduled to leave), performance.now() ms. */
  sentAt: number;
  /** Sent within the measured window. */
  measured: boolean;
}

/** One WebSocket chat and its outstanding messages by seq. */
class Chat {
  readonly pending = new Map<number, Pending>();
  seq = 0;
  closed = false;
  closedByUs = false;
  /** Receives every parsed frame; set by the phase in progress. */
  onFrame: ((frame: Received) => void) | undefined;
  /** Called once when the socket closes. */
  onClose: (() => void) | undefined;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      let frame: Received;
      try {
        frame = JSON.parse(String(data)) as Received;
      } catch {
        return;
      }
      this.onFrame?.(frame);
    });
    socket.on('close', () => {
      this.closed = true;
      this.onClose?.();
    });
    // Errors are followed by 'close'; without a listener ws would throw them.
    socket.on('error', () => {});
  }

  send(frame: ClientFrame): void {
    this.socket.send(JSON.stringify(frame));
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The source address of chat `index`; fails fast on a layout that would leave loopback. */
export function sourceAddress(index: number, chatsPerAddress: number): string {
  const block = Math.floor(index / chatsPerAddress);
  if (block >= MAX_SOURCE_ADDRESSES) {
    throw new Error(
      `too many chats for ${MAX_SOURCE_ADDRESSES} loopback source addresses at ${chatsPerAddress} each`,
    );
  }
  return `127.0.0.${2 + block}`;
}

function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) {
    throw new Error(`the load generator only targets 127.0.0.0/8 (loopback), not ${host}`);
  }
}

/**
 * Opens one chat. `greet`: send hello (chat) or a ping (echo) and resolve on welcome (or the echoed ping);
 * otherwise resolve once the socket is open.
 */
function openChat(
  url: string,
  protocol: Protocol,
  localAddress: string,
  timeoutMs: number,
  greet: boolean,
): Promise<Chat> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, {
      localAddress,
      perMessageDeflate: false,
      handshakeTimeout: timeoutMs,
    });
    const chat = new Chat(socket);
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      chat.onFrame = undefined;
      chat.onClose = undefined;
      if (error) {
        socket.terminate();
        reject(error);
      } else {
        resolve(chat);
      }
    };
    const timer = setTimeout(() => settle(new Error(`chat not ready within ${timeoutMs} ms`)), timeoutMs);
    chat.onClose = () => settle(new Error('socket closed while connecting'));
    socket.once('error', (error) => settle(error));
    socket.once('open', () => {
      if (!greet) {
        settle();
        return;
      }
      chat.onFrame = (frame) => {
        if (frame.type === 'welcome' || (protocol === 'echo' && frame.type === 'ping')) settle();
        else if (frame.type === 'error') settle(new Error(`server answered hello with ${frame.code}`));
      };
      chat.send(protocol === 'chat' ? { type: 'hello' } : { type: 'ping' });
    });
  });
}

/** Opens `connections` chats with bounded concurrency and an overall deadline. */
async function openChats(options: ConnectOptions): Promise<{ chats: Chat[]; summary: ChatsSummary }> {
  assertLoopback(options.url);
  const concurrency = options.connectConcurrency ?? DEFAULT_CONNECT_CONCURRENCY;
  const perAddress = options.chatsPerSourceAddress ?? DEFAULT_CHATS_PER_SOURCE_ADDRESS;
  const offset = options.firstChatIndex ?? 0;
  if (options.connections > 0) sourceAddress(offset + options.connections - 1, perAddress);
  const deadline = performance.now() + (options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
  const started = performance.now();
  const chats: Chat[] = [];
  let failed = 0;
  let firstError: string | null = null;
  let next = 0;
  const worker = async () => {
    while (next < options.connections) {
      const index = next;
      next += 1;
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        failed += 1;
        firstError ??= 'connect deadline passed';
        continue;
      }
      try {
        chats.push(
          await openChat(
            options.url,
            options.protocol,
            sourceAddress(offset + index, perAddress),
            remaining,
            true,
          ),
        );
      } catch (error) {
        failed += 1;
        firstError ??= errorMessage(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, options.connections) }, worker));
  return {
    chats,
    summary: {
      requested: options.connections,
      open: chats.length,
      failed,
      closedEarly: 0,
      sourceAddresses: Math.ceil(options.connections / perAddress),
      firstError,
      connectMs: Math.round(performance.now() - started),
    },
  };
}

/** Closes every chat (close handshake), terminating those that do not finish within CLOSE_TIMEOUT_MS. */
async function closeChats(chats: Chat[]): Promise<number> {
  const closedEarly = chats.filter((chat) => chat.closed).length;
  const waits = chats
    .filter((chat) => !chat.closed)
    .map(
      (chat) =>
        new Promise<void>((resolve) => {
          chat.closedByUs = true;
          chat.onClose = resolve;
          chat.socket.close(1000);
        }),
    );
  await Promise.race([Promise.all(waits), sleep(CLOSE_TIMEOUT_MS)]);
  for (const chat of chats) if (!chat.closed) chat.socket.terminate();
  return closedEarly;
}

/** Counts and samples of one run; `windowStart`/`windowEnd` are performance.now() ms. */
class Recorder {
  readonly total: MessageCounts = { sent: 0, replies: 0, errors: 0, unanswered: 0 };
  readonly window: MessageCounts = { sent: 0, replies: 0, errors: 0, unanswered: 0 };
  readonly latencies: number[] = [];
  readonly ackLatencies: number[] = [];
  readonly sendLags: number[] = [];
  repliesReceivedInWindow = 0;
  strayFrames = 0;
  inFlight = 0;
  /** Called whenever a message completes (reply or error). */
  onSettle: (() => void) | undefined;
  private readonly epochOffset = Date.now() - performance.now();

  private windowCpuMicros = 0;

  constructor(
    readonly windowStart: number,
    readonly windowEnd: number,
  ) {
    // The generator's own CPU over the window: user + system µs between two timers at its edges.
    let atStart: NodeJS.CpuUsage | undefined;
    setTimeout(() => {
      atStart = process.cpuUsage();
    }, windowStart - performance.now());
    setTimeout(() => {
      if (!atStart) return;
      const used = process.cpuUsage(atStart);
      this.windowCpuMicros = used.user + used.system;
    }, windowEnd - performance.now());
  }

  send(chat: Chat, text: string, at: number): void {
    chat.seq += 1;
    const measured = at >= this.windowStart && at < this.windowEnd;
    chat.pending.set(chat.seq, { sentAt: at, measured });
    this.total.sent += 1;
    if (measured) this.window.sent += 1;
    // A closed chat cannot answer: the message stays pending (unanswered) but is not waited for.
    if (chat.closed) return;
    this.inFlight += 1;
    chat.send({ type: 'message', text, seq: chat.seq });
  }

  /** A chat closed: its outstanding messages will never be answered, so stop waiting for them. */
  chatClosed(chat: Chat): void {
    this.inFlight -= chat.pending.size;
    this.onSettle?.();
  }

  /** Handles one frame; returns true when it completed an outstanding message. */
  receive(chat: Chat, frame: Received, protocol: Protocol): boolean {
    const now = performance.now();
    if (frame.type === 'ack') {
      const pending = frame.seq === null ? undefined : chat.pending.get(frame.seq);
      if (pending?.measured) this.ackLatencies.push(now - pending.sentAt);
      return false;
    }
    let seq: number | null | undefined;
    let isReply = false;
    if (frame.type === 'reply') {
      seq = frame.replyTo;
      isReply = true;
    } else if (frame.type === 'message' && protocol === 'echo') {
      seq = frame.seq;
      isReply = true;
    } else if (frame.type === 'error') {
      seq = frame.seq;
    } else {
      return false;
    }
    const pending = seq == null ? undefined : chat.pending.get(seq);
    if (!pending || seq == null) {
      this.strayFrames += 1;
      return false;
    }
    chat.pending.delete(seq);
    this.inFlight -= 1;
    if (isReply) {
      this.total.replies += 1;
      if (now >= this.windowStart && now < this.windowEnd) this.repliesReceivedInWindow += 1;
      if (pending.measured) {
        this.window.replies += 1;
        this.latencies.push(now - pending.sentAt);
      }
    } else {
      this.total.errors += 1;
      if (pending.measured) this.window.errors += 1;
    }
    this.onSettle?.();
    return true;
  }

  /** Waits until nothing is in flight or `timeoutMs` passed, then counts what is left as unanswered. */
  async drain(chats: Chat[], timeoutMs: number): Promise<void> {
    if (this.inFlight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        this.onSettle = () => {
          if (this.inFlight > 0) return;
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.onSettle = undefined;
    for (const chat of chats) {
      // Late replies (arriving while the chats close) must not count a second time as replies.
      chat.onFrame = undefined;
      for (const pending of chat.pending.values()) {
        this.total.unanswered += 1;
        if (pending.measured) this.window.unanswered += 1;
      }
    }
  }

  result(mode: LoadResult['mode'], protocol: Protocol, chats: ChatsSummary): LoadResult {
    const seconds = (this.windowEnd - this.windowStart) / 1000;
    return {
      mode,
      protocol,
      chats,
      total: this.total,
      window: {
        ...this.window,
        ms: Math.round(this.windowEnd - this.windowStart),
        repliesPerSecond: Math.round(this.repliesReceivedInWindow / seconds),
        sentPerSecond: Math.round(this.window.sent / seconds),
      },
      latencyMs: summarize(this.latencies),
      ackLatencyMs: protocol === 'chat' ? summarize(this.ackLatencies) : null,
      sendLagMs: mode === 'open' ? summarize(this.sendLags) : null,
      windowEpochMs: {
        start: Math.round(this.windowStart + this.epochOffset),
        end: Math.round(this.windowEnd + this.epochOffset),
      },
      strayFrames: this.strayFrames,
      generatorCpu:
        Math.round((this.windowCpuMicros / 1000 / (this.windowEnd - this.windowStart)) * 100) / 100,
    };
  }
}

function validateLoop(options: LoopOptions): void {
  if (!(options.connections >= 1)) throw new Error('connections must be at least 1');
  if (!(options.durationMs > 0)) throw new Error('durationMs must be positive');
  if (!(options.warmupMs >= 0)) throw new Error('warmupMs must be 0 or more');
}

/** Closed loop: every chat keeps one message in flight until the window ends, then replies are drained. */
export async function runClosedLoop(options: ClosedLoopOptions): Promise<LoadResult> {
  validateLoop(options);
  const { chats, summary } = await openChats(options);
  const nextText = shopperTexts(options.seed ?? 1);
  const maxMessages = options.maxMessages ?? DEFAULT_MAX_MESSAGES;
  const start = performance.now();
  const recorder = new Recorder(start + options.warmupMs, start + options.warmupMs + options.durationMs);
  const sendNext = (chat: Chat) => {
    const now = performance.now();
    if (now >= recorder.windowEnd || recorder.total.sent >= maxMessages || chat.closed) return;
    recorder.send(chat, nextText(), now);
  };
  for (const chat of chats) {
    chat.onFrame = (frame) => {
      if (recorder.receive(chat, frame, options.protocol)) sendNext(chat);
    };
    chat.onClose = () => recorder.chatClosed(chat);
  }
  for (const chat of chats) sendNext(chat);
  await sleep(recorder.windowEnd - performance.now());
  await recorder.drain(chats, options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS);
  summary.closedEarly = await closeChats(chats);
  return recorder.result('closed', options.protocol, summary);
}

/** Open loop: `ratePerSecond` messages on a fixed schedule, round-robin over the chats, then a drain. */
export async function runOpenLoop(options: OpenLoopOptions): Promise<LoadResult> {
  validateLoop(options);
  if (!(options.ratePerSecond > 0)) throw new Error('ratePerSecond must be positive');
  const { chats, summary } = await openChats(options);
  const nextText = shopperTexts(options.seed ?? 1);
  const total = Math.floor((options.ratePerSecond * (options.warmupMs + options.durationMs)) / 1000);
  const intervalMs = 1000 / options.ratePerSecond;
  const start = performance.now();
  const recorder = new Recorder(start + options.warmupMs, start + options.warmupMs + options.durationMs);
  for (const chat of chats) {
    chat.onFrame = (frame) => recorder.receive(chat, frame, options.protocol);
    chat.onClose = () => recorder.chatClosed(chat);
  }
  if (chats.length > 0) {
    let k = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        while (k < total && start + k * intervalMs <= now) {
          const at = start + k * intervalMs;
          const chat = chats[k % chats.length]!;
          if (at >= recorder.windowStart) recorder.sendLags.push(now - at);
          recorder.send(chat, nextText(), at);
          k += 1;
        }
        if (k >= total) resolve();
        else setTimeout(tick, Math.min(1, start + k * intervalMs - now));
      };
      tick();
    });
  }
  await recorder.drain(chats, options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS);
  summary.closedEarly = await closeChats(chats);
  return recorder.result('open', options.protocol, summary);
}

/** Opens the chats (each says hello), calls `whileHeld`, then closes them. */
export async function holdIdle(
  options: ConnectOptions,
  whileHeld: (chats: ChatsSummary) => Promise<void>,
): Promise<IdleResult> {
  const { chats, summary } = await openChats(options);
  const held = performance.now();
  await whileHeld(summary);
  const heldMs = Math.round(performance.now() - held);
  summary.closedEarly = await closeChats(chats);
  return { chats: summary, heldMs };
}

/** Fresh chats one after another, each sending one first message without hello (chat protocol). */
export async function runProbe(options: ProbeOptions): Promise<ProbeSample[]> {
  assertLoopback(options.url);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const nextText = shopperTexts(options.seed ?? 7);
  const samples: ProbeSample[] = [];
  // The generator warms its own client code first (one socket, one ping): otherwise the first sample
  // would also time this process's cold WebSocket client, not only the server.
  const warm = await openChat(options.url, 'chat', '127.0.0.2', timeoutMs, false);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    warm.onFrame = (frame) => {
      if (frame.type === 'pong') {
        clearTimeout(timer);
        resolve();
      }
    };
    warm.send({ type: 'ping' });
  });
  await closeChats([warm]);
  for (let i = 0; i < options.count; i += 1) {
    const started = performance.now();
    let chat: Chat;
    try {
      chat = await openChat(options.url, 'chat', '127.0.0.2', timeoutMs, false);
    } catch (error) {
      samples.push({ connectMs: performance.now() - started, replyMs: null, error: errorMessage(error) });
      continue;
    }
    const connectMs = performance.now() - started;
    const sentAt = performance.now();
    const outcome = await new Promise<string | null>((resolve) => {
      const timer = setTimeout(() => resolve(`no reply within ${timeoutMs} ms`), timeoutMs);
      chat.onClose = () => resolve('socket closed');
      chat.onFrame = (frame) => {
        if (frame.type === 'reply' || frame.type === 'error') {
          clearTimeout(timer);
          resolve(frame.type === 'reply' ? null : frame.code);
        }
      };
      chat.send({ type: 'message', text: nextText(), seq: 1 });
    });
    const replyMs = performance.now() - sentAt;
    await closeChats([chat]);
    samples.push({
      connectMs: Math.round(connectMs * 100) / 100,
      replyMs: outcome === null ? Math.round(replyMs * 100) / 100 : null,
      error: outcome,
    });
  }
  return samples;
}

/** One job for a forked generator process. */
export type GeneratorJob =
  | { mode: 'closed'; options: ClosedLoopOptions }
  | { mode: 'open'; options: OpenLoopOptions }
  | { mode: 'idle'; options: ConnectOptions }
  | { mode: 'probe'; options: ProbeOptions };

/** What a forked generator tells its parent. `holding`: idle chats are open, send 'release' when done. */
type GeneratorMessage =
  | { type: 'holding'; chats: ChatsSummary }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; message: string };

/**
 * Runs one job in a new generator process (node + tsx) and resolves with its result. `onHolding` is
 * called for an idle job once its chats are open; the chats are released when it resolves. The process
 * is killed after `timeoutMs`.
 */
export function runGeneratorProcess<T>(
  job: GeneratorJob,
  options: { timeoutMs: number; onHolding?: (chats: ChatsSummary) => Promise<void> },
): Promise<T> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, result?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        reject(error);
      } else {
        resolve(result as T);
      }
    };
    const timer = setTimeout(
      () => finish(new Error(`generator (${job.mode}) did not finish within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    child.on('message', (message: GeneratorMessage) => {
      if (message.type === 'holding') {
        const release = options.onHolding ? options.onHolding(message.chats) : Promise.resolve();
        release.then(
          () => child.send('release'),
          (error: unknown) => finish(error instanceof Error ? error : new Error(String(error))),
        );
      } else if (message.type === 'done') {
        finish(null, message.result);
      } else {
        finish(new Error(`generator (${job.mode}) failed: ${message.message}`));
      }
    });
    child.on('exit', (code, signal) =>
      finish(new Error(`generator (${job.mode}) exited early (code ${code}, signal ${signal})`)),
    );
    child.send(job);
  });
}

async function runJob(job: GeneratorJob): Promise<unknown> {
  switch (job.mode) {
    case 'closed':
      return runClosedLoop(job.options);
    case 'open':
      return runOpenLoop(job.options);
    case 'probe':
      return runProbe(job.options);
    case 'idle':
      return holdIdle(job.options, async (chats) => {
        const released = new Promise<void>((resolve) => process.once('message', () => resolve()));
        process.send!({ type: 'holding', chats } satisfies GeneratorMessage);
        await released;
      });
  }
}

// Forked by runGeneratorProcess: run the one job it sends, report, exit.
if (process.send && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.once('message', (job: GeneratorJob) => {
    const reply = (message: GeneratorMessage) => process.send!(message, () => process.exit(0));
    runJob(job).then(
      (result) => reply({ type: 'done', result }),
      (error: unknown) => reply({ type: 'failed', message: errorMessage(error) }),
    );
  });
}
