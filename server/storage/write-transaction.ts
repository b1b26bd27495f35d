/**
 * A write transaction that works the same for every store: PostgreSQL's ordinary transaction, SQLite's
 * BEGIN IMMEDIATE (the write lock up front, so a read-then-write transaction cannot fail half-way with
 * SQLITE_BUSY when another process, a CLI next to the server, writes). Same rules as KyselyStorage's.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from './database-schema.ts';
import type { StorageDialect } from './storage-dialect.ts';

/** Runs `fn` in one write transaction; rolls back when it throws. */
export async function writeTransaction<T>(
  db: Kysely<Database>,
  dialect: StorageDialect,
  fn: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (dialect === 'postgres') return db.transaction().execute(fn);
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      try {
        await sql`rollback`.execute(conn);
      } catch {
        // SQLite may already have rolled back on its own; the first error matters.
      }
      throw error;
    }
  });
}
