/**
 * GCRA times in PostgreSQL, shared by every instance on the same DATABASE_URL: one upsert per event,
 * one round trip, atomic under concurrency (the row lock of ON CONFLICT DO UPDATE). The table is
 * UNLOGGED: no WAL, so a write costs no fsync; after a database crash it is empty, which only forgets
 * the last minutes of counts. The table is created by the storage's migrations (007_client_limits), so
 * the database must be migrated first. Expired rows are deleted every SWEEP_MS.
 */
import { type Kysely, sql } from 'kysely';
import { kyselyStatementRunner, type StatementRunner } from '../storage/statement-runner.ts';
import type { RateRule, TakeResult } from './gcra.ts';
import type { LimitStore } from './limit-store.ts';

/** How often expired rows are deleted, in milliseconds. */
const SWEEP_MS = 60_000;

export class PostgresLimitStore implements LimitStore {
  readonly kind = 'postgres';
  private sweeper: NodeJS.Timeout | undefined;

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

  async take(key: string, rule: RateRule, nowMs: number): Promise<TakeResult> {
    const { intervalMs: interval, toleranceMs: tolerance } = rule;
    // gcra.ts in one statement: a refused event matches the WHERE of DO UPDATE, changes nothing and
    // returns no row.
    const rows = await this.run<{ start: number }>(
      sql`
      INSERT INTO client_rate_limits AS r (key, tat) VALUES (${key}, ${nowMs}::float8 + ${interval}::float8)
      ON CONFLICT (key) DO UPDATE SET tat = greatest(r.tat, ${nowMs}::float8) + ${interval}::float8
        WHERE greatest(r.tat, ${nowMs}::float8) - ${nowMs}::float8 <= ${tolerance}::float8
      RETURNING tat - ${interval}::float8 AS start`.compile(this.db),
    );
    const row = rows[0];
    if (row) return { allowed: true, startMs: Number(row.start) };
    // Upper estimate: one interval (reading the row would cost a second round trip per refused event).
    return { allowed: false, retryAfterMs: interval };
  }

  /** Deletes rows whose time has passed. */
  async sweep(nowMs: number): Promise<void> {
    await sql`DELETE FROM client_rate_limits WHERE tat <= ${nowMs}::float8`.execute(this.db);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }
}
