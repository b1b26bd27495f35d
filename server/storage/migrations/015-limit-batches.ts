import { type Kysely, type Migration, sql } from 'kysely';
import type { StorageDialect } from '../storage-dialect.ts';

/**
 * The per-client limits on PostgreSQL count a turn's events of one key in one upsert
 * (server/limits/postgres-limit-store.ts), which must say how many of them fit: `granted` holds that
 * count of the row's last upsert, returned with the new time. SQLite has no such table.
 */
export function limitBatches(dialect: StorageDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`alter table client_rate_limits add column if not exists granted integer not null default 0`.execute(
        db,
      );
    },

    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`alter table client_rate_limits drop column if exists granted`.execute(db);
    },
  };
}
