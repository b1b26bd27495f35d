/**
 * Escalations and their outbox mail as the chat and the mail relay use them: an escalation recorded
 * with its mail in one transaction (idempotent by escalation id), and the relay's claim and settlement
 * of due mail, where a claim is one delivery attempt that only its own relay may settle.
 */
import { type Kysely, sql } from 'kysely';
import { clampLimit } from './column-values.ts';
import type { Database } from './database-schema.ts';
import { isUniqueViolation } from './db-errors.ts';
import type {
  Escalation,
  MailClaim,
  NewEscalation,
  NewOutboxMail,
  OutboxMail,
  Storage,
} from './repository.ts';
import { outboxRow, toEscalation, toOutboxMail } from './row-mappers.ts';
import type { StorageDialect } from './storage-dialect.ts';
import { writeTransaction } from './write-transaction.ts';

const DEFAULT_OUTBOX_LIMIT = 500;
const DEFAULT_ESCALATION_LIMIT = 500;

/** The escalation and mail part of `Storage`. */
export type EscalationMail = Pick<
  Storage,
  | 'createEscalationWithMail'
  | 'getEscalation'
  | 'listEscalations'
  | 'listOutbox'
  | 'claimDueMail'
  | 'markMailSent'
  | 'scheduleMailRetry'
  | 'markMailFailed'
>;

/** Escalations and outbox mail over kysely, for either dialect. */
export class EscalationMailStore implements EscalationMail {
  constructor(
    /** The live database (throws once the storage is closed). */
    private readonly db: () => Kysely<Database>,
    private readonly dialect: StorageDialect,
  ) {}

  async createEscalationWithMail(
    escalation: NewEscalation,
    mail: NewOutboxMail | readonly NewOutboxMail[],
  ): Promise<boolean> {
    const mails = (Array.isArray(mail) ? mail : [mail]) as readonly NewOutboxMail[];
    try {
      return await writeTransaction(this.db(), this.dialect, async (trx) => {
        const existing = await trx
          .selectFrom('escalations')
          .select('id')
          .where('id', '=', escalation.id)
          .executeTakeFirst();
        if (existing) return false;
        await trx
          .insertInto('escalations')
          .values({
            id: escalation.id,
            conversation_id: escalation.conversationId,
            reason: escalation.reason,
            intent: escalation.intent,
            score: escalation.score,
            email: escalation.email,
            summary: escalation.summary,
            customer_id: escalation.customerId ?? null,
            subscriptions: escalation.subscriptions ? JSON.stringify(escalation.subscriptions) : null,
            created_at: escalation.createdAt.toISOString(),
            resolved_at: null,
          })
          .execute();
        for (const m of mails) {
          await trx.insertInto('outbox').values(outboxRow(m)).execute();
        }
        return true;
      });
    } catch (error) {
      // PostgreSQL: a concurrent writer of the same escalation got there first (primary key).
      if (isUniqueViolation(error) && (await this.getEscalation(escalation.id))) return false;
      throw error;
    }
  }

  async getEscalation(id: string): Promise<Escalation | undefined> {
    const row = await this.db().selectFrom('escalations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toEscalation(row);
  }

  async listEscalations(
    options: { status?: Escalation['status']; limit?: number } = {},
  ): Promise<Escalation[]> {
    let query = this.db().selectFrom('escalations').selectAll();
    if (options.status !== undefined) query = query.where('status', '=', options.status);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(clampLimit(options.limit, DEFAULT_ESCALATION_LIMIT))
      .execute();
    return rows.map(toEscalation);
  }

  async listOutbox(options: { status?: OutboxMail['status']; limit?: number } = {}): Promise<OutboxMail[]> {
    let query = this.db().selectFrom('outbox').selectAll();
    if (options.status !== undefined) query = query.where('status', '=', options.status);
    const rows = await query
      .orderBy('created_at')
      .orderBy('id')
      .limit(clampLimit(options.limit, DEFAULT_OUTBOX_LIMIT))
      .execute();
    return rows.map(toOutboxMail);
  }

  async claimDueMail(options: { now: Date; leaseUntil: Date; limit: number }): Promise<OutboxMail[]> {
    const now = options.now.toISOString();
    const limit = clampLimit(options.limit, 1);
    if (limit === 0) return [];
    return writeTransaction(this.db(), this.dialect, async (trx) => {
      let due = trx
        .selectFrom('outbox')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('status', '=', 'sending'), eb('lease_expires_at', '<=', now)]),
          ]),
        )
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit);
      // PostgreSQL: rows another relay is claiming right now are skipped, not waited for. SQLite: the
      // IMMEDIATE transaction already excludes every other writer.
      if (this.dialect === 'postgres') due = due.forUpdate().skipLocked();
      const ids = (await due.execute()).map((r) => r.id);
      if (ids.length === 0) return [];
      const rows = await trx
        .updateTable('outbox')
        .set({
          status: 'sending',
          lease_expires_at: options.leaseUntil.toISOString(),
          attempts: sql<number>`attempts + 1`,
          first_attempt_at: sql<string>`coalesce(first_attempt_at, ${now})`,
        })
        .where('id', 'in', ids)
        .returningAll()
        .execute();
      return rows
        .map(toOutboxMail)
        .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || (a.id < b.id ? -1 : 1));
    });
  }

  async markMailSent(claim: MailClaim, sentAt: Date): Promise<boolean> {
    return this.settleClaim(claim, { status: 'sent', sent_at: sentAt.toISOString() });
  }

  async scheduleMailRetry(claim: MailClaim, retry: { nextAttemptAt: Date; error: string }): Promise<boolean> {
    return this.settleClaim(claim, {
      status: 'pending',
      next_attempt_at: retry.nextAttemptAt.toISOString(),
      last_error: retry.error,
    });
  }

  async markMailFailed(claim: MailClaim, error: string): Promise<boolean> {
    return this.settleClaim(claim, { status: 'failed', last_error: error });
  }

  /** Ends a claimed attempt, only if the row is still claimed by that attempt. */
  private async settleClaim(
    claim: MailClaim,
    patch: {
      status: OutboxMail['status'];
      sent_at?: string;
      next_attempt_at?: string;
      last_error?: string;
    },
  ): Promise<boolean> {
    const result = await this.db()
      .updateTable('outbox')
      .set({ ...patch, lease_expires_at: null })
      .where('id', '=', claim.id)
      .where('status', '=', 'sending')
      .where('attempts', '=', claim.attempt)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
