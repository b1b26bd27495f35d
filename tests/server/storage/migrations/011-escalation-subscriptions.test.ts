/**
 * Migration 011 adds `escalations.subscriptions` (JSON: a verified shopper's subscriptions at handoff) on
 * SQLite and PostgreSQL, and goes down cleanly.
 */
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { createMigrator } from '../../../../server/storage/migrations.ts';
import { type StorageBackend, storageBackends, useStorage } from '../../../helpers/storage-backends.ts';

describe.each(storageBackends())(
  'migration 011_escalation_subscriptions on $name',
  (backend: StorageBackend) => {
    const storage = useStorage(backend);

    async function escalationColumns(): Promise<string[]> {
      const tables = await storage.database().introspection.getTables();
      return (tables.find((t) => t.name === 'escalations')?.columns ?? []).map((c) => c.name);
    }

    test('adds the subscriptions column to escalations', async () => {
      expect(await escalationColumns()).toContain('subscriptions');
    });

    test('drops the column when migrated down to 010', async () => {
      const schema =
        backend.name === 'postgres'
          ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(storage.database()))
              .rows[0]!.schema
          : undefined;
      const migrator = createMigrator(storage.database() as never, storage.dialect, schema);
      const { error } = await migrator.migrateTo('010_bot_actions');
      expect(error).toBeUndefined();
      const columns = await escalationColumns();
      expect(columns).not.toContain('subscriptions');
      expect(columns).toContain('customer_id');
    });
  },
);
