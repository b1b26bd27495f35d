import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Verified identity (#19, docs/identity.md): the shop's customer id a conversation is bound to, set once
 * a verified shopper starts it or signs in during it (null: anonymous), and the one an escalation was
 * recorded for (staff see whom to look up). Indexed: a customer's conversations and escalations are
 * looked up by it (console, deletion on request).
 */
export function shopperIdentity(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('conversations').addColumn('customer_id', 'text').execute();
      await db.schema.alterTable('escalations').addColumn('customer_id', 'text').execute();
      await db.schema
        .createIndex('conversations_customer_idx')
        .on('conversations')
        .column('customer_id')
        .execute();
      await db.schema
        .createIndex('escalations_customer_idx')
        .on('escalations')
        .column('customer_id')
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('escalations_customer_idx').execute();
      await db.schema.dropIndex('conversations_customer_idx').execute();
      await sql`alter table escalations drop column customer_id`.execute(db);
      await sql`alter table conversations drop column customer_id`.execute(db);
    },
  };
}
