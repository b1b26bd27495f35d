/**
 * The per-client socket cap in PostgreSQL, for several instances: each instance keeps one row per
 * client with its open sockets and refreshes `seen_at` every HEARTBEAT_MS; rows not refreshed for
 * STALE_MS (their instance died without closing) no longer count and are deleted. A slot is one upsert
 * that counts the live rows of that client first; handshakes of one client arriving at the same moment
 * on several instances can each see the count below the cap, so the cap may be passed by that many.
 * UNLOGGED, created by the storage's migrations (007_client_limits), as client_rate_limits.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { kyselyStatementRunner, type StatementRunner } from '../storage/statement-runner.ts';
import type { ConnectionCap } from './connection-cap.ts';

/** How often an instance marks its rows alive, ms. */
const HEARTBEAT_MS = 30_000;
/** Rows older than this belong to a dead instance, ms. */
const STALE_MS = 3 * HEARTBEAT_MS;

export class PostgresConnectionCap implements ConnectionCap {
  private readonly instance = randomUUID();
  private heartbeat: NodeJS.Timeout | undefined;

  private constructor(
    // biome-ignore lint/suspicious/noExplicitAny: the cap uses its own table outside the typed schema.
    private readonly db: Kysely<any>,
    private readonly clock: () => number,
    /** Runs a socket's acquire and release, prepared by name when given the storage's runner. */
    private readonly run: StatementRunner,
  ) {}

  /** Starts the heartbeat, on a migrated database (migrations.ts creates the table). */
  static async open(
    // biome-ignore lint/suspicious/noExplicitAny: see the constructor.
    db: Kysely<any>,
    clock: () => number = Date.now,
    run: StatementRunner = kyselyStatementRunner(() => db),
  ): Promise<PostgresConnectionCap> {
    const cap = new PostgresConnectionCap(db, clock, run);
    cap.heartbeat = setInterval(() => {
      void cap.beat().catch(() => undefined);
    }, HEARTBEAT_MS);
    cap.heartbeat.unref();
    return cap;
  }

  /** Marks this instance's rows alive; deletes empty rows and those of dead instances. */
  async beat(): Promise<void> {
    const now = this.clock();
    await sql`UPDATE client_connections SET seen_at = ${now}::float8 WHERE instance = ${this.instance}`.execute(
      this.db,
    );
    await sql`DELETE FROM client_connections WHERE count <= 0 OR seen_at < ${now - STALE_MS}::float8`.execute(
      this.db,
    );
  }

  async acquire(key: string, max: number): Promise<(() => void) | undefined> {
    const now = this.clock();
    const rows = await this.run<{ count: number }>(
      sql`
      INSERT INTO client_connections AS c (instance, key, count, seen_at)
      SELECT ${this.instance}, ${key}, 1, ${now}::float8
      WHERE (SELECT coalesce(sum(count), 0) FROM client_connections
             WHERE key = ${key} AND seen_at >= ${now - STALE_MS}::float8) < ${max}
      ON CONFLICT (instance, key) DO UPDATE SET count = c.count + 1, seen_at = ${now}::float8
      RETURNING count`.compile(this.db),
    );
    if (rows.length === 0) return undefined;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      void this.run(
        sql`UPDATE client_connections SET count = count - 1
        WHERE instance = ${this.instance} AND key = ${key}`.compile(this.db),
      ).catch(() => undefined);
    };
  }

  /** Gives back every slot of this instance. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    await sql`DELETE FROM client_connections WHERE instance = ${this.instance}`
      .execute(this.db)
      .catch(() => undefined);
  }
}
