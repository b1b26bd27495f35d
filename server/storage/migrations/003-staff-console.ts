import type { Kysely, Migration } from 'kysely';
import { columnTypes, type StorageDialect } from '../storage-dialect.ts';

/**
 * The staff console: accounts and sessions (in the database, so every instance shares sign-ins), the
 * editable corpus and its trained model versions with the publication history (the live model is the
 * newest publication; a rollback is one more row), staff decisions on unanswered messages, and notes on
 * escalations.
 */
export function staffConsole(dialect: StorageDialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('staff_users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('disabled_at', t.timestamp)
        .execute();
      await db.schema
        .createTable('staff_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('staff_sessions_user_idx').on('staff_sessions').column('user_id').execute();

      await db.schema
        .createTable('corpus_intents')
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('intent_id', 'text', (c) => c.notNull())
        .addColumn('domain', 'text', (c) => c.notNull())
        .addColumn('body', t.json, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addPrimaryKeyConstraint('corpus_intents_pk', ['locale', 'intent_id'])
        .execute();
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', t.json, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('model_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'integer', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('progress', t.json)
        .addColumn('corpus', t.json, (c) => c.notNull())
        .addColumn('corpus_hash', 'text', (c) => c.notNull())
        .addColumn('engine_version', 'text', (c) => c.notNull())
        .addColumn('model', t.blob)
        .addColumn('evaluation', t.json)
        .addColumn('error', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('finished_at', t.timestamp)
        .execute();
      await db.schema
        .createIndex('model_versions_hash_idx')
        .on('model_versions')
        .columns(['corpus_hash', 'engine_version'])
        .execute();
      await db.schema
        .createTable('model_publications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        // The order of publications (clocks of several instances may disagree; the newest seq is live).
        .addColumn('seq', 'integer', (c) => c.notNull().unique())
        .addColumn('version_id', 'text', (c) => c.notNull().references('model_versions.id'))
        .addColumn('published_at', t.timestamp, (c) => c.notNull())
        .addColumn('published_by', 'text')
        .addColumn('reason', 'text')
        .addColumn('overridden', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable('unanswered_reviews')
        .addColumn('message_id', 'text', (c) => c.primaryKey().references('messages.id').onDelete('cascade'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('intent', 'text')
        .addColumn('reviewed_by', 'text')
        .addColumn('reviewed_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('escalation_notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('escalation_id', 'text', (c) =>
          c.notNull().references('escalations.id').onDelete('cascade'),
        )
        .addColumn('author_id', 'text')
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('escalation_notes_escalation_idx')
        .on('escalation_notes')
        .column('escalation_id')
        .execute();
      await db.schema.alterTable('escalations').addColumn('resolved_by', 'text').execute();
      // Analytics and the unanswered queue read messages by time.
      await db.schema.createIndex('messages_created_at_idx').on('messages').column('created_at').execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('messages_created_at_idx').execute();
      await db.schema.alterTable('escalations').dropColumn('resolved_by').execute();
      for (const table of [
        'escalation_notes',
        'unanswered_reviews',
        'model_publications',
        'model_versions',
        'settings',
        'corpus_intents',
        'staff_sessions',
        'staff_users',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
