import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes, type StorageDialect } from '../storage-dialect.ts';

/**
 * A verified shopper's subscriptions as they were at handoff, kept with the escalation (JSON: product,
 * quantity, interval, status, next delivery), so staff see what the shopper saw even after it changed.
 */
export function escalationSubscriptions(dialect: StorageDialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('escalations').addColumn('subscriptions', t.json).execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await sql`alter table escalations drop column subscriptions`.execute(db);
    },
  };
}
