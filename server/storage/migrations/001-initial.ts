import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes, type StorageDialect } from '../storage-dialect.ts';

/** The chat: conversations, their messages, escalations and the outbox of mail. */
export function initial(dialect: StorageDialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('conversations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('state', t.json, (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) =>
          c.notNull().references('conversations.id').onDelete('cascade'),
        )
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('client_seq', 'integer')
        .addColumn('reply_to', 'text')
        .addColumn('decision', 'text')
        .addColumn('intent', 'text')
        .addColumn('score', t.double)
        .addColumn('payload', t.json)
        .addColumn('feedback', 'integer')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        // The transcript order; also the index behind listMessages.
        .addUniqueConstraint('messages_conversation_seq_unique', ['conversation_id', 'seq'])
        .execute();
      // Idempotent shopper retries: only shopper rows carry a client seq, bot rows stay out of it.
      await db.schema
        .createIndex('messages_conversation_client_seq_unique')
        .unique()
        .on('messages')
        .columns(['conversation_id', 'client_seq'])
        .where(sql<boolean>`client_seq is not null`)
        .execute();
      await db.schema.createIndex('messages_reply_to_idx').on('messages').column('reply_to').execute();

      await db.schema
        .createTable('escalations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) =>
          c.notNull().references('conversations.id').onDelete('cascade'),
        )
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('intent', 'text')
        .addColumn('score', t.double)
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('summary', 'text')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('resolved_at', t.timestamp)
        .execute();
      await db.schema
        .createIndex('escalations_conversation_idx')
        .on('escalations')
        .column('conversation_id')
        .execute();

      await db.schema
        .createTable('outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        // Mail outlives a deleted escalation only as history; the sender needs no escalation row.
        .addColumn('escalation_id', 'text', (c) => c.references('escalations.id').onDelete('set null'))
        .addColumn('to_address', 'text', (c) => c.notNull())
        .addColumn('reply_to', 'text')
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('text_body', 'text', (c) => c.notNull())
        .addColumn('html_body', 'text', (c) => c.notNull())
        // The RFC 5322 Message-ID: a retried send must not become a second mail.
        .addColumn('message_id', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', t.timestamp, (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('sent_at', t.timestamp)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      // The sender's poll: "pending mail due now".
      await db.schema
        .createIndex('outbox_status_next_attempt_idx')
        .on('outbox')
        .columns(['status', 'next_attempt_at'])
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('outbox').execute();
      await db.schema.dropTable('escalations').execute();
      await db.schema.dropTable('messages').execute();
      await db.schema.dropTable('conversations').execute();
    },
  };
}
