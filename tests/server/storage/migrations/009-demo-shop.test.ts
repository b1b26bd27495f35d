/**
 * Migration 009 creates the demo shop's four tables on SQLite and PostgreSQL (empty: the demo seeds them
 * only when it is on), refuses a second use of an idempotency key per customer, and goes down cleanly.
 */
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import type { DemoShopTables } from '../../../../server/demo-shop/demo-shop-store.ts';
import { isUniqueViolation } from '../../../../server/storage/db-errors.ts';
import { createMigrator } from '../../../../server/storage/migrations.ts';
import { type StorageBackend, storageBackends, useStorage } from '../../../helpers/storage-backends.ts';

const TABLES = ['demo_customers', 'demo_subscriptions', 'demo_orders', 'demo_idempotency_keys'];

describe.each(storageBackends())('migration 009_demo_shop on $name', (backend: StorageBackend) => {
  const storage = useStorage(backend);

  async function tableNames(): Promise<string[]> {
    const tables = await storage.database().introspection.getTables();
    return tables
      .map((t) => t.name)
      .filter((name) => name.startsWith('demo_'))
      .sort();
  }

  test('creates the four demo tables, empty', async () => {
    expect(await tableNames()).toEqual([...TABLES].sort());
    const db = storage.database().withTables<DemoShopTables>();
    expect(await db.selectFrom('demo_customers').selectAll().execute()).toEqual([]);
  });

  test('keeps one row per customer and idempotency key', async () => {
    const db = storage.database().withTables<DemoShopTables>();
    const row = {
      customer_id: 'demo-x',
      idempotency_key: 'k1',
      request_hash: 'h',
      response: '{}',
      created_at: new Date().toISOString(),
    };
    await db.insertInto('demo_idempotency_keys').values(row).execute();
    await db
      .insertInto('demo_idempotency_keys')
      .values({ ...row, customer_id: 'demo-y' })
      .execute();
    const again = await db
      .insertInto('demo_idempotency_keys')
      .values(row)
      .execute()
      .catch((error: unknown) => error);
    expect(isUniqueViolation(again)).toBe(true);
  });

  test('drops the demo tables when migrated down', async () => {
    const migrator = createMigrator(
      storage.database() as never,
      storage.dialect,
      backend.name === 'postgres' ? await currentSchema() : undefined,
    );
    // To just before 009, whatever came after it (010 and later were merged after this test).
    const { error } = await migrator.migrateTo('008_shopper_identity');
    expect(error).toBeUndefined();
    expect(await tableNames()).toEqual([]);
  });

  async function currentSchema(): Promise<string> {
    const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(
      storage.database(),
    );
    return result.rows[0]!.schema;
  }
});
