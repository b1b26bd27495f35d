/**
 * The worker that answers the inbox (docs/line.md): it claims the first pending event of each LINE
 * user (line-inbox-store.ts: never two of one user at once, in any process), answers up to
 * `concurrency` users in parallel, and settles each event: answered (by reply or push), skipped
 * (nothing to send), retried later with a doubling delay (no model yet, LINE or the database failing),
 * or given up after MAX_ATTEMPTS. The answer is rendered and stored with the event BEFORE it is sent,
 * so every attempt sends the same messages. It wakes when the webhook stores events and polls besides,
 * for events another process stored and for retries that came due.
 */
import type { messagingApi } from '@line/bot-sdk';
import type { InboxClaim, InboxEvent, LineInboxStore } from './line-inbox-store.ts';
import { LINE_LEASE_MS } from './line-options.ts';

/** Attempts before an event is given up (about 4 hours of doubling delays). */
export const MAX_ATTEMPTS = 12;
/** First retry delay; doubles with every failed attempt, up to RETRY_MAX_MS. */
const RETRY_BASE_MS = 1000;
const RETRY_MAX_MS = 30 * 60_000;
/** How often the inbox is polled when nothing woke the worker. */
const POLL_MS = 1000;
/** A turn slower than this shows LINE's loading indicator. */
const LOADING_AFTER_MS = 800;
/** Settled events are deleted after this long (they hold what users wrote). */
const KEEP_SETTLED_MS = 7 * 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;

/** What the worker needs. */
export interface LineWorkerDependencies {
  inbox: Pick<
    LineInboxStore,
    'claimHeads' | 'saveOutgoing' | 'markDone' | 'scheduleRetry' | 'markFailed' | 'pruneSettled'
  >;
  /** The LINE messages answering an event (line-turn.ts). */
  answer(event: InboxEvent): Promise<messagingApi.Message[]>;
  /** Sends them (line-sender.ts). */
  send(
    event: InboxEvent,
    messages: readonly messagingApi.Message[],
    retried: boolean,
  ): Promise<'reply' | 'push'>;
  /** Shows LINE's loading indicator to a user (best effort). */
  showLoading(lineUserId: string): Promise<void>;
  /** LINE users answered at once. */
  concurrency: number;
  /** The real clock: leases and retry delays (a test's frozen conversation clock must not freeze them). */
  clock(): Date;
  log: {
    info(obj: object, msg: string): void;
    warn(obj: object, msg: string): void;
    error(obj: object, msg: string): void;
  };
}

/** The retry delay after `attempts` failed attempts. */
export function retryDelayMs(attempts: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/** Answers stored LINE events, in order per user. */
export class LineWorker {
  private readonly busy = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private again = false;
  private stopped = true;
  private lastPrune = 0;

  constructor(private readonly deps: LineWorkerDependencies) {}

  /** Starts polling (and answers what is due at once). */
  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Looks at the inbox now (the webhook stored events). */
  wake(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    void this.tick();
  }

  /** Stops claiming and waits for the events being answered. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  private async tick(): Promise<void> {
    this.ticking = true;
    clearTimeout(this.timer);
    try {
      do {
        this.again = false;
        await this.claimAndStart();
      } while (this.again && !this.stopped);
      await this.pruneNow();
    } catch (error) {
      this.deps.log.error({ err: error }, 'LINE inbox poll failed');
    } finally {
      this.ticking = false;
      if (!this.stopped) {
        this.timer = setTimeout(() => this.wake(), POLL_MS);
        this.timer.unref();
      }
    }
  }

  private async claimAndStart(): Promise<void> {
    const free = this.deps.concurrency - this.busy.size;
    if (free <= 0 || this.stopped) return;
    const now = this.deps.clock();
    const claimed = await this.deps.inbox.claimHeads({
      now,
      leaseUntil: new Date(now.getTime() + LINE_LEASE_MS),
      limit: free,
      busy: this.busy,
    });
    for (const event of claimed) {
      this.busy.add(event.lineUserId);
      const running = this.process(event).finally(() => {
        this.busy.delete(event.lineUserId);
        this.inFlight.delete(running);
        // The user's next event (if any) is the head now.
        this.wake();
      });
      this.inFlight.add(running);
    }
  }

  private async process(event: InboxEvent): Promise<void> {
    const claim: InboxClaim = { webhookEventId: event.webhookEventId, attempt: event.attempts };
    try {
      let outgoing = event.outgoing as messagingApi.Message[] | null;
      // Rendered by an earlier attempt: that attempt may have sent them before it died.
      const retried = outgoing !== null;
      if (!outgoing) {
        outgoing = await this.answerShowingLoading(event);
        if (!(await this.deps.inbox.saveOutgoing(claim, outgoing))) return;
      }
      if (outgoing.length === 0) {
        await this.deps.inbox.markDone(claim, { state: 'skipped', sentBy: null, at: this.deps.clock() });
        return;
      }
      const sentBy = await this.deps.send(event, outgoing, retried);
      await this.deps.inbox.markDone(claim, { state: 'answered', sentBy, at: this.deps.clock() });
    } catch (error) {
      await this.settleFailure(event, claim, error);
    }
  }

  /** The answer; LINE shows its loading indicator when it takes longer than LOADING_AFTER_MS. */
  private async answerShowingLoading(event: InboxEvent): Promise<messagingApi.Message[]> {
    const loading = setTimeout(() => {
      this.deps.showLoading(event.lineUserId).catch((error: unknown) => {
        this.deps.log.warn({ err: error }, 'LINE loading indicator failed');
      });
    }, LOADING_AFTER_MS);
    try {
      return await this.deps.answer(event);
    } finally {
      clearTimeout(loading);
    }
  }

  private async settleFailure(event: InboxEvent, claim: InboxClaim, error: unknown): Promise<void> {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const context = { webhookEventId: event.webhookEventId, attempt: event.attempts, err: error };
    try {
      if (event.attempts >= MAX_ATTEMPTS) {
        this.deps.log.error(context, 'LINE event given up');
        await this.deps.inbox.markFailed(claim, reason, this.deps.clock());
        return;
      }
      this.deps.log.warn(context, 'LINE event failed; retrying later');
      const nextAttemptAt = new Date(this.deps.clock().getTime() + retryDelayMs(event.attempts));
      await this.deps.inbox.scheduleRetry(claim, { nextAttemptAt, error: reason });
    } catch (settleError) {
      // The lease runs out and the event is claimed again.
      this.deps.log.error({ err: settleError }, 'LINE event could not be settled');
    }
  }

  private async pruneNow(): Promise<void> {
    const now = this.deps.clock().getTime();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    const pruned = await this.deps.inbox.pruneSettled(new Date(now - KEEP_SETTLED_MS));
    if (pruned > 0) this.deps.log.info({ pruned }, 'LINE inbox: settled events pruned');
  }
}
