/**
 * Migration 015 gives PostgreSQL's limit table the count of a batch's takes that fit (`granted`), keeps
 * the counts already there, and goes down cleanly; SQLite has no such table.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, test } from 'vitest';
import { postgresBackend, useStorage } from '../../../helpers/storage-backends.ts';
import { type StorageMigrator, storageMigrator, tableColumns } from '../../../helpers/storage-migrator.ts';

describe('migration 015_limit_batches on PostgreSQL', () => {
  const storage = useStorage(postgresBackend());
  let migrator: StorageMigrator;

  beforeAll(async () => {
    migrator = await storageMigrator(storage);
  });

  const columns = () => tableColumns(storage, 'client_rate_limits');

  test('adds granted to client_rate_limits, keeping the rows there, and takes it away going down', async () => {
    expect((await migrator.migrateTo('014_line_account_link')).error).toBeUndefined();
    expect(await columns()).toEqual(['key', 'tat']);
    await sql`insert into client_rate_limits (key, tat) values ('message:203.0.113.1', 42)`.execute(
      storage.database(),
    );
    expect((await migrator.migrateTo('015_limit_batches')).error).toBeUndefined();
    const { rows } = await sql`select key, tat, granted from client_rate_limits`.execute(storage.database());
    expect(rows).toEqual([{ key: 'message:203.0.113.1', tat: 42, granted: 0 }]);
    expect((await migrator.migrateTo('014_line_account_link')).error).toBeUndefined();
    expect(await columns()).toEqual(['key', 'tat']);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
