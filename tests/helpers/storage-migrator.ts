/**
 * The migrator of a storage suite's own database, for the migration tests that go down to an earlier
 * version and back up: on PostgreSQL its bookkeeping tables are the suite's schema's (where the storage
 * migrated them), not the server's default schema.
 */
import { sql } from 'kysely';
import { createMigrator } from '../../server/storage/migrations.ts';
import type { Storage } from '../../server/storage/repository.ts';

/** What storageMigrator gives: kysely's Migrator over the in-code migrations. */
export type StorageMigrator = ReturnType<typeof createMigrator>;

export async function storageMigrator(storage: Storage): Promise<StorageMigrator> {
  const schema =
    storage.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(storage.database()))
          .rows[0]!.schema
      : undefined;
  return createMigrator(storage.database() as never, storage.dialect, schema);
}

/** The column names of `table` in the storage's database, in order (undefined when there is no such table). */
export async function tableColumns(storage: Storage, table: string): Promise<string[] | undefined> {
  return (await storage.database().introspection.getTables())
    .find((t) => t.name === table)
    ?.columns.map((c) => c.name);
}
