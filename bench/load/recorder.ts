/**
 * Counts and samples of one closed- or open-loop run: every sent message ends as exactly one of reply,
 * error or unanswered, in the whole run and in the measured window, with the latencies of the window's
 * messages and the generator's own CPU over the window.
 */
import type { Chat, Received } from './chats.ts';
import type { ChatsSummary, LoadResult, MessageCounts, Protocol } from './generator-types.ts';
import { summarize } from './stats.ts';

/** Counts and samples of one run; `windowStart`/`windowEnd` are performance.now() ms. */
export class Recorder {
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
