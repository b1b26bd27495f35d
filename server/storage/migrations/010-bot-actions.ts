import type { Kysely, Migration } from 'kysely';
import { columnTypes, type StorageDialect } from '../storage-dialect.ts';

/**
 * The bot's actions: one row per change the server asked of the shop's system for a verified shopper
 * (or refused before asking), so staff can see who asked for what, when, and with what result. The
 * customer id is the shop's, as the verified token named it. Listed newest first.
 */
export function botActions(dialect: StorageDialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('bot_actions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) =>
          c.notNull().references('conversations.id').onDelete('cascade'),
        )
        .addColumn('action_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text')
        .addColumn('action_kind', 'text', (c) => c.notNull())
        .addColumn('subscription_id', 'text', (c) => c.notNull())
        .addColumn('change', t.json)
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('code', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('bot_actions_created_idx').on('bot_actions').column('created_at').execute();
      await db.schema
        .createIndex('bot_actions_conversation_idx')
        .on('bot_actions')
        .column('conversation_id')
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('bot_actions').ifExists().execute();
    },
  };
}
