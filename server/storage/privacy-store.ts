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
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { escapeHtml } from '../mail/build-handoff-mail.ts';
import type { Database } from './database-schema.ts';
import type { StorageDialect } from './migrations.ts';
import { writeTransaction } from './write-transaction.ts';

/** Rows deleted (or, in a dry run, that would be) per table. */
export interface DeletionCounts {
  conversations: number;
  messages: number;
  escalations: number;
  escalationNotes: number;
  unansweredReviews: number;
  outbox: number;
  /** Of `outbox`: mails that were still pending or being sent (they will not go out). */
  outboxUnsent: number;
}

/** Whose data to delete: a shopper's address, or one conversation. */
export type DeletionSubject = { email: string } | { conversationId: string };

/** What one retention sweep did. */
export interface PurgeResult {
  counts: DeletionCounts;
  /** Expired conversations kept because their mail has not been sent yet. */
  heldBack: number;
}

/** Conversations per transaction of the sweep: short locks, bounded statement sizes. */
export const PURGE_BATCH_SIZE = 200;
/** Ids per `in (…)` list (well under SQLite's and PostgreSQL's parameter limits). */
const CHUNK = 500;

const UNSENT = ['pending', 'sending'] as const;

/** All zero. */
export function emptyCounts(): DeletionCounts {
  return {
    conversations: 0,
    messages: 0,
    escalations: 0,
    escalationNotes: 0,
    unansweredReviews: 0,
    outbox: 0,
    outboxUnsent: 0,
  };
}

