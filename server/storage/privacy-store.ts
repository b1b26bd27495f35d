/**
 * Deleting shoppers' data (APPI): on request, everything of one shopper (by email) or of one
 * conversation; and the retention sweep, which deletes conversations whose last activity is older than
 * a cutoff. Each request, and each batch of the sweep, is ONE write transaction: all of a conversation
 * goes (unanswered reviews, escalation notes, outbox mail, escalations, messages, the conversation) or
 * nothing does. The unanswered queue and analytics read `messages`, so they forget with them.
 *
 * Mail: deletion on request removes every outbox row of the deleted escalations and every row whose
 * To / Reply-To / envelope recipient is the address or whose subject or body mentions it, whatever its
 * status (a mail not yet sent is then never sent; `outboxUnsent` says how many). The sweep never deletes
 * unsent mail: a conversation whose mail is still pending or being sent is held back (counted in
 * `heldBack`) until the relay settles it as sent or failed; the next sweep then deletes it.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from './database-schema.ts';
import { DeletionCandidates } from './deletion-candidates.ts';
import {
  addCounts,
  countsOf,
  type DeletionCounts,
  emptyCounts,
  executeDeletion,
  planDeletion,
} from './deletion-plan.ts';
import { conversationsOfLineUser, deleteLineUserRows } from './line-user-deletion.ts';
import type { StorageDialect } from './storage-dialect.ts';
import { type CheckpointRow, truncateWal } from './wal-checkpointer.ts';
import { writeTransaction } from './write-transaction.ts';

export type { DeletionCounts } from './deletion-plan.ts';

/** Whose data to delete: a shopper's address, one conversation, or a LINE user (by LINE user id). */
export type DeletionSubject = { email: string } | { conversationId: string } | { lineUserId: string };

/** What one retention sweep did. */
export interface PurgeResult {
  counts: DeletionCounts;
  /** Expired conversations kept because their mail has not been sent yet. */
  heldBack: number;
}

/** Conversations per transaction of the sweep: short locks, bounded statement sizes. */
export const PURGE_BATCH_SIZE = 200;

/**
 * An address as deletion compares it: NFKC (an IME's full-width ｐｒｉｖ＠ｅｘａｍｐｌｅ．ｏｒｇ is
 * priv@example.org), trimmed, lower case. Stored columns are folded the same way in SQL
 * (deletion-candidates.ts).
 */
export function foldEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

/** Shopper-data deletion and retention over the shared database. */
export class PrivacyStore {
  private readonly candidates: DeletionCandidates;

  constructor(
    private readonly db: () => Kysely<Database>,
    private readonly dialect: StorageDialect,
  ) {
    this.candidates = new DeletionCandidates(db, dialect);
  }

  /** Deletes (or with `dryRun` counts) everything of one shopper or conversation, in one transaction. */
  async deleteShopperData(
    subject: DeletionSubject,
    options: { dryRun?: boolean } = {},
  ): Promise<DeletionCounts> {
    const counts = await writeTransaction(this.db(), this.dialect, async (trx) => {
      const email = 'email' in subject ? foldEmail(subject.email) : undefined;
      const conversationIds =
        'conversationId' in subject
          ? await this.candidates.existingConversations(trx, [subject.conversationId])
          : 'lineUserId' in subject
            ? await this.lineUserConversations(trx, subject.lineUserId)
            : await this.candidates.conversationsOfEmail(trx, email!);
      const plan = await planDeletion(trx, this.dialect, conversationIds);
      if (email !== undefined) {
        const known = new Set(plan.outbox.map((m) => m.id));
        for (const mail of await this.candidates.mailMentioning(trx, email)) {
          if (!known.has(mail.id)) plan.outbox.push(mail);
        }
      }
      const counts = options.dryRun ? countsOf(plan) : await executeDeletion(trx, plan);
      if (!('lineUserId' in subject)) return counts;
      return { ...counts, ...(await deleteLineUserRows(trx, subject.lineUserId, options.dryRun ?? false)) };
    });
    if (!options.dryRun && counts.conversations + counts.outbox + counts.lineUsers + counts.lineEvents > 0) {
      await this.forgetFreedPages();
    }
    return counts;
  }

  /** The LINE user's conversations that exist, locked on PostgreSQL. */
  private async lineUserConversations(trx: Kysely<Database>, lineUserId: string): Promise<string[]> {
    const ids = await conversationsOfLineUser(trx, lineUserId);
    return ids.length === 0 ? [] : this.candidates.existingConversations(trx, ids);
  }

  /**
   * SQLite: moves the deletion out of the WAL into the database file and truncates the WAL, whose older
   * frames still held the deleted rows (secure_delete, set in open-storage.ts, zeroes them in the file).
   * PostgreSQL keeps dead tuples until VACUUM; docs/deployment.md says how to run it after a deletion.
   */
  private async forgetFreedPages(): Promise<void> {
    if (this.dialect !== 'sqlite') return;
    await truncateWal(
      async () => (await sql<CheckpointRow>`pragma wal_checkpoint(TRUNCATE)`.execute(this.db())).rows[0],
    );
  }

  /**
   * Deletes conversations whose last activity (the conversation's update, any message, escalation,
   * resolution, note or mail of it) is before `before`, in batches of PURGE_BATCH_SIZE, one transaction
   * each. Several instances may run it at once: PostgreSQL skips rows another sweep has locked, SQLite
   * runs one write transaction at a time. `dryRun` counts without deleting.
   */
  async purgeExpired(before: Date, options: { dryRun?: boolean } = {}): Promise<PurgeResult> {
    const cutoff = before.toISOString();
    const heldBack = await this.candidates.countHeldBack(cutoff);
    if (options.dryRun) {
      const counts = await writeTransaction(this.db(), this.dialect, async (trx) =>
        countsOf(
          await planDeletion(trx, this.dialect, await this.candidates.expired(trx, cutoff, undefined)),
        ),
      );
      return { counts, heldBack };
    }
    let counts = emptyCounts();
    for (;;) {
      const batch = await writeTransaction(this.db(), this.dialect, async (trx) => {
        const candidates = await this.candidates.expired(trx, cutoff, PURGE_BATCH_SIZE);
        if (candidates.length === 0) return { counts: emptyCounts(), candidates: 0 };
        let plan = await planDeletion(trx, this.dialect, candidates);
        // A mail queued between the candidate query and the locks (a staff reply): keep that conversation.
        const held = await this.candidates.conversationsWithUnsentMail(trx, plan.escalationIds);
        if (held.size > 0)
          plan = await planDeletion(
            trx,
            this.dialect,
            candidates.filter((id) => !held.has(id)),
          );
        return { counts: await executeDeletion(trx, plan), candidates: candidates.length };
      });
      counts = addCounts(counts, batch.counts);
      if (batch.candidates < PURGE_BATCH_SIZE || batch.counts.conversations === 0) break;
    }
    if (counts.conversations + counts.outbox > 0) await this.forgetFreedPages();
    return { counts, heldBack };
  }
}
