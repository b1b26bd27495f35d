import type { Kysely, Migration } from 'kysely';
import { columnTypes, type StorageDialect } from '../storage-dialect.ts';

/**
 * The embedded demo shop's tables (server/demo-shop/): demo customers, their subscriptions and orders,
 * and the idempotency keys of changes made through the connector contract. Created on every database
 * so turning DEMO_SHOP on needs no migration; empty until the demo shop seeds them at its start. A real
 * shop's data never lives here: it stays in the shop's own system, behind the connector.
 */
export function demoShop(dialect: StorageDialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('demo_customers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('demo_subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) =>
          c.notNull().references('demo_customers.id').onDelete('cascade'),
        )
        .addColumn('product_name', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('interval_unit', 'text', (c) => c.notNull())
        .addColumn('interval_count', t.double, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        // Shop-local dates as `YYYY-MM-DD` text on both dialects: they are calendar days, not instants.
        .addColumn('next_delivery_date', 'text')
        .addColumn('deliveries_received', 'integer', (c) => c.notNull())
        .addColumn('minimum_deliveries', 'integer')
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('demo_subscriptions_customer')
        .on('demo_subscriptions')
        .column('customer_id')
        .execute();
      await db.schema
        .createTable('demo_orders')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) =>
          c.notNull().references('demo_customers.id').onDelete('cascade'),
        )
        .addColumn('order_number', 'text', (c) => c.notNull())
        .addColumn('ordered_on', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('shipped_on', 'text')
        .addColumn('carrier', 'text')
        .addColumn('tracking_number', 'text')
        .addColumn('tracking_url', 'text')
        .execute();
      await db.schema.createIndex('demo_orders_customer').on('demo_orders').column('customer_id').execute();
      await db.schema
        .createTable('demo_idempotency_keys')
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        // SHA-256 of the subscription id and change: the same key with another request is refused.
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('response', t.json, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('demo_idempotency_keys_pk', ['customer_id', 'idempotency_key'])
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['demo_idempotency_keys', 'demo_orders', 'demo_subscriptions', 'demo_customers']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}
