/**
 * How the PostgreSQL appends run their statements: prepared once per pooled connection under a stable
 * name (the server), or through kysely, planned each time (a storage given no pool of its own).
 */
import { createHash } from 'node:crypto';
import type { CompiledQuery, Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from './database-schema.ts';

/** Runs a compiled statement and returns its rows. */
export type StatementRunner = <R>(query: CompiledQuery) => Promise<R[]>;

/**
 * A runner that prepares each distinct statement text once per pooled connection (pg's named
 * statements), so PostgreSQL plans it once instead of on every message. The texts are few (one per
 * statement and set of patched columns), so the name cache stays small.
 */
export function preparedStatementRunner(pool: pg.Pool): StatementRunner {
  const names = new Map<string, string>();
  return async <R>(query: CompiledQuery) => {
    let name = names.get(query.sql);
    if (name === undefined) {
      name = `shopbot_${createHash('sha256').update(query.sql).digest('hex').slice(0, 32)}`;
      names.set(query.sql, name);
    }
    const result = await pool.query({ name, text: query.sql, values: [...query.parameters] });
    return result.rows as R[];
  };
}

/** A kysely runner: the statement is planned on every call (no pool to prepare it on). */
export function kyselyStatementRunner(db: () => Kysely<Database>): StatementRunner {
  return async <R>(query: CompiledQuery) => (await db().executeQuery<R>(query)).rows;
}
