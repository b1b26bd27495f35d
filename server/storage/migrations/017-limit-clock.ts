import { type Kysely, type Migration, sql } from 'kysely';
import type { StorageDialect } from '../storage-dialect.ts';

/**
 * The per-client limits on PostgreSQL count a take at the latest clock its key has seen (`seen`), so
 * that takes reaching the row out of the order their clocks were read in do not refuse part of a burst
 * (GcraState in server/limits/gcra.ts). A row from before has 0, which counts its next take at that
 * take's own clock, as before. SQLite has no such table.
 */
export function limitClock(dialect: StorageDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`alter table client_rate_limits add column if not exists seen double precision not null default 0`.execute(
        db,
      );
    },

    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`alter table client_rate_limits drop column if exists seen`.execute(db);
    },
  };
}
