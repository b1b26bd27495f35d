/**
 * The outbox at a glance, for the metrics scrape: how many mails wait, are being sent or failed for good,
 * and when the oldest unsent one was queued. Cheap enough to run on every scrape: the counts come from the
 * (status, next_attempt_at) index, and only unsent rows (a handful when mail flows) are read for their age.
 */
import type { Kysely } from 'kysely';
import { toNullableDate } from './column-values.ts';
import type { Database } from './database-schema.ts';

/** Outbox mails per state that matters to an operator, and the oldest unsent one's queue time. */
export interface OutboxStats {
  pending: number;
  sending: number;
  failed: number;
  /** `created_at` of the oldest pending or sending mail; null when none waits. */
  oldestUnsentAt: Date | null;
}

/** Reads the outbox's counts and the oldest unsent mail. */
export async function readOutboxStats(db: Kysely<Database>): Promise<OutboxStats> {
  const counts = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('status', 'in', ['pending', 'sending', 'failed'])
    .groupBy('status')
    .execute();
  const oldest = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min('created_at').as('oldest'))
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirst();
  const count = (status: string) => Number(counts.find((row) => row.status === status)?.count ?? 0);
  return {
    pending: count('pending'),
    sending: count('sending'),
    failed: count('failed'),
    oldestUnsentAt: toNullableDate((oldest?.oldest as Date | string | null | undefined) ?? null),
  };
}
