/**
 * Drains the outbox: claims one due mail at a time with a lease, sends it, and settles the claim — sent,
 * retry later with exponential backoff, or failed once MAIL_FAIL_AFTER_HOURS have passed since the
 * first attempt. Everything lives in the database, so a restart loses nothing: pending rows are due as
 * before, and a row a dead process left in `sending` is claimed again when its lease ends.
 *
 * One escalation is sent once under normal operation: a row is claimed by one relay at a time (in any
 * number of processes), and only after the SMTP server accepted it is it marked sent. The one window is
 * a crash between the server's acceptance and that mark; the stable Message-ID makes such a repeat
 * recognisable to the mailbox.
 *
 * While the server refuses mail, a run stops at the first failure instead of trying every due mail:
 * each poll probes with one mail, and the first success drains the rest.
 */
import { type MailMetrics, secondsSince } from '../metrics/instruments.ts';
import type { OutboxMail, Storage } from '../storage/repository.ts';
import { type MailSender, UnsafeMailError } from './smtp-sender.ts';

/** Longest error text kept per row. */
const MAX_ERROR_LENGTH = 1000;

/** Timing of the relay, all in milliseconds. */
export interface MailRelayTiming {
  /** First retry delay; doubles per failed attempt. */
  retryBaseMs: number;
  /** Longest retry delay. */
  retryMaxMs: number;
  /** Time after the first attempt after which a failing mail is marked failed. */
  failAfterMs: number;
  /** How long a claim lasts; must exceed the longest send. */
  leaseMs: number;
  /** Pause between runs when not woken. */
  pollMs: number;
}

/** What the relay needs. */
export interface MailRelayOptions extends MailRelayTiming {
  storage: Storage;
  sender: MailSender;
  log: {
    info(obj: object, msg: string): void;
    warn(obj: object, msg: string): void;
    error(obj: object, msg: string): void;
  };
  /** The clock (tests pass a controlled one). */
  now?: () => Date;
  /** Send times, queue delays and failures (server/metrics/). Absent: not recorded. */
  metrics?: MailMetrics;
}

/** What one run did. */
export interface RelayRunResult {
  sent: number;
  retried: number;
  failed: number;
}

/** The running relay. */
export interface MailRelay {
  /** Starts polling (and runs at once). */
  start(): void;
  /** Runs as soon as possible (a handoff was just queued). */
  wake(): void;
  /** Stops polling and waits for the mail being sent, if any; the next claim is not made. */
  stop(): Promise<void>;
  /** One run: sends due mail until none is due or a send fails. Exposed for tests. */
  runOnce(): Promise<RelayRunResult>;
}

/** Delay before attempt `attempt + 1` after `attempt` failed attempts: base · 2^(attempt−1), capped. */
export function retryDelayMs(
  attempt: number,
  timing: Pick<MailRelayTiming, 'retryBaseMs' | 'retryMaxMs'>,
): number {
  const exponent = Math.max(0, attempt - 1);
  // 2^exponent overflows to Infinity long after it passed any sane cap; min() handles that.
  return Math.min(timing.retryMaxMs, timing.retryBaseMs * 2 ** exponent);
}

/** SMTP code and message of a nodemailer error, for the row and the log. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, MAX_ERROR_LENGTH);
  const e = error as Error & { code?: unknown; responseCode?: unknown; response?: unknown };
  const parts = [
    typeof e.code === 'string' ? e.code : undefined,
    typeof e.responseCode === 'number' ? String(e.responseCode) : undefined,
    typeof e.response === 'string' ? e.response : e.message,
  ].filter((p): p is string => p !== undefined);
  return parts.join(' ').slice(0, MAX_ERROR_LENGTH);
}

/** Creates the relay; call `start()` to run it. */
export function createMailRelay(options: MailRelayOptions): MailRelay {
  const { storage, sender, log } = options;
  const clock = options.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let started = false;
  let stopping = false;
  let wokenWhileRunning = false;

  async function settleFailure(mail: OutboxMail, error: unknown, result: RelayRunResult): Promise<void> {
    const claim = { id: mail.id, attempt: mail.attempts };
    const now = clock();
    const reason = describeError(error);
    const firstAttempt = mail.firstAttemptAt ?? now;
    const context = {
      mailId: mail.id,
      escalationId: mail.escalationId,
      attempt: mail.attempts,
      error: reason,
    };
    if (error instanceof UnsafeMailError || now.getTime() - firstAttempt.getTime() >= options.failAfterMs) {
      await storage.markMailFailed(claim, reason);
      options.metrics?.mailFailed('failed');
      result.failed++;
      log.error(context, 'handoff mail failed for good; it stays in the outbox as failed');
      return;
    }
    const nextAttemptAt = new Date(now.getTime() + retryDelayMs(mail.attempts, options));
    await storage.scheduleMailRetry(claim, { nextAttemptAt, error: reason });
    options.metrics?.mailFailed('retry');
    result.retried++;
    log.warn({ ...context, nextAttemptAt: nextAttemptAt.toISOString() }, 'handoff mail not sent; will retry');
  }

  async function runOnce(): Promise<RelayRunResult> {
    const result: RelayRunResult = { sent: 0, retried: 0, failed: 0 };
    while (!stopping) {
      const now = clock();
      const [mail] = await storage.claimDueMail({
        now,
        leaseUntil: new Date(now.getTime() + options.leaseMs),
        limit: 1,
      });
      if (!mail) break;
      const started = performance.now();
      try {
        await sender.send(mail);
      } catch (error) {
        await settleFailure(mail, error, result);
        // The server is probably down or refusing: the next poll probes again with one mail.
        if (!(error instanceof UnsafeMailError)) break;
        continue;
      }
      const sentAt = clock();
      options.metrics?.mailSent(
        secondsSince(started),
        Math.max(0, (sentAt.getTime() - mail.createdAt.getTime()) / 1000),
      );
      const settled = await storage.markMailSent({ id: mail.id, attempt: mail.attempts }, sentAt);
      result.sent++;
      const context = { mailId: mail.id, escalationId: mail.escalationId, attempt: mail.attempts };
      if (settled) log.info(context, 'handoff mail sent');
      // Only when this send outlived its lease and another relay re-claimed the row.
      else log.warn(context, 'handoff mail sent, but its claim had expired; it may be sent again');
    }
    return result;
  }

  function schedule(delayMs: number): void {
    if (stopping) return;
    timer = setTimeout(tick, delayMs);
    // Shutdown goes through stop(); a pending poll alone must not keep the process alive.
    timer.unref();
  }

  function tick(): void {
    timer = undefined;
    wokenWhileRunning = false;
    running = runOnce()
      .catch((error: unknown) =>
        log.error({ err: error }, 'mail relay run failed; retrying at the next poll'),
      )
      .finally(() => {
        running = undefined;
        schedule(wokenWhileRunning ? 0 : options.pollMs);
      });
  }

  return {
    start() {
      if (started) return;
      started = true;
      schedule(0);
    },
    wake() {
      if (!started || stopping) return;
      if (running) {
        wokenWhileRunning = true;
        return;
      }
      clearTimeout(timer);
      schedule(0);
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
    runOnce,
  };
}
