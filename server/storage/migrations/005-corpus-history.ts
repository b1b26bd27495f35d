import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes, type StorageDialect } from '../storage-dialect.ts';

/**
 * Corpus history: every change of an intent is kept (an import that removed everything can be undone
 * from the console). The corpus as it is when this migration runs becomes the first change, `baseline`.
 */
export function corpusHistory(dialect: StorageDialect): Migration {
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
