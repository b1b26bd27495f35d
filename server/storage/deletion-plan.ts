/**
 * Deleting a set of conversations with everything that belongs to them (unanswered reviews, escalation
 * notes, outbox mail, escalations, messages), children first: the plan is found before anything is
 * deleted, so a dry run counts exactly what a deletion would delete. Runs inside the caller's write
 * transaction (privacy-store.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from './database-schema.ts';
import type { StorageDialect } from './storage-dialect.ts';

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
  /** LINE users (deletion by LINE user id: line-user-deletion.ts), with the customer id they linked. */
  lineUsers: number;
  /** Their stored LINE webhook events (what they wrote, as LINE sent it). */
  lineEvents: number;
  /** Their account-link attempts in flight. */
  lineLinks: number;
}

/** Ids per `in (…)` list (well under SQLite's and PostgreSQL's parameter limits). */
const CHUNK = 500;

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
    lineUsers: 0,
    lineEvents: 0,
    lineLinks: 0,
  };
}

/** Both counts added up. */
export function addCounts(a: DeletionCounts, b: DeletionCounts): DeletionCounts {
  const sum = emptyCounts();
  for (const key of Object.keys(sum) as (keyof DeletionCounts)[]) sum[key] = a[key] + b[key];
  return sum;
}

/** `items` in lists of at most CHUNK. */
export function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** The rows of a set of conversations, found before anything is deleted. */
export interface DeletionPlan {
  conversationIds: string[];
  messageIds: string[];
  escalationIds: string[];
  noteIds: string[];
  reviewIds: string[];
  outbox: { id: string; status: string }[];
}

/** Every row that belongs to the conversations; escalations are locked on PostgreSQL (a reply mail waits). */
export async function planDeletion(
  trx: Kysely<Database>,
  dialect: StorageDialect,
  conversationIds: string[],
): Promise<DeletionPlan> {
  const plan: DeletionPlan = {
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
    if (dialect === 'postgres') escalations = escalations.forUpdate();
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
export async function executeDeletion(trx: Kysely<Database>, plan: DeletionPlan): Promise<DeletionCounts> {
  const counts = emptyCounts();
  for (const chunk of chunks(plan.reviewIds)) {
    const r = await trx.deleteFrom('unanswered_reviews').where('message_id', 'in', chunk).executeTakeFirst();
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

/** What `executeDeletion` would delete. */
export function countsOf(plan: DeletionPlan): DeletionCounts {
  return {
    conversations: plan.conversationIds.length,
    messages: plan.messageIds.length,
    escalations: plan.escalationIds.length,
    escalationNotes: plan.noteIds.length,
    unansweredReviews: plan.reviewIds.length,
    outbox: plan.outbox.length,
    outboxUnsent: plan.outbox.filter((m) => m.status === 'pending' || m.status === 'sending').length,
    lineUsers: 0,
    lineEvents: 0,
    lineLinks: 0,
  };
}
