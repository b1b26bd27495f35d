/**
 * Migration 017 gives PostgreSQL's limit table the latest clock each key was counted at (`seen`),
 * keeps the counts already there, and goes down cleanly; SQLite has no such table.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, test } from 'vitest';
import { postgresBackend, useStorage } from '../../../helpers/storage-backends.ts';
import { type StorageMigrator, storageMigrator, tableColumns } from '../../../helpers/storage-migrator.ts';

describe('migration 017_limit_clock on PostgreSQL', () => {
  const storage = useStorage(postgresBackend());
  let migrator: StorageMigrator;

  beforeAll(async () => {
    migrator = await storageMigrator(storage);
  });

  const columns = () => tableColumns(storage, 'client_rate_limits');

  test('adds seen to client_rate_limits, keeping the rows there, and takes it away going down', async () => {
    expect((await migrator.migrateTo('016_connection_cap_by_key')).error).toBeUndefined();
    expect(await columns()).toEqual(['key', 'tat', 'granted']);
    await sql`insert into client_rate_limits (key, tat, granted) values ('message:203.0.113.1', 42, 1)`.execute(
      storage.database(),
    );
    expect((await migrator.migrateTo('017_limit_clock')).error).toBeUndefined();
    const { rows } = await sql`select key, tat, granted, seen from client_rate_limits`.execute(
      storage.database(),
    );
    expect(rows).toEqual([{ key: 'message:203.0.113.1', tat: 42, granted: 1, seen: 0 }]);
    expect((await migrator.migrateTo('016_connection_cap_by_key')).error).toBeUndefined();
    expect(await columns()).toEqual(['key', 'tat', 'granted']);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
