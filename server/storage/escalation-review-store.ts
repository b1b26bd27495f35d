/**
 * What operators read and change about escalations in the console: the filtered list, one escalation
 * with its mails and notes, notes, resolve / reopen, the outbox view, and replies queued as outbox mail.
 * The transcript itself comes from `Storage.listMessages`.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { clampLimit, toDate, toNullableDate } from './column-values.ts';
import type { Database, EscalationNotesTable, EscalationsTable } from './database-schema.ts';
import type { ConversationChannel, Escalation, Locale, NewOutboxMail, OutboxMail } from './repository.ts';
import { outboxRow, toEscalation, toOutboxMail } from './row-mappers.ts';

/** An escalation as the console lists it. */
export interface ReviewedEscalation extends Escalation {
  /** The conversation's locale (the shopper's language at its last message). */
  locale: Locale;
  /** Where the shopper asked: the web widget or LINE (docs/line.md). */
  channel: ConversationChannel;
  resolvedAt: Date | null;
  /** Name of the staff member who resolved it (null when open, or when the account is gone). */
  resolvedBy: string | null;
}

/** An operator's note. */
export interface StoredEscalationNote {
  id: string;
  escalationId: string;
  authorId: string | null;
  authorName: string;
  text: string;
  createdAt: Date;
}

/** Filters of the escalation list; `from`/`to` are instants (start inclusive, end exclusive). */
export interface EscalationFilter {
  status?: 'open' | 'resolved';
  reason?: string;
  intent?: string;
  start?: Date;
  end?: Date;
  limit?: number;
}

/** Mail counts per delivery status. */
export type OutboxCounts = Record<OutboxMail['status'], number>;

const DEFAULT_LIST_LIMIT = 200;
/** Mails per escalation shown in the console (a long thread of replies stays readable). */
const MAX_MAILS_PER_ESCALATION = 200;

type EscalationRow = Selectable<EscalationsTable> & {
  locale: Locale;
  channel: ConversationChannel;
  resolver_name: string | null;
};

function toReviewed(row: EscalationRow): ReviewedEscalation {
  return {
    ...toEscalation(row),
    locale: row.locale,
    channel: row.channel,
    resolvedAt: toNullableDate(row.resolved_at),
    resolvedBy: row.resolved_by === null ? null : row.resolver_name,
  };
}

function toNote(row: Selectable<EscalationNotesTable>): StoredEscalationNote {
  return {
    id: row.id,
    escalationId: row.escalation_id,
    authorId: row.author_id,
    authorName: row.author_name,
    text: row.text,
    createdAt: toDate(row.created_at),
  };
}

/** Escalations, notes and outbox mail for the console, over the shared database. */
export class EscalationReviewStore {
  constructor(private readonly db: () => Kysely<Database>) {}

  private selectEscalations() {
    return this.db()
      .selectFrom('escalations')
      .innerJoin('conversations', 'conversations.id', 'escalations.conversation_id')
      .leftJoin('staff_users', 'staff_users.id', 'escalations.resolved_by')
      .selectAll('escalations')
      .select([
        'conversations.locale as locale',
        'conversations.channel as channel',
        'staff_users.name as resolver_name',
      ]);
  }

  /** Escalations matching the filter, newest first. */
  async list(filter: EscalationFilter = {}): Promise<ReviewedEscalation[]> {
    let query = this.selectEscalations();
    if (filter.status !== undefined) query = query.where('escalations.status', '=', filter.status);
    if (filter.reason !== undefined) query = query.where('escalations.reason', '=', filter.reason);
    if (filter.intent !== undefined) query = query.where('escalations.intent', '=', filter.intent);
    if (filter.start !== undefined)
      query = query.where('escalations.created_at', '>=', filter.start.toISOString());
    if (filter.end !== undefined)
      query = query.where('escalations.created_at', '<', filter.end.toISOString());
    const rows = await query
      .orderBy('escalations.created_at', 'desc')
      .orderBy('escalations.id', 'desc')
      .limit(clampLimit(filter.limit, DEFAULT_LIST_LIMIT))
      .execute();
    return rows.map(toReviewed);
  }

  async get(id: string): Promise<ReviewedEscalation | undefined> {
    const row = await this.selectEscalations().where('escalations.id', '=', id).executeTakeFirst();
    return row && toReviewed(row);
  }

  /** Marks it resolved by a staff member; an already resolved escalation keeps who and when. */
  async resolve(id: string, userId: string, now: Date): Promise<ReviewedEscalation | undefined> {
    await this.db()
      .updateTable('escalations')
      .set({ status: 'resolved', resolved_at: now.toISOString(), resolved_by: userId })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .execute();
    return this.get(id);
  }

  /** Opens it again (a shopper wrote back); clears who resolved it. */
  async reopen(id: string): Promise<ReviewedEscalation | undefined> {
    await this.db()
      .updateTable('escalations')
      .set({ status: 'open', resolved_at: null, resolved_by: null })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  async addNote(input: {
    escalationId: string;
    authorId: string | null;
    authorName: string;
    text: string;
    now: Date;
  }): Promise<StoredEscalationNote> {
    const row = {
      id: randomUUID(),
      escalation_id: input.escalationId,
      author_id: input.authorId,
      author_name: input.authorName,
      text: input.text,
      created_at: input.now.toISOString(),
    };
    await this.db().insertInto('escalation_notes').values(row).execute();
    return toNote(row);
  }

  /** Notes of an escalation, oldest first. */
  async listNotes(escalationId: string): Promise<StoredEscalationNote[]> {
    const rows = await this.db()
      .selectFrom('escalation_notes')
      .selectAll()
      .where('escalation_id', '=', escalationId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toNote);
  }

  /** Mails of an escalation as queued (handoff mail, shopper copy, replies), oldest first. */
  async listMails(escalationId: string): Promise<OutboxMail[]> {
    const rows = await this.db()
      .selectFrom('outbox')
      .selectAll()
      .where('escalation_id', '=', escalationId)
      .orderBy('created_at')
      .orderBy('id')
      .limit(MAX_MAILS_PER_ESCALATION)
      .execute();
    return rows.map(toOutboxMail);
  }

  /** Queues one mail, due at once; the relay sends it. */
  async queueMail(mail: NewOutboxMail): Promise<OutboxMail> {
    await this.db().insertInto('outbox').values(outboxRow(mail)).execute();
    const row = await this.db()
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', mail.id)
      .executeTakeFirstOrThrow();
    return toOutboxMail(row);
  }

  /** The outbox, newest first, optionally of one status. */
  async listOutbox(options: { status?: OutboxMail['status']; limit?: number } = {}): Promise<OutboxMail[]> {
    let query = this.db().selectFrom('outbox').selectAll();
    if (options.status !== undefined) query = query.where('status', '=', options.status);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(clampLimit(options.limit, DEFAULT_LIST_LIMIT))
      .execute();
    return rows.map(toOutboxMail);
  }

  /** How many mails are in each delivery status. */
  async countOutbox(): Promise<OutboxCounts> {
    const rows = await this.db()
      .selectFrom('outbox')
      .select(['status', sql<number>`count(*)`.as('n')])
      .groupBy('status')
      .execute();
    const counts: OutboxCounts = { pending: 0, sending: 0, sent: 0, failed: 0 };
    for (const row of rows) if (row.status in counts) counts[row.status] = Number(row.n);
    return counts;
  }
}
