import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes, type StorageDialect } from '../storage-dialect.ts';

/**
 * The LINE channel (docs/line.md): which channel a conversation came from (`web` for every earlier
 * one), the LINE users the bot talks to (one conversation each, whether they still follow, the
 * per-user sequence that orders their events), and the durable inbox of webhook events: stored before
 * the webhook answers 200, answered by the worker in order per user, never twice (`webhook_event_id`
 * is unique, so a redelivery stores nothing).
 */
export function lineChannel(dialect: StorageDialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('conversations')
        .addColumn('channel', 'text', (c) => c.notNull().defaultTo('web'))
        .execute();

      await db.schema
        .createTable('line_users')
        .addColumn('line_user_id', 'text', (c) => c.primaryKey())
        // Set null when privacy deletion removes the conversation: the next message starts a new one.
        .addColumn('conversation_id', 'text', (c) => c.references('conversations.id').onDelete('set null'))
        // The last user_seq given to one of their events (line_inbox): their events' order.
        .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
        // 1 while they follow the account; 0 after unfollow (block): nothing more is sent to them.
        .addColumn('following', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('line_inbox')
        .addColumn('webhook_event_id', 'text', (c) => c.primaryKey())
        .addColumn('line_user_id', 'text', (c) => c.notNull())
        .addColumn('user_seq', 'integer', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('event', t.json, (c) => c.notNull())
        .addColumn('reply_token', 'text')
        // LINE's own time of the event (its `timestamp`), and when the webhook stored it.
        .addColumn('event_at', t.timestamp, (c) => c.notNull())
        .addColumn('received_at', t.timestamp, (c) => c.notNull())
        // pending → answered (or skipped: nothing to send, or the user unfollowed) | failed (given up).
        .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', t.timestamp, (c) => c.notNull())
        .addColumn('lease_expires_at', t.timestamp)
        // The LINE messages rendered for the event, stored before the first send so a retry sends the same.
        .addColumn('outgoing', t.json)
        .addColumn('sent_by', 'text')
        .addColumn('answered_at', t.timestamp)
        .addColumn('last_error', 'text')
        .addUniqueConstraint('line_inbox_user_seq_unique', ['line_user_id', 'user_seq'])
        .execute();
      // The worker's scan: pending events in the order they were stored (line-inbox-store.ts claimHeads).
      await db.schema
        .createIndex('line_inbox_pending_idx')
        .on('line_inbox')
        .columns(['state', 'received_at', 'user_seq'])
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('line_inbox').ifExists().execute();
      await db.schema.dropTable('line_users').ifExists().execute();
      await sql`alter table conversations drop column channel`.execute(db);
    },
  };
}
