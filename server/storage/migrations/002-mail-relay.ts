import type { Kysely, Migration } from 'kysely';
import { columnTypes, type StorageDialect } from '../storage-dialect.ts';

/**
 * The mail relay's bookkeeping: a lease on rows being sent (so a row left in 'sending' by a crashed
 * process is retried once the lease ends), the first attempt (the fail-after clock starts there, not
 * at queueing, so mail kept while SMTP was unconfigured is not failed at once), and an SMTP envelope
 * recipient for the shopper copy (the shopper address never goes into a header but Reply-To).
 */
export function mailRelay(dialect: StorageDialect): Migration {
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
