/**
 * Migration 007 creates the per-client limits' tables on PostgreSQL (UNLOGGED), keeps the tables and
 * rows of a database where the limit stores had created them on open before, and leaves SQLite alone.
 */
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import { migrateToLatest } from '../../../../server/storage/migrations.ts';
import { openSqliteDatabase } from '../../../../server/storage/open-storage.ts';
import { pgAdmin, sqliteBackend, TEST_PG_URL } from '../../../helpers/storage-backends.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A kysely handle on a fresh PostgreSQL schema, dropped after the test. */
async function freshSchema(): Promise<Kysely<unknown>> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await pgAdmin(`CREATE SCHEMA ${schema}`);
  const pool = new pg.Pool({ connectionString: TEST_PG_URL, options: `-c search_path=${schema}`, max: 1 });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  cleanups.push(async () => {
    await db.destroy();
    await pgAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });
  return db;
}

/** relpersistence of the tables named, in the current schema ('u': unlogged). */
async function persistence(db: Kysely<unknown>, tables: string[]): Promise<Record<string, string>> {
  const { rows } = await sql<{ relname: string; relpersistence: string }>`
    select c.relname, c.relpersistence from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relname in (${sql.join(tables)})`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.relname, r.relpersistence]));
}

describe('migration 007_client_limits', () => {
  test('creates client_rate_limits and client_connections unlogged on PostgreSQL', async () => {
    const db = await freshSchema();
    await migrateToLatest(db, 'postgres');
    expect(await persistence(db, ['client_rate_limits', 'client_connections'])).toEqual({
      client_rate_limits: 'u',
      client_connections: 'u',
    });
  });

  test('keeps the table and rows a limit store created on open before the migration existed', async () => {
    const db = await freshSchema();
    // What PostgresLimitStore.open created before 007_client_limits.
    await sql`CREATE UNLOGGED TABLE client_rate_limits (key text PRIMARY KEY, tat double precision NOT NULL)`.execute(
      db,
    );
    await sql`insert into client_rate_limits (key, tat) values ('203.0.113.1', 42)`.execute(db);
    await migrateToLatest(db, 'postgres');
    const { rows } = await sql<{ key: string; tat: number }>`select key, tat from client_rate_limits`.execute(
      db,
    );
    expect(rows).toEqual([{ key: '203.0.113.1', tat: 42 }]);
    expect(await persistence(db, ['client_connections'])).toEqual({ client_connections: 'u' });
  });

  test('creates nothing on SQLite', async () => {
    const backend = sqliteBackend();
    const raw = openSqliteDatabase((await backend.setup()).dataDir);
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
    cleanups.push(async () => {
      await db.destroy();
      await backend.teardown();
    });
    await migrateToLatest(db, 'sqlite');
    const tables = raw
      .prepare("select name from sqlite_master where type = 'table' and name like 'client_%'")
      .pluck()
      .all();
    expect(tables).toEqual([]);
  });
});
