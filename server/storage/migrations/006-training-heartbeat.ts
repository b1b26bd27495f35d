import type { Kysely, Migration } from 'kysely';
import { columnTypes, type StorageDialect } from '../storage-dialect.ts';

/**
 * Training heartbeat: a training writes `heartbeat_at` every few seconds, so one whose process died is
 * known within a minute (it blocked new trainings for an hour before).
 */
export function trainingHeartbeat(dialect: StorageDialect): Migration {
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
