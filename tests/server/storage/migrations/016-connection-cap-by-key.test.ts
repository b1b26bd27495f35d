/**
 * Migration 016 puts the client's key first in PostgreSQL's socket-cap table's primary key, keeps the
 * rows there, and goes down cleanly; SQLite has no such table.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, test } from 'vitest';
import { postgresBackend, useStorage } from '../../../helpers/storage-backends.ts';
import { type StorageMigrator, storageMigrator } from '../../../helpers/storage-migrator.ts';

describe('migration 016_connection_cap_by_key on PostgreSQL', () => {
  const storage = useStorage(postgresBackend());
  let migrator: StorageMigrator;

  beforeAll(async () => {
    migrator = await storageMigrator(storage);
  });

  /** The primary key's columns, in order. */
  const primaryKey = async () => {
    const { rows } = await sql<{ columns: string }>`
      select pg_get_indexdef(indexrelid) as columns from pg_index
       where indrelid = 'client_connections'::regclass and indisprimary`.execute(storage.database());
    return /\((.*)\)/.exec(rows[0]!.columns)?.[1];
  };

  test('puts the key first, keeping the rows there, and puts it back going down', async () => {
    expect((await migrator.migrateTo('015_limit_batches')).error).toBeUndefined();
    expect(await primaryKey()).toBe('instance, key');
    await sql`insert into client_connections (instance, key, count, seen_at)
      values ('instance-a', 'socket:203.0.113.1', 2, 42)`.execute(storage.database());
    expect((await migrator.migrateTo('016_connection_cap_by_key')).error).toBeUndefined();
    expect(await primaryKey()).toBe('key, instance');
    const { rows } = await sql`select instance, key, count, seen_at from client_connections`.execute(
      storage.database(),
    );
    expect(rows).toEqual([{ instance: 'instance-a', key: 'socket:203.0.113.1', count: 2, seen_at: 42 }]);
    expect((await migrator.migrateTo('015_limit_batches')).error).toBeUndefined();
    expect(await primaryKey()).toBe('instance, key');
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
