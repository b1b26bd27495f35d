/**
 * The PostgreSQL appends' statement runner on a real server: each statement text is prepared once per
 * connection under a stable name and then only executed, and a statement that fails (a broken
 * constraint) still fails with PostgreSQL's code and constraint, which the seq-collision retry reads.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedStatementRunner } from '../../../server/storage/statement-runner.ts';
import { TEST_PG_URL } from '../../helpers/storage-backends.ts';

describe('preparedStatementRunner', () => {
  let pool: pg.Pool;
  let db: Kysely<Record<string, never>>;

  beforeAll(() => {
    // One connection, so every statement below runs where the prepared statements are.
    pool = new pg.Pool({ connectionString: TEST_PG_URL, max: 1 });
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('prepares a statement text once under a stable name and reuses it with new values', async () => {
    const run = preparedStatementRunner(pool);
    const square = (n: number) => sql<{ square: number }>`select ${n}::int * ${n}::int as square`.compile(db);
    expect(await run(square(3))).toEqual([{ square: 9 }]);
    expect(await run(square(12))).toEqual([{ square: 144 }]);
    const prepared = await pool.query(
      "select name, statement from pg_prepared_statements where name like 'shopbot_%'",
    );
    expect(prepared.rows).toHaveLength(1);
    expect(prepared.rows[0].statement).toBe(square(3).sql);
    // Another runner (another storage on the same pool) finds the same name already prepared.
    expect(await preparedStatementRunner(pool)(square(5))).toEqual([{ square: 25 }]);
  });

  it('passes PostgreSQL errors through with their code', async () => {
    const run = preparedStatementRunner(pool);
    await expect(run(sql`select 1 / ${0}::int`.compile(db))).rejects.toMatchObject({ code: '22012' });
  });
});
