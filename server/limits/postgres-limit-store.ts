/**
 * GCRA times in PostgreSQL, shared by every instance on the same DATABASE_URL: the takes of one
 * event-loop turn in one upsert (one round trip), atomic under concurrency (the row lock of ON CONFLICT
 * DO UPDATE). One upsert per take made every take a round trip of its own, and behind one IP (an office,
 * a carrier's NAT, the load benchmark) the takes of every process queued for the same row's lock:
 * `npm run bench:limits` gave 13,600 takes/s with 32 in flight, 110,900 batched. The table is
 * UNLOGGED: no WAL, so a write costs no fsync; after a database crash it is empty, which only forgets
 * the last minutes of counts. The table is created by the storage's migrations (007_client_limits,
 * 015_limit_batches, 017_limit_clock), so the database must be migrated first. Expired rows are
 * deleted every SWEEP_MS.
 */
import { type Kysely, sql } from 'kysely';
import { kyselyStatementRunner, type StatementRunner } from '../storage/statement-runner.ts';
import { groupBy, sortedCounts, TurnQueue } from '../storage/turn-queue.ts';
import type { RateRule, TakeResult } from './gcra.ts';
import type { LimitStore } from './limit-store.ts';

/** How often expired rows are deleted, in milliseconds. */
const SWEEP_MS = 60_000;

/** A take waiting for its turn's statement. */
interface PendingTake {
  key: string;
  rule: RateRule;
  nowMs: number;
  resolve: (result: TakeResult) => void;
  reject: (error: unknown) => void;
}

export class PostgresLimitStore implements LimitStore {
  readonly kind = 'postgres';
  private sweeper: NodeJS.Timeout | undefined;
  private readonly queue = new TurnQueue<PendingTake>((takes) => this.flush(takes));

  private constructor(
    // biome-ignore lint/suspicious/noExplicitAny: the store uses its own table outside the typed schema.
    private readonly db: Kysely<any>,
    private readonly clock: () => number,
    /** Runs the take, prepared by name when given the storage's runner: it runs for every message. */
    private readonly run: StatementRunner,
  ) {}

  /** Starts the sweeper, on a migrated database (migrations.ts creates the table). */
  static async open(
    // biome-ignore lint/suspicious/noExplicitAny: see the constructor.
    db: Kysely<any>,
    clock: () => number = Date.now,
    run: StatementRunner = kyselyStatementRunner(() => db),
  ): Promise<PostgresLimitStore> {
    const store = new PostgresLimitStore(db, clock, run);
    store.sweeper = setInterval(() => {
      void store.sweep(store.clock()).catch(() => undefined);
    }, SWEEP_MS);
    store.sweeper.unref();
    return store;
  }

  /** Counts one event; the takes of one event-loop turn go to the database together (see the top). */
  take(key: string, rule: RateRule, nowMs: number): Promise<TakeResult> {
    return new Promise((resolve, reject) => this.queue.push({ key, rule, nowMs, resolve, reject }));
  }

  /** One statement per rule for a turn's takes; a failed statement fails its takes (callers admit). */
  private async flush(takes: PendingTake[]): Promise<void> {
    await Promise.all(
      [...groupBy(takes, (t) => `${t.rule.intervalMs}/${t.rule.toleranceMs}`).values()].map((group) =>
        this.takeGroup(group).catch((error: unknown) => {
          for (const pending of group) pending.reject(error);
        }),
      ),
    );
  }

  /**
   * gcra.ts for n events of each key at once: of a key's events, the first `granted` fit the burst and
   * the rest are refused (a refused event does not move the time, so neither does any after it). A
   * new key gets at most tolerance / interval + 1; an existing one what is left of that after its time.
   * The events of a key are counted together, so one key appears once per statement (an upsert may not
   * touch a row twice), and keys are sorted so that two statements lock shared rows in the same order.
   */
  private async takeGroup(takes: PendingTake[]): Promise<void> {
    const { rule } = takes[0]!;
    // Counted at the latest of the takes' clocks.
    const nowMs = takes.reduce((latest, t) => Math.max(latest, t.nowMs), Number.NEGATIVE_INFINITY);
    const byKey = groupBy(takes, (t) => t.key);
    const { keys, counts } = sortedCounts(byKey);
    const { intervalMs: interval, toleranceMs: tolerance } = rule;
    // A row is counted at the latest clock it has seen (`seen`, GcraState in gcra.ts): `now` below.
    const now = sql`greatest(r.seen, ${nowMs}::float8)`;
    const rows = await this.run<{ key: string; tat: number; granted: number }>(
      sql`
      INSERT INTO client_rate_limits AS r (key, tat, granted, seen)
      SELECT t.key, ${nowMs}::float8 + g.n * ${interval}::float8, g.n, ${nowMs}::float8
        FROM unnest(${keys}::text[], ${counts}::int[]) AS t(key, n),
             LATERAL (SELECT least(t.n::float8, floor(${tolerance}::float8 / ${interval}::float8) + 1)::int AS n) g
      ON CONFLICT (key) DO UPDATE SET
        tat = greatest(r.tat, ${now}) + least(excluded.granted::float8, greatest(0::float8,
          floor((${tolerance}::float8 - (greatest(r.tat, ${now}) - ${now})) / ${interval}::float8) + 1)) * ${interval}::float8,
        granted = least(excluded.granted::float8, greatest(0::float8,
          floor((${tolerance}::float8 - (greatest(r.tat, ${now}) - ${now})) / ${interval}::float8) + 1))::int,
        seen = ${now}
      RETURNING key, tat, granted`.compile(this.db),
    );
    for (const row of rows) {
      const granted = Number(row.granted);
      const first = Number(row.tat) - granted * interval;
      for (const [i, pending] of (byKey.get(row.key) ?? []).entries()) {
        // Upper estimate for a refusal: one interval (reading the row would cost another round trip).
        pending.resolve(
          i < granted
            ? { allowed: true, startMs: first + i * interval }
            : { allowed: false, retryAfterMs: interval },
        );
      }
      byKey.delete(row.key);
    }
    for (const left of byKey.values())
      for (const pending of left) pending.reject(new Error('limit row not returned'));
  }

  /** Deletes rows whose time has passed. */
  async sweep(nowMs: number): Promise<void> {
    await sql`DELETE FROM client_rate_limits WHERE tat <= ${nowMs}::float8`.execute(this.db);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }
}
