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
 * run.ts runs each mode in its own process (generator-process.ts); tests call the mode functions directly.
 * The chats are in chats.ts, the counting in recorder.ts, the option and result types in generator-types.ts.
 */
import { assertLoopback, type Chat, closeChats, errorMessage, openChat, openChats, sleep } from './chats.ts';
import type {
  ChatsSummary,
  ClosedLoopOptions,
  ConnectOptions,
  IdleResult,
  LoadResult,
  LoopOptions,
  OpenLoopOptions,
  ProbeOptions,
  ProbeSample,
} from './generator-types.ts';
import { shopperTexts } from './messages.ts';
import { Recorder } from './recorder.ts';

const DEFAULT_DRAIN_TIMEOUT_MS = 5000;
const DEFAULT_MAX_MESSAGES = 5_000_000;

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
