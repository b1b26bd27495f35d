/**
 * What deletion by LINE user id (docs/privacy.md) covers beyond the conversations: every conversation
 * the LINE user ever had (line_user_conversations, and the current one in line_users), and their LINE
 * rows — the user (with the customer id they linked), their webhook events in the inbox (what they
 * wrote, as LINE sent it) and their account-link attempts (link tokens' hashes, nonces). Runs inside
 * the caller's write transaction (privacy-store.ts), after the conversations' own rows are planned.
 */
import type { Kysely } from 'kysely';
import type { Database } from './database-schema.ts';

/** LINE rows deleted (or, in a dry run, that would be). */
export interface LineDeletionCounts {
  lineUsers: number;
  lineEvents: number;
  lineLinks: number;
}

/** All zero. */
export function emptyLineCounts(): LineDeletionCounts {
  return { lineUsers: 0, lineEvents: 0, lineLinks: 0 };
}

/** Every conversation id of the LINE user (those that still exist are found by the caller). */
export async function conversationsOfLineUser(trx: Kysely<Database>, lineUserId: string): Promise<string[]> {
  const ids = new Set<string>();
  const all = await trx
    .selectFrom('line_user_conversations')
    .select('conversation_id')
    .where('line_user_id', '=', lineUserId)
    .execute();
  for (const row of all) ids.add(row.conversation_id);
  const current = await trx
    .selectFrom('line_users')
    .select('conversation_id')
    .where('line_user_id', '=', lineUserId)
    .executeTakeFirst();
  if (current?.conversation_id) ids.add(current.conversation_id);
  return [...ids];
}

/** Deletes (or with `dryRun` counts) the LINE user's own rows. */
export async function deleteLineUserRows(
  trx: Kysely<Database>,
  lineUserId: string,
  dryRun: boolean,
): Promise<LineDeletionCounts> {
  const count = async (table: 'line_users' | 'line_inbox' | 'line_account_links') => {
    const row = await trx
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('line_user_id', '=', lineUserId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  if (dryRun) {
    return {
      lineUsers: await count('line_users'),
      lineEvents: await count('line_inbox'),
      lineLinks: await count('line_account_links'),
    };
  }
  const deleted = async (table: 'line_users' | 'line_inbox' | 'line_account_links') =>
    Number(
      (await trx.deleteFrom(table).where('line_user_id', '=', lineUserId).executeTakeFirst()).numDeletedRows,
    );
  return {
    lineEvents: await deleted('line_inbox'),
    lineLinks: await deleted('line_account_links'),
    lineUsers: await deleted('line_users'),
  };
}
