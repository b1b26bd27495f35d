/**
 * The per-client socket cap in PostgreSQL, for several instances: each instance keeps one row per
 * client with its open sockets and refreshes `seen_at` every HEARTBEAT_MS; rows not refreshed for
 * STALE_MS (their instance died without closing) no longer count and are deleted. The slots asked for in
 * one event-loop turn are one upsert that counts the live rows of each client first, the sockets closed
 * in one turn one update: one socket per statement left every handshake behind one IP (an office, a
 * carrier's NAT, the load benchmark) queueing for that IP's row, holding pooled connections the chat's
 * messages then waited for. Handshakes of one client arriving at the same moment on several instances
 * can each see the count below the cap, so the cap may be passed by that many.
 * UNLOGGED, created by the storage's migrations (007_client_limits), as client_rate_limits; its primary
 * key starts with the client's key (016_connection_cap_by_key), which the count of a client's sockets
 * looks up.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { kyselyStatementRunner, type StatementRunner } from '../storage/statement-runner.ts';
import { groupBy, sortedCounts, TurnQueue } from '../storage/turn-queue.ts';
import type { ConnectionCap } from './connection-cap.ts';

/** How often an instance marks its rows alive, ms. */
const HEARTBEAT_MS = 30_000;
/** Rows older than this belong to a dead instance, ms. */
const STALE_MS = 3 * HEARTBEAT_MS;

/** An acquire waiting for its turn's statement. */
interface PendingAcquire {
  key: string;
  max: number;
  resolve: (release: (() => void) | undefined) => void;
  reject: (error: unknown) => void;
}

export class PostgresConnectionCap implements ConnectionCap {
  private readonly instance = randomUUID();
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly acquires = new TurnQueue<PendingAcquire>((p) => this.acquireBatch(p));
  private readonly releases = new TurnQueue<string>((keys) => this.releaseBatch(keys));

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

  /** Takes a slot; the acquires of one event-loop turn go to the database together (see the top). */
  acquire(key: string, max: number): Promise<(() => void) | undefined> {
    return new Promise((resolve, reject) => this.acquires.push({ key, max, resolve, reject }));
  }

  /**
   * A turn's acquires, one statement per cap: per key, as many as fit under the cap given every live
   * instance's count, added to this instance's row at once; keys sorted so statements lock in one order.
   */
  private async acquireBatch(pending: PendingAcquire[]): Promise<void> {
    await Promise.all(
      [...groupBy(pending, (p) => p.max)].map(async ([max, group]) => {
        try {
          const byKey = groupBy(group, (p) => p.key);
          const { keys, counts } = sortedCounts(byKey);
          const now = this.clock();
          const rows = await this.run<{ key: string; granted: number }>(
            sql`
            WITH wanted AS (
              SELECT * FROM unnest(${keys}::text[], ${counts}::int[]) AS t(key, n)
            ),
            granted AS (
              SELECT w.key, least(w.n, greatest(0, ${max}::int - coalesce((
                SELECT sum(c.count) FROM client_connections c
                 WHERE c.key = w.key AND c.seen_at >= ${now - STALE_MS}::float8), 0)))::int AS granted
                FROM wanted w
            ),
            taken AS (
              INSERT INTO client_connections AS c (instance, key, count, seen_at)
              SELECT ${this.instance}, key, granted, ${now}::float8 FROM granted WHERE granted > 0
              ORDER BY key
              ON CONFLICT (instance, key) DO UPDATE SET count = c.count + excluded.count, seen_at = excluded.seen_at
            )
            SELECT key, granted FROM granted`.compile(this.db),
          );
          for (const { key, granted } of rows) {
            for (const [i, p] of (byKey.get(key) ?? []).entries())
              p.resolve(i < Number(granted) ? this.releaseOnce(key) : undefined);
          }
        } catch (error) {
          for (const p of group) p.reject(error);
        }
      }),
    );
  }

  /** The release of one slot of `key`: the first call gives it back, later calls do nothing. */
  private releaseOnce(key: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.releases.push(key);
    };
  }

  /** A turn's releases in one statement, per key the number of its sockets that closed. */
  private async releaseBatch(keys: string[]): Promise<void> {
    const { keys: sorted, counts } = sortedCounts(groupBy(keys, (key) => key));
    await this.run(
      sql`
      UPDATE client_connections AS c SET count = c.count - d.n
        FROM unnest(${sorted}::text[], ${counts}::int[]) AS d(key, n)
       WHERE c.instance = ${this.instance} AND c.key = d.key`.compile(this.db),
    ).catch(() => undefined);
  }

  /** Gives back every slot of this instance. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    await sql`DELETE FROM client_connections WHERE instance = ${this.instance}`
      .execute(this.db)
      .catch(() => undefined);
  }
}
