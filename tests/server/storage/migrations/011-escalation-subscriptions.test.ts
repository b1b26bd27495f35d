/**
 * Migration 011 adds `escalations.subscriptions` (JSON: a verified shopper's subscriptions at handoff) on
 * SQLite and PostgreSQL, and goes down cleanly.
 */
import { describe, expect, test } from 'vitest';
import { type StorageBackend, storageBackends, useStorage } from '../../../helpers/storage-backends.ts';
import { storageMigrator } from '../../../helpers/storage-migrator.ts';

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
      const migrator = await storageMigrator(storage);
      const { error } = await migrator.migrateTo('010_bot_actions');
      expect(error).toBeUndefined();
      const columns = await escalationColumns();
      expect(columns).not.toContain('subscriptions');
      expect(columns).toContain('customer_id');
    });
  },
);
