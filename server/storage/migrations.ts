/**
 * Schema migrations, kept in code (no migration folder read at run time) so the server ships as one
 * tree and both dialects get the same history: one file a migration in migrations/, named in apply
 * order; column types per dialect come from storage-dialect.ts.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { initial } from './migrations/001-initial.ts';
import { mailRelay } from './migrations/002-mail-relay.ts';
import { staffConsole } from './migrations/003-staff-console.ts';
import { privacy } from './migrations/004-privacy.ts';
import { corpusHistory } from './migrations/005-corpus-history.ts';
import { trainingHeartbeat } from './migrations/006-training-heartbeat.ts';
import { clientLimits } from './migrations/007-client-limits.ts';
import { shopperIdentity } from './migrations/008-shopper-identity.ts';
import { demoShop } from './migrations/009-demo-shop.ts';
import { botActions } from './migrations/010-bot-actions.ts';
import { escalationSubscriptions } from './migrations/011-escalation-subscriptions.ts';
import { lineChannel } from './migrations/012-line-channel.ts';
import { staffReplies } from './migrations/013-staff-replies.ts';
import { lineAccountLink } from './migrations/014-line-account-link.ts';
import { limitBatches } from './migrations/015-limit-batches.ts';
import { connectionCapByKey } from './migrations/016-connection-cap-by-key.ts';
import { limitClock } from './migrations/017-limit-clock.ts';
import type { StorageDialect } from './storage-dialect.ts';

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
        '007_client_limits': clientLimits(dialect),
        '008_shopper_identity': shopperIdentity(),
        '009_demo_shop': demoShop(dialect),
        '010_bot_actions': botActions(dialect),
        '011_escalation_subscriptions': escalationSubscriptions(dialect),
        '012_line_channel': lineChannel(dialect),
        '013_staff_replies': staffReplies(dialect),
        '014_line_account_link': lineAccountLink(dialect),
        '015_limit_batches': limitBatches(dialect),
        '016_connection_cap_by_key': connectionCapByKey(dialect),
        '017_limit_clock': limitClock(dialect),
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
