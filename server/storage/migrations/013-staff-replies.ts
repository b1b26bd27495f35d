import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes, type StorageDialect } from '../storage-dialect.ts';

/**
 * Staff replies in the conversation (docs/handoff.md): an operator's reply is a `staff` message of the
 * transcript (the `messages` table needs no change: its role is free text, and whether the shopper has
 * seen it is kept in its payload). The conversation remembers when staff last wrote in it, so the chat
 * can tell, without another query per message, that a shopper's message answers staff and re-opens the
 * escalation.
 */
export function staffReplies(dialect: StorageDialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('conversations').addColumn('staff_reply_at', t.timestamp).execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await sql`alter table conversations drop column staff_reply_at`.execute(db);
    },
  };
}
