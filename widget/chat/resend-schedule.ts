/**
 * Resending a message the server could not answer yet. The server's seq makes a resend idempotent (a
 * message is stored once), so the widget may retry; the delay grows with each try and stops after a few.
 */
import type { ChatErrorCode } from '../../server/schemas/protocol.ts';

/** Wait before the first resend; the n-th waits n times as long (ms). */
export const RESEND_DELAY_MS = 3000;
/** Resends of one message before it is left alone (it stays waiting; the shopper sees the notice). */
export const MAX_RESENDS = 5;

/**
 * The errors that say "not now" rather than "never": the model is loading, the server failed, or a rate
 * limit refused the message. Every other error on a message refuses it for good (too long, blank).
 */
const TRANSIENT_CODES: ReadonlySet<string> = new Set<ChatErrorCode>([
  'CHAT_ERR_NOT_READY',
  'CHAT_ERR_INTERNAL',
  'CHAT_ERR_RATE_LIMITED',
  'CHAT_ERR_CLIENT_RATE_LIMITED',
  'CHAT_ERR_HANDOFF_RATE_LIMITED',
]);

/** Whether a message refused with this code may be sent again later. */
export function isTransient(code: string): boolean {
  return TRANSIENT_CODES.has(code);
}

/** The pending resends, one timer per seq, and how often each seq was retried. */
export class ResendSchedule {
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  private readonly counts = new Map<number, number>();

  /**
   * Counts one more refusal of `seq` and, while it has tries left, calls `resend` after a delay that
   * grows with each try. Returns false when the message has used up its tries.
   */
  schedule(seq: number, resend: () => void): boolean {
    const count = (this.counts.get(seq) ?? 0) + 1;
    this.counts.set(seq, count);
    if (count > MAX_RESENDS) return false;
    this.timers.set(
      seq,
      setTimeout(() => {
        this.timers.delete(seq);
        resend();
      }, RESEND_DELAY_MS * count),
    );
    return true;
  }

  /** Drops the pending resend of an answered message. */
  cancel(seq: number): void {
    clearTimeout(this.timers.get(seq));
    this.timers.delete(seq);
  }

  /** Drops every pending resend (the socket is gone; the welcome after a reconnect resends the outbox). */
  cancelAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