function addCounts(a: DeletionCounts, b: DeletionCounts): DeletionCounts {
  const sum = emptyCounts();
  for (const key of Object.keys(sum) as (keyof DeletionCounts)[]) sum[key] = a[key] + b[key];
  return sum;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * An address as deletion compares it: NFKC (an IME's full-width ｐｒｉｖ＠ｅｘａｍｐｌｅ．ｏｒｇ is
 * priv@example.org), trimmed, lower case. Stored columns are folded the same way in SQL (`folded`).
 */
export function foldEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

/** A LIKE pattern that finds `text` anywhere (its %, _ and \ taken literally; escape character \). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
}

/** The rows of a set of conversations, found before anything is deleted. */
interface Plan {
  conversationIds: string[];
  messageIds: string[];
  escalationIds: string[];
  noteIds: string[];
  reviewIds: string[];
  outbox: { id: string; status: string }[];
}

/** Shopper-data deletion and retention over the shared database. */
export class PrivacyStore {
  constructor(
    private readonly db: () => Kysely<Database>,
    private readonly dialect: StorageDialect,
  ) {}

  /**
   * A column's value folded like `foldEmail` (without the trim): PostgreSQL's normalize(…, NFKC), and
   * on SQLite the `nfkc_lower` function open-storage.ts registers on every connection.
   */
  private folded(column: string): RawBuilder<string> {
    return this.dialect === 'postgres'
      ? sql<string>`lower(normalize(${sql.ref(column)}, NFKC))`
      : sql<string>`nfkc_lower(${sql.ref(column)})`;
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
          ? await this.existingConversations(trx, [subject.conversationId])
          : await this.conversationsOfEmail(trx, email!);
      const plan = await this.plan(trx, conversationIds);
      if (email !== undefined) {
        const known = new Set(plan.outbox.map((m) => m.id));
        for (const mail of await this.mailMentioning(trx, email)) {
          if (!known.has(mail.id)) plan.outbox.push(mail);
        }
      }
      return options.dryRun ? countsOf(plan) : this.execute(trx, plan);
    });
    if (!options.dryRun && counts.conversations + counts.outbox > 0) await this.forgetFreedPages();
    return counts;
  }

  /**
   * SQLite: moves the deletion out of the WAL into the database file and truncates the WAL, whose older
   * frames still held the deleted rows (secure_delete, set in open-storage.ts, zeroes them in the file).
   * PostgreSQL keeps dead tuples until VACUUM; docs/deployment.md says how to run it after a deletion.
   */
  private async forgetFreedPages(): Promise<void> {
    if (this.dialect !== 'sqlite') return;
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(this.db());
  }

  /**
   * Deletes conversations whose last activity (the conversation's update, any message, escalation,
   * resolution, note or mail of it) is before `before`, in batches of PURGE_BATCH_SIZE, one transaction
   * each. Several instances may run it at once: PostgreSQL skips rows another sweep has locked, SQLite
   * runs one write transaction at a time. `dryRun` counts without deleting.
   */
  async purgeExpired(before: Date, options: { dryRun?: boolean } = {}): Promise<PurgeResult> {
    const cutoff = before.toISOString();
    const heldBack = await this.countHeldBack(cutoff);
    if (options.dryRun) {
      const counts = await writeTransaction(this.db(), this.dialect, async (trx) =>
        countsOf(await this.plan(trx, await this.expired(trx, cutoff, undefined))),
      );
      return { counts, heldBack };
    }
    let counts = emptyCounts();
    for (;;) {
      const batch = await writeTransaction(this.db(), this.dialect, async (trx) => {
        const candidates = await this.expired(trx, cutoff, PURGE_BATCH_SIZE);
        if (candidates.length === 0) return { counts: emptyCounts(), candidates: 0 };
        let plan = await this.plan(trx, candidates);
        // A mail queued between the candidate query and the locks (a staff reply): keep that conversation.
        const held = await this.conversationsWithUnsentMail(trx, plan.escalationIds);
        if (held.size > 0)
          plan = await this.plan(
            trx,
            candidates.filter((id) => !held.has(id)),
          );
        return { counts: await this.execute(trx, plan), candidates: candidates.length };
      });
      counts = addCounts(counts, batch.counts);
      if (batch.candidates < PURGE_BATCH_SIZE || batch.counts.conversations === 0) break;
    }
    if (counts.conversations + counts.outbox > 0) await this.forgetFreedPages();
    return { counts, heldBack };
  }

  /** The given conversation ids that exist, locked on PostgreSQL. */
  private async existingConversations(trx: Kysely<Database>, ids: string[]): Promise<string[]> {
    let query = trx.selectFrom('conversations').select('id').where('id', 'in', ids);
    if (this.dialect === 'postgres') query = query.forUpdate();
    return (await query.execute()).map((r) => r.id);
  }

  /** Conversations that hold the address: as the reply address, in an escalation, or typed in a message. */
  private async conversationsOfEmail(trx: Kysely<Database>, email: string): Promise<string[]> {
    const pattern = containsPattern(email);
    const ids = new Set<string>();
    const byConversation = await trx
      .selectFrom('conversations')
      .select('id')
      .where(sql<SqlBool>`${this.folded('email')} = ${email}`)
      .execute();
    for (const r of byConversation) ids.add(r.id);
    const byEscalation = await trx
      .selectFrom('escalations')
      .select('conversation_id')
      .where(sql<SqlBool>`${this.folded('email')} = ${email}`)
      .execute();
    for (const r of byEscalation) ids.add(r.conversation_id);
    const byMessage = await trx
      .selectFrom('messages')
      .select('conversation_id')
      .distinct()
      .where(sql<SqlBool>`${this.folded('text')} like ${pattern} escape '\\'`)
      .execute();
    for (const r of byMessage) ids.add(r.conversation_id);
    return ids.size === 0 ? [] : this.existingConversations(trx, [...ids]);
  }

  /** Outbox rows addressed to the address or mentioning it (raw or HTML-escaped) in subject or body. */
  private async mailMentioning(
    trx: Kysely<Database>,
    email: string,
  ): Promise<{ id: string; status: string }[]> {
    const patterns = [...new Set([containsPattern(email), containsPattern(escapeHtml(email))])];
    return trx
      .selectFrom('outbox')
      .select(['id', 'status'])
      .where((eb) => {
        const conditions: Expression<SqlBool>[] = [
          sql<SqlBool>`${this.folded('to_address')} = ${email}`,
          sql<SqlBool>`${this.folded('reply_to')} = ${email}`,
          sql<SqlBool>`${this.folded('envelope_to')} = ${email}`,
        ];
        for (const pattern of patterns) {
          conditions.push(
            sql<SqlBool>`${this.folded('subject')} like ${pattern} escape '\\'`,
            sql<SqlBool>`${this.folded('text_body')} like ${pattern} escape '\\'`,
            sql<SqlBool>`${this.folded('html_body')} like ${pattern} escape '\\'`,
          );
        }
        return eb.or(conditions);
      })
      .execute();
  }

  /** Expired conversation ids (oldest first, at most `limit`), locked on PostgreSQL (skipping locked rows). */
  private async expired(trx: Kysely<Database>, cutoff: string, limit: number | undefined): Promise<string[]> {
    let query = trx
      .selectFrom('conversations as c')
      .select('c.id')
      .where('c.updated_at', '<', cutoff)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('messages as m')
              .select('m.id')
              .whereRef('m.conversation_id', '=', 'c.id')
              .where('m.created_at', '>=', cutoff),
          ),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('escalations as e')
              .select('e.id')
              .whereRef('e.conversation_id', '=', 'c.id')
              .where((eb) => eb.or([eb('e.created_at', '>=', cutoff), eb('e.resolved_at', '>=', cutoff)])),
          ),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('escalation_notes as n')
              .innerJoin('escalations as e', 'e.id', 'n.escalation_id')
              .select('n.id')
              .whereRef('e.conversation_id', '=', 'c.id')
              .where('n.created_at', '>=', cutoff),
          ),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('outbox as o')
              .innerJoin('escalations as e', 'e.id', 'o.escalation_id')
              .select('o.id')
              .whereRef('e.conversation_id', '=', 'c.id')
              .where((eb) =>
                eb.or([
                  eb('o.created_at', '>=', cutoff),
                  eb('o.sent_at', '>=', cutoff),
                  eb('o.status', 'in', UNSENT),
                ]),
              ),
          ),
        ),
      )
      .orderBy('c.updated_at')
      .orderBy('c.id');
    if (limit !== undefined) query = query.limit(limit);
    if (this.dialect === 'postgres') query = query.forUpdate().skipLocked();
    return (await query.execute()).map((r) => r.id);
  }

  /** Conversations last updated before the cutoff whose mail is still unsent (the sweep waits for it). */
  private async countHeldBack(cutoff: string): Promise<number> {
    const row = await this.db()
      .selectFrom('conversations as c')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('c.updated_at', '<', cutoff)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('outbox as o')
            .innerJoin('escalations as e', 'e.id', 'o.escalation_id')
            .select('o.id')
            .whereRef('e.conversation_id', '=', 'c.id')
            .where('o.status', 'in', UNSENT),
        ),
      )
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private async conversationsWithUnsentMail(
    trx: Kysely<Database>,
    escalationIds: string[],
  ): Promise<Set<string>> {
    const held = new Set<string>();
    for (const chunk of chunks(escalationIds)) {
      const rows = await trx
        .selectFrom('outbox as o')
        .innerJoin('escalations as e', 'e.id', 'o.escalation_id')
        .select('e.conversation_id')
        .where('o.escalation_id', 'in', chunk)
        .where('o.status', 'in', UNSENT)
        .execute();
      for (const r of rows) held.add(r.conversation_id);
    }
    return held;
  }

  /** Every row that belongs to the conversations; escalations are locked on PostgreSQL (a reply mail waits). */
  private async plan(trx: Kysely<Database>, conversationIds: string[]): Promise<Plan> {
    const plan: Plan = {
      conversationIds,
      messageIds: [],
      escalationIds: [],
      noteIds: [],
      reviewIds: [],
      outbox: [],
    };
    for (const chunk of chunks(conversationIds)) {
      const messages = await trx
        .selectFrom('messages')
        .select('id')
        .where('conversation_id', 'in', chunk)
        .execute();
      plan.messageIds.push(...messages.map((r) => r.id));
      let escalations = trx.selectFrom('escalations').select('id').where('conversation_id', 'in', chunk);
      if (this.dialect === 'postgres') escalations = escalations.forUpdate();
      plan.escalationIds.push(...(await escalations.execute()).map((r) => r.id));
    }
    for (const chunk of chunks(plan.escalationIds)) {
      const notes = await trx
        .selectFrom('escalation_notes')
        .select('id')
        .where('escalation_id', 'in', chunk)
        .execute();
      plan.noteIds.push(...notes.map((r) => r.id));
      const mails = await trx
        .selectFrom('outbox')
        .select(['id', 'status'])
        .where('escalation_id', 'in', chunk)
        .execute();
      plan.outbox.push(...mails);
    }
    for (const chunk of chunks(plan.messageIds)) {
      const reviews = await trx
        .selectFrom('unanswered_reviews')
        .select('message_id')
        .where('message_id', 'in', chunk)
        .execute();
      plan.reviewIds.push(...reviews.map((r) => r.message_id));
    }
    return plan;
  }

  /** Deletes the planned rows, children first; returns what was deleted. */
  private async execute(trx: Kysely<Database>, plan: Plan): Promise<DeletionCounts> {
    const counts = emptyCounts();
    for (const chunk of chunks(plan.reviewIds)) {
      const r = await trx
        .deleteFrom('unanswered_reviews')
        .where('message_id', 'in', chunk)
        .executeTakeFirst();
      counts.unansweredReviews += Number(r.numDeletedRows);
    }
    for (const chunk of chunks(plan.noteIds)) {
      const r = await trx.deleteFrom('escalation_notes').where('id', 'in', chunk).executeTakeFirst();
      counts.escalationNotes += Number(r.numDeletedRows);
    }
    for (const chunk of chunks(plan.outbox)) {
      const r = await trx
        .deleteFrom('outbox')
        .where(
          'id',
          'in',
          chunk.map((m) => m.id),
        )
        .returning('status')
        .execute();
      counts.outbox += r.length;
      counts.outboxUnsent += r.filter((m) => m.status === 'pending' || m.status === 'sending').length;
    }
    for (const chunk of chunks(plan.escalationIds)) {
      const r = await trx.deleteFrom('escalations').where('id', 'in', chunk).executeTakeFirst();
      counts.escalations += Number(r.numDeletedRows);
    }
    for (const chunk of chunks(plan.messageIds)) {
      const r = await trx.deleteFrom('messages').where('id', 'in', chunk).executeTakeFirst();
      counts.messages += Number(r.numDeletedRows);
    }
    for (const chunk of chunks(plan.conversationIds)) {
      const r = await trx.deleteFrom('conversations').where('id', 'in', chunk).executeTakeFirst();
      counts.conversations += Number(r.numDeletedRows);
    }
    return counts;
  }
}

/** What `execute` would delete. */
function countsOf(plan: Plan): DeletionCounts {
  return {
    conversations: plan.conversationIds.length,
    messages: plan.messageIds.length,
    escalations: plan.escalationIds.length,
    escalationNotes: plan.noteIds.length,
    unansweredReviews: plan.reviewIds.length,
    outbox: plan.outbox.length,
    outboxUnsent: plan.outbox.filter((m) => m.status === 'pending' || m.status === 'sending').length,
  };
}
