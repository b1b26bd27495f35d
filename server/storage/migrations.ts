/**
 * Schema migrations, kept in code (no migration folder read at run time) so the server ships as one
 * tree and both dialects get the same history. Column types differ per dialect where it matters:
 * PostgreSQL gets timestamptz / jsonb / double precision, SQLite gets ISO-8601 UTC text / JSON text /
 * real. The repository converts, so callers always see `Date` and parsed objects.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

/** The SQL dialect behind a storage; decides column types and locking. */
export type StorageDialect = 'sqlite' | 'postgres';

/** Column types per dialect (everything else is portable). */
function columnTypes(dialect: StorageDialect) {
  return dialect === 'postgres'
    ? ({ timestamp: 'timestamptz', json: 'jsonb', double: 'double precision', blob: 'bytea' } as const)
    : ({ timestamp: 'text', json: 'text', double: 'real', blob: 'blob' } as const);
}

function initial(dialect: StorageDialect): Migration {
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

/**
 * The mail relay's bookkeeping: a lease on rows being sent (so a row left in 'sending' by a crashed
 * process is retried once the lease ends), the first attempt (the fail-after clock starts there, not
 * at queueing, so mail kept while SMTP was unconfigured is not failed at once), and an SMTP envelope
 * recipient for the shopper copy (the shopper address never goes into a header but Reply-To).
 */
function mailRelay(dialect: StorageDialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('outbox').addColumn('lease_expires_at', t.timestamp).execute();
      await db.schema.alterTable('outbox').addColumn('first_attempt_at', t.timestamp).execute();
      await db.schema.alterTable('outbox').addColumn('envelope_to', 'text').execute();
      await db.schema
        .createIndex('escalations_created_at_idx')
        .on('escalations')
        .columns(['created_at', 'id'])
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('escalations_created_at_idx').execute();
      await db.schema.alterTable('outbox').dropColumn('envelope_to').execute();
      await db.schema.alterTable('outbox').dropColumn('first_attempt_at').execute();
      await db.schema.alterTable('outbox').dropColumn('lease_expires_at').execute();
    },
  };
}

/**
 * The staff console: accounts and sessions (in the database, so every instance shares sign-ins), the
 * editable corpus and its trained model versions with the publication history (the live model is the
 * newest publication; a rollback is one more row), staff decisions on unanswered messages, and notes on
 * escalations.
 */
function staffConsole(dialect: StorageDialect): Migration {
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

/**
 * Privacy: the retention sweep looks for conversations by their last update and for the mail of their
 * escalations; deletion on request finds mail by escalation too.
 */
function privacy(): Migration {
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

/**
 * Corpus history: every change of an intent is kept (an import that removed everything can be undone
 * from the console). The corpus as it is when this migration runs becomes the first change, `baseline`.
 */
function corpusHistory(dialect: StorageDialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('corpus_revisions')
        .addColumn('seq', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('change_id', 'text', (c) => c.notNull())
        .addColumn('change', 'text', (c) => c.notNull())
        .addColumn('changed_at', t.timestamp, (c) => c.notNull())
        .addColumn('changed_by', 'text')
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('intent_id', 'text', (c) => c.notNull())
        .addColumn('domain', 'text', (c) => c.notNull())
        .addColumn('body', t.json)
        .execute();
      await db.schema
        .createIndex('corpus_revisions_change_idx')
        .on('corpus_revisions')
        .column('change_id')
        .execute();
      await sql`insert into corpus_revisions (change_id, change, changed_at, changed_by, locale, intent_id, domain, body)
        select 'baseline', 'baseline', updated_at, updated_by, locale, intent_id, domain, body
        from corpus_intents order by locale, intent_id`.execute(db);
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('corpus_revisions').execute();
    },
  };
}

/**
 * Training heartbeat: a training writes `heartbeat_at` every few seconds, so one whose process died is
 * known within a minute (it blocked new trainings for an hour before).
 */
function trainingHeartbeat(dialect: StorageDialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('model_versions').addColumn('heartbeat_at', t.timestamp).execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('model_versions').dropColumn('heartbeat_at').execute();
    },
  };
}

/** The in-code migration list for a dialect; names sort in apply order. Never edit a shipped one. */
export function migrationProvider(dialect: StorageDialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '001_initial': initial(dialect),
        '002_mail_relay': mailRelay(dialect),
        '003_console': staffConsole(dialect),
        '004_privacy': privacy(),
        '005_corpus_history': corpusHistory(dialect),
        '006_training_heartbeat': trainingHeartbeat(dialect),
      };
    },
  };
}

/** A kysely Migrator over the in-code migrations; `schema` pins PostgreSQL's bookkeeping tables. */
export function createMigrator(db: Kysely<unknown>, dialect: StorageDialect, schema?: string): Migrator {
  return new Migrator({
    db,
    provider: migrationProvider(dialect),
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
}

/** Applies every pending migration; idempotent; throws the first migration error. */
export async function migrateToLatest(db: Kysely<unknown>, dialect: StorageDialect): Promise<void> {
  let schema: string | undefined;
  if (dialect === 'postgres') {
    // Kysely looks for its bookkeeping table in *any* schema unless told which one, so a second
    // schema in the same database (another deployment, a test) would make it skip creating ours.
    // Pin it to the schema our unqualified tables land in.
    const result = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    const current = result.rows[0]?.schema;
    if (!current) throw new Error('PostgreSQL search_path names no existing schema; create it first');
    schema = current;
  }
  const { error } = await createMigrator(db, dialect, schema).migrateToLatest();
  if (error !== undefined) throw error instanceof Error ? error : new Error(String(error));
}
