/**
 * The socket cap in PostgreSQL: the slots asked for in one turn are one statement and never more than
 * the cap over every instance, the sockets closed in one turn one statement, and a release frees its
 * slot once.
 */
import { randomBytes } from 'node:crypto';
import { type CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PostgresConnectionCap } from '../../../server/limits/postgres-connection-cap.ts';
import { migrateToLatest } from '../../../server/storage/migrations.ts';
import { preparedStatementRunner } from '../../../server/storage/statement-runner.ts';
import { pgAdmin, TEST_PG_URL } from '../../helpers/storage-backends.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const schema = `t_${randomBytes(6).toString('hex')}`;
const pools: pg.Pool[] = [];
const caps: PostgresConnectionCap[] = [];

/** An instance's cap on the test's schema, with the statements it sends (their text, and whole). */
async function instance(): Promise<{
  cap: PostgresConnectionCap;
  statements: string[];
  queries: CompiledQuery[];
}> {
  const pool = new pg.Pool({ connectionString: TEST_PG_URL, options: `-c search_path=${schema}`, max: 4 });
  pools.push(pool);
  const run = preparedStatementRunner(pool);
  const statements: string[] = [];
  const queries: CompiledQuery[] = [];
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  const cap = await PostgresConnectionCap.open(db, Date.now, (query: CompiledQuery) => {
    statements.push(query.sql);
    queries.push(query);
    return run(query);
  });
  caps.push(cap);
  return { cap, statements, queries };
}

/** The slots the instances hold for `key`. */
async function slotsHeld(key: string): Promise<number> {
  const { rows } = await pools[0]!.query<{ held: number }>(
    'select coalesce(sum(count), 0)::int as held from client_connections where key = $1',
    [key],
  );
  return rows[0]!.held;
}

beforeAll(async () => {
  await pgAdmin(`CREATE SCHEMA ${schema}`);
  const pool = new pg.Pool({ connectionString: TEST_PG_URL, options: `-c search_path=${schema}`, max: 1 });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(db, 'postgres');
  await db.destroy();
});
afterAll(async () => {
  for (const cap of caps) await cap.close();
  for (const pool of pools) await pool.end();
  await pgAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
});

describe('PostgresConnectionCap', () => {
  test('gives the handshakes of one turn at most the cap, in one statement, counting the other instance', async () => {
    const [a, b] = [await instance(), await instance()];
    const key = `ip-${randomBytes(4).toString('hex')}`;
    const held = await Promise.all([a.cap.acquire(key, 6), a.cap.acquire(key, 6)]);
    expect(held.every((release) => typeof release === 'function')).toBe(true);
    const other = await Promise.all([
      ...Array.from({ length: 6 }, () => b.cap.acquire(key, 6)),
      b.cap.acquire('elsewhere', 6),
    ]);
    expect(b.statements).toHaveLength(1);
    expect(other.slice(0, 6).filter((release) => release !== undefined)).toHaveLength(4);
    expect(other[6]).toBeTypeOf('function');
  });

  test('gives back the sockets closed in one turn in one statement, each slot once', async () => {
    const { cap, statements } = await instance();
    const key = `ip-${randomBytes(4).toString('hex')}`;
    const releases = await Promise.all(Array.from({ length: 3 }, () => cap.acquire(key, 3)));
    expect(await cap.acquire(key, 3)).toBeUndefined();
    statements.length = 0;
    for (const release of releases) {
      release?.();
      release?.();
    }
    // The releases are fire and forget: wait until the row says so.
    await waitFor(async () => (await slotsHeld(key)) === 0, 'the released slots');
    expect(statements).toHaveLength(1);
    const again = await Promise.all(Array.from({ length: 4 }, () => cap.acquire(key, 3)));
    expect(again.filter((release) => release !== undefined)).toHaveLength(3);
  });

  test('counts a client’s sockets through its key’s index, with 10,000 other clients holding sockets', async () => {
    const { cap, queries } = await instance();
    const pool = pools[0]!;
    await pool.query(
      `insert into client_connections (instance, key, count, seen_at)
       select 'another-instance', 'crowd-' || n, 1, $1::float8 from generate_series(1, 10000) as n`,
      [Date.now()],
    );
    try {
      const key = `ip-${randomBytes(4).toString('hex')}`;
      const release = await cap.acquire(key, 3);
      release?.();
      await waitFor(async () => (await slotsHeld(key)) === 0, 'the released slot');
      const plan = async (text: string) => {
        const query = queries.find((q) => q.sql.includes(text))!;
        const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`explain (costs off) ${query.sql}`, [
          ...query.parameters,
        ]);
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      };
      // As planned before any ANALYZE (autovacuum off), then with the table's statistics.
      for (const analysed of [false, true]) {
        if (analysed) await pool.query('analyze client_connections');
        const acquire = await plan('WITH wanted');
        // By the key's index (a lone index scan, or a bitmap of it), not every client's row.
        expect(acquire).toMatch(
          /(Index Scan using client_connections_pkey on client_connections c|Bitmap Index Scan on client_connections_pkey)\n\s+Index Cond: \(key = t\.key\)/,
        );
        expect(acquire).not.toMatch(/Seq Scan on client_connections/);
        expect(await plan('UPDATE client_connections')).not.toMatch(/Seq Scan on client_connections/);
      }
    } finally {
      await pool.query(`delete from client_connections where key like 'crowd-%'`);
    }
  });
});
