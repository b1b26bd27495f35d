import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes, type StorageDialect } from '../storage-dialect.ts';

/**
 * LINE account linking (docs/line.md#account-linking): a LINE user bound to the shop's customer id
 * (`line_users.customer_id`, with the name and address the shop vouched for at link time), the link
 * attempts in flight (`line_account_links`: the link token LINE issued for a user, then the one-time
 * nonce the bot made once the shop's sign-in vouched for a customer), and every conversation of a LINE
 * user (`line_user_conversations`; `line_users.conversation_id` is only the current one), so deletion by
 * LINE user id finds all of them, also those left behind by an unlink or a link to another customer.
 */
export function lineAccountLink(dialect: StorageDialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('line_users').addColumn('customer_id', 'text').execute();
      await db.schema.alterTable('line_users').addColumn('customer_email', 'text').execute();
      await db.schema.alterTable('line_users').addColumn('customer_name', 'text').execute();
      await db.schema.alterTable('line_users').addColumn('linked_at', t.timestamp).execute();

      await db.schema
        .createTable('line_user_conversations')
        // Goes with its conversation (privacy deletion, retention).
        .addColumn('conversation_id', 'text', (c) =>
          c.primaryKey().references('conversations.id').onDelete('cascade'),
        )
        .addColumn('line_user_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('line_user_conversations_user_idx')
        .on('line_user_conversations')
        .column('line_user_id')
        .execute();
      // LINE conversations started before this migration: the one each user is bound to.
      await sql`insert into line_user_conversations (conversation_id, line_user_id) select conversation_id, line_user_id from line_users where conversation_id is not null`.execute(
        db,
      );

      await db.schema
        .createTable('line_account_links')
        // SHA-256 of LINE's link token (it is a bearer secret for ten minutes; only its hash is kept).
        .addColumn('link_token_hash', 'text', (c) => c.primaryKey())
        .addColumn('line_user_id', 'text', (c) => c.notNull())
        .addColumn('issued_at', t.timestamp, (c) => c.notNull())
        // LINE's link token lives 10 minutes; the bot's sign-in page refuses it after that.
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        // Set once the shop's sign-in vouched for a customer: the nonce LINE sends back in accountLink.
        .addColumn('nonce', 'text', (c) => c.unique())
        .addColumn('customer_id', 'text')
        .addColumn('customer_email', 'text')
        .addColumn('customer_name', 'text')
        .addColumn('nonce_expires_at', t.timestamp)
        .execute();
      await db.schema
        .createIndex('line_account_links_user_idx')
        .on('line_account_links')
        .column('line_user_id')
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('line_account_links').ifExists().execute();
      await db.schema.dropTable('line_user_conversations').ifExists().execute();
      for (const column of ['linked_at', 'customer_name', 'customer_email', 'customer_id']) {
        await sql`alter table line_users drop column ${sql.ref(column)}`.execute(db);
      }
    },
  };
}
