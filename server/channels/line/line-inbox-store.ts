/**
 * The durable inbox of LINE webhook events (012_line_channel). The webhook stores a request's events in
 * ONE transaction before it answers 200; a redelivered event (same `webhookEventId`) stores nothing. Each
 * event gets the next sequence number of its LINE user, so the worker answers a user's events in the
 * order they were stored. The worker claims only the head of each user's pending events, with a lease
 * (`attempts` is the claim token, as the mail outbox's), so however many processes poll, one user's
 * events are answered one at a time and in order. Every write goes through a group commit
 * (inbox-group-commit.ts): one transaction per event-loop turn for all of them.
 */
import { type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import { fromJson, toDate, toNullableDate } from '../../storage/column-values.ts';
import type { Database, LineInboxTable } from '../../storage/database-schema.ts';
import type { StorageDialect } from '../../storage/storage-dialect.ts';
import { InboxGroupCommit } from './inbox-group-commit.ts';

/** One webhook event as the webhook stores it. */
export interface NewInboxEvent {
  webhookEventId: string;
  lineUserId: string;
  type: string;
  /** The event as LINE sent it (JSON). */
  event: Record<string, unknown>;
  replyToken: string | null;
  /** LINE's time of the event (its `timestamp`). */
  eventAt: Date;
}

/** A stored event, as the worker reads it. */
export interface InboxEvent extends NewInboxEvent {
  userSeq: number;
  receivedAt: Date;
  state: 'pending' | 'answered' | 'skipped' | 'failed';
  /** Delivery attempts started; also the claim token of the current one. */
  attempts: number;
  /** The LINE messages rendered for it, once rendered (a retry sends these again). */
  outgoing: unknown[] | null;
  sentBy: 'reply' | 'push' | null;
  answeredAt: Date | null;
  lastError: string | null;
}

/** One claimed attempt: only the claimer of this attempt may settle it. */
export interface InboxClaim {
  webhookEventId: string;
  attempt: number;
}

/** What storing a webhook request's events did. */
export interface StoreResult {
  stored: number;
  /** Events stored before (redeliveries): nothing written for them. */
  duplicates: number;
}

type InboxRow = Selectable<LineInboxTable>;
/** The columns an attempt's settlement may change. */
type InboxUpdate = Updateable<LineInboxTable>;

/** Pending events the worker's claim looks at, at least: the first of each user among them are heads. */
const CLAIM_WINDOW = 256;

/** The inbox over the app's database. */
export class LineInboxStore {
  private readonly writes: InboxGroupCommit;

  constructor(
    private readonly db: () => Kysely<Database>,
    private readonly dialect: StorageDialect,
  ) {
    this.writes = new InboxGroupCommit(db, dialect);
  }

  /**
   * Stores `events` (in the order given) in one transaction, each with its user's next sequence number;
   * events whose id is already stored are skipped. Durable when it resolves.
   */
  storeEvents(events: readonly NewInboxEvent[], receivedAt: Date): Promise<StoreResult> {
    if (events.length === 0) return Promise.resolve({ stored: 0, duplicates: 0 });
    const at = receivedAt.toISOString();
    return this.writes.run(async (trx) => {
      const ids = events.map((e) => e.webhookEventId);
      const known = new Set(
        (
          await trx
            .selectFrom('line_inbox')
            .select('webhook_event_id')
            .where('webhook_event_id', 'in', ids)
            .execute()
        ).map((r) => r.webhook_event_id),
      );
      let stored = 0;
      for (const event of events) {
        // A request may carry the same event twice only if LINE misbehaves; the set keeps it once.
        if (known.has(event.webhookEventId)) continue;
        known.add(event.webhookEventId);
        const userSeq = await nextUserSeq(trx, event.lineUserId, at);
        await trx
          .insertInto('line_inbox')
          .values({
            webhook_event_id: event.webhookEventId,
            line_user_id: event.lineUserId,
            user_seq: userSeq,
            event_type: event.type,
            event: JSON.stringify(event.event),
            reply_token: event.replyToken,
            event_at: event.eventAt.toISOString(),
            received_at: at,
            next_attempt_at: at,
          })
          // A concurrent delivery of the same event (another process) won the race: nothing twice.
          .onConflict((oc) => oc.column('webhook_event_id').doNothing())
          .execute();
        stored += 1;
      }
      return { stored, duplicates: events.length - stored };
    });
  }

  /**
   * Claims up to `limit` events due at `now`: for each LINE user not in `busy`, only the first of their
   * pending events, and only when no other claim on it is alive. A claimed event gets `attempts + 1`
   * and a lease until `leaseUntil`; a claimer that dies leaves it to be claimed again after the lease.
   * It reads the oldest pending events in stored order (an index range, not the whole inbox): a user's
   * first among them is their head; a head not due or leased holds back the rest of that user's.
   */
  claimHeads(options: {
    now: Date;
    leaseUntil: Date;
    limit: number;
    busy: ReadonlySet<string>;
  }): Promise<InboxEvent[]> {
    const now = options.now.getTime();
    const leaseUntil = options.leaseUntil.toISOString();
    const window = Math.max(CLAIM_WINDOW, options.limit * 16 + options.busy.size);
    return this.writes.run(async (trx) => {
      const rows = await trx
        .selectFrom('line_inbox')
        .selectAll()
        .where('state', '=', 'pending')
        .orderBy('received_at')
        .orderBy('user_seq')
        .limit(window)
        .execute();
      const seen = new Set<string>();
      const claimed: InboxEvent[] = [];
      for (const row of rows) {
        if (claimed.length >= options.limit) break;
        if (seen.has(row.line_user_id)) continue;
        seen.add(row.line_user_id);
        if (options.busy.has(row.line_user_id)) continue;
        if (toDate(row.next_attempt_at).getTime() > now) continue;
        if (row.lease_expires_at !== null && toDate(row.lease_expires_at).getTime() > now) continue;
        const attempts = Number(row.attempts);
        const result = await trx
          .updateTable('line_inbox')
          .set({ attempts: attempts + 1, lease_expires_at: leaseUntil })
          .where('webhook_event_id', '=', row.webhook_event_id)
          .where('state', '=', 'pending')
          .where('attempts', '=', attempts)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 1) {
          claimed.push(this.eventOf({ ...row, attempts: attempts + 1 }));
        }
      }
      return claimed;
    });
  }

  /** Keeps the LINE messages rendered for a claimed event, so every later attempt sends the same. */
  async saveOutgoing(claim: InboxClaim, outgoing: readonly unknown[]): Promise<boolean> {
    return this.settleWith(claim, { outgoing: JSON.stringify(outgoing) }, 'pending');
  }

  /** Settles a claimed event as answered (`sentBy`), or skipped when nothing was to be sent. */
  async markDone(
    claim: InboxClaim,
    done: { state: 'answered' | 'skipped'; sentBy: 'reply' | 'push' | null; at: Date },
  ): Promise<boolean> {
    return this.settleWith(
      claim,
      {
        state: done.state,
        sent_by: done.sentBy,
        answered_at: done.at.toISOString(),
        lease_expires_at: null,
      },
      'pending',
    );
  }

  /** Settles a claimed attempt as failed for now: pending again, due at `nextAttemptAt`. */
  async scheduleRetry(claim: InboxClaim, retry: { nextAttemptAt: Date; error: string }): Promise<boolean> {
    return this.settleWith(
      claim,
      {
        next_attempt_at: retry.nextAttemptAt.toISOString(),
        lease_expires_at: null,
        last_error: retry.error.slice(0, 500),
      },
      'pending',
    );
  }

  /** Settles a claimed event as given up: the user's next events go on. */
  async markFailed(claim: InboxClaim, error: string, at: Date): Promise<boolean> {
    return this.settleWith(
      claim,
      {
        state: 'failed',
        lease_expires_at: null,
        last_error: error.slice(0, 500),
        answered_at: at.toISOString(),
      },
      'pending',
    );
  }

  /** The stored events, oldest first (tests, the benchmark, the console later). */
  async list(options: { lineUserId?: string; limit?: number } = {}): Promise<InboxEvent[]> {
    let query = this.rowsQuery();
    if (options.lineUserId !== undefined) query = query.where('i.line_user_id', '=', options.lineUserId);
    const rows = await query
      .orderBy('i.received_at')
      .orderBy('i.user_seq')
      .limit(options.limit ?? 1000)
      .execute();
    return rows.map((row) => this.eventOf(row));
  }

  /** How many events were answered by each method: pushes cost the shop money. */
  async countSent(): Promise<{ reply: number; push: number }> {
    const rows = await this.db()
      .selectFrom('line_inbox')
      .select(['sent_by', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('sent_by', 'is not', null)
      .groupBy('sent_by')
      .execute();
    const count = (method: string) => Number(rows.find((r) => r.sent_by === method)?.n ?? 0);
    return { reply: count('reply'), push: count('push') };
  }

  /** Deletes settled events received before `before` (they hold what users wrote); returns how many. */
  async pruneSettled(before: Date): Promise<number> {
    const result = await this.db()
      .deleteFrom('line_inbox')
      .where('state', '!=', 'pending')
      .where('received_at', '<', before.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private settleWith(claim: InboxClaim, values: InboxUpdate, fromState: 'pending'): Promise<boolean> {
    return this.writes.run(async (trx) => {
      const result = await trx
        .updateTable('line_inbox')
        .set(values)
        .where('webhook_event_id', '=', claim.webhookEventId)
        .where('attempts', '=', claim.attempt)
        .where('state', '=', fromState)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    });
  }

  private rowsQuery() {
    return this.db().selectFrom('line_inbox as i').selectAll('i');
  }

  private eventOf(row: InboxRow): InboxEvent {
    return {
      webhookEventId: row.webhook_event_id,
      lineUserId: row.line_user_id,
      userSeq: Number(row.user_seq),
      type: row.event_type,
      event: fromJson<Record<string, unknown>>(this.dialect, row.event),
      replyToken: row.reply_token,
      eventAt: toDate(row.event_at),
      receivedAt: toDate(row.received_at),
      state: row.state,
      attempts: Number(row.attempts),
      outgoing: row.outgoing === null ? null : fromJson<unknown[]>(this.dialect, row.outgoing),
      sentBy: row.sent_by,
      answeredAt: toNullableDate(row.answered_at),
      lastError: row.last_error,
    };
  }
}

/**
 * The next sequence number of `lineUserId`'s events, creating their row on their first event. The
 * update takes the row's write lock (PostgreSQL) inside the caller's transaction, so two processes
 * storing events of one user never hand out the same number.
 */
async function nextUserSeq(trx: Kysely<Database>, lineUserId: string, at: string): Promise<number> {
  await trx
    .insertInto('line_users')
    .values({ line_user_id: lineUserId, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('line_user_id').doNothing())
    .execute();
  const row = await trx
    .updateTable('line_users')
    .set({ last_seq: sql`last_seq + 1` })
    .where('line_user_id', '=', lineUserId)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return Number(row.last_seq);
}
