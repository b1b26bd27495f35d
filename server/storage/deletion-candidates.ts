/**
 * Finding whose data a deletion covers: the conversations that hold an address (as the reply address,
 * in an escalation, typed in a message), the mail that is addressed to it or mentions it, and for the
 * retention sweep the conversations whose last activity is before a cutoff and those held back because
 * their mail is not sent yet. Addresses are compared folded (NFKC, lower case) on both sides.
 */
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { escapeHtml } from '../mail/build-handoff-mail.ts';
import type { Database } from './database-schema.ts';
import { chunks } from './deletion-plan.ts';
import type { StorageDialect } from './storage-dialect.ts';

const UNSENT = ['pending', 'sending'] as const;

/** A LIKE pattern that finds `text` anywhere (its %, _ and \ taken literally; escape character \). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
}

/** The queries that pick what to delete, for one dialect. */
export class DeletionCandidates {
  constructor(
    private readonly db: () => Kysely<Database>,
    private readonly dialect: StorageDialect,
  ) {}

  /**
   * A column's value folded like `foldEmail` (privacy-store.ts; without the trim): PostgreSQL's
   * normalize(…, NFKC), and on SQLite the `nfkc_lower` function open-storage.ts registers on every
   * connection.
   */
  private folded(column: string): RawBuilder<string> {
    return this.dialect === 'postgres'
      ? sql<string>`lower(normalize(${sql.ref(column)}, NFKC))`
      : sql<string>`nfkc_lower(${sql.ref(column)})`;
  }

  /** The given conversation ids that exist, locked on PostgreSQL. */
  async existingConversations(trx: Kysely<Database>, ids: string[]): Promise<string[]> {
    let query = trx.selectFrom('conversations').select('id').where('id', 'in', ids);
    if (this.dialect === 'postgres') query = query.forUpdate();
    return (await query.execute()).map((r) => r.id);
  }

  /** Conversations that hold the address: as the reply address, in an escalation, or typed in a message. */
  async conversationsOfEmail(trx: Kysely<Database>, email: string): Promise<string[]> {
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
  async mailMentioning(trx: Kysely<Database>, email: string): Promise<{ id: string; status: string }[]> {
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
  async expired(trx: Kysely<Database>, cutoff: string, limit: number | undefined): Promise<string[]> {
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
  async countHeldBack(cutoff: string): Promise<number> {
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

  async conversationsWithUnsentMail(trx: Kysely<Database>, escalationIds: string[]): Promise<Set<string>> {
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
}
