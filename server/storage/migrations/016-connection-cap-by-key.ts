import { type Kysely, type Migration, sql } from 'kysely';
import type { StorageDialect } from '../storage-dialect.ts';

/**
 * The socket cap on PostgreSQL counts a client's open sockets over every instance by its key alone
 * (server/limits/postgres-connection-cap.ts), and the primary key began with the instance: each handshake
 * read the row of every client with a socket open (with 10,000 of them, 74 pages and 0.6 ms where the
 * key's own index reads 3 pages in 0.06 ms), and a reconnect storm after a restart pays that per socket.
 * The key goes first; `on conflict (instance, key)` still names the same unique index. SQLite has no
 * such table.
 */
export function connectionCapByKey(dialect: StorageDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`alter table client_connections
        drop constraint client_connections_pkey, add primary key (key, instance)`.execute(db);
    },

    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`alter table client_connections
        drop constraint client_connections_pkey, add primary key (instance, key)`.execute(db);
    },
  };
}
