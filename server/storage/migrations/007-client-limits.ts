import { type Kysely, type Migration, sql } from 'kysely';
import type { StorageDialect } from '../storage-dialect.ts';

/**
 * The per-client limits' tables on PostgreSQL, shared by every instance on the database: GCRA times
 * (server/limits/postgres-limit-store.ts) and open sockets per instance and client
 * (postgres-connection-cap.ts). UNLOGGED: no WAL, so an event costs no fsync; a database crash empties
 * them, which only forgets the last minutes of counts. Before this migration the stores created them
 * on open, so a database may have them already (`if not exists`). SQLite gets nothing: one SQLite
 * server counts in memory or in its cluster's primary.
 */
export function clientLimits(dialect: StorageDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`create unlogged table if not exists client_rate_limits (
        key text primary key, tat double precision not null)`.execute(db);
      await sql`create unlogged table if not exists client_connections (
        instance text not null, key text not null, count integer not null, seen_at double precision not null,
        primary key (instance, key))`.execute(db);
    },

    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`drop table if exists client_connections`.execute(db);
      await sql`drop table if exists client_rate_limits`.execute(db);
    },
  };
}
