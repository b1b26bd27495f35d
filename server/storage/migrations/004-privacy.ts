import type { Kysely, Migration } from 'kysely';

/**
 * Privacy: the retention sweep looks for conversations by their last update and for the mail of their
 * escalations; deletion on request finds mail by escalation too.
 */
export function privacy(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('outbox_escalation_idx').on('outbox').column('escalation_id').execute();
      await db.schema
        .createIndex('conversations_updated_at_idx')
        .on('conversations')
        .column('updated_at')
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('conversations_updated_at_idx').execute();
      await db.schema.dropIndex('outbox_escalation_idx').execute();
    },
  };
}
