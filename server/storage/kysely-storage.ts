/**
 * The one `Storage` implementation, over kysely, for both SQLite and PostgreSQL. Dialect differences
 * stay inside this file: how a write transaction locks, and how dates and JSON are stored.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { type CompiledQuery, type Kysely, type Selectable, sql } from 'kysely';
import type pg from 'pg';
import { clampLimit, fromJson, toDate } from './column-values.ts';
import type { ConversationsTable, Database, MessagesTable } from './database-schema.ts';
import { isUniqueViolation } from './db-errors.ts';
import { migrateToLatest, type StorageDialect } from './migrations.ts';
import {
  insertExchange,
  insertWithNextSeq,
  preparedStatementRunner,
  type StatementRunner,
} from './postgres-appends.ts';
import type {
  AppendExchangeResult,
  AppendShopperResult,
  Conversation,
  ConversationPatch,
  Escalation,
  MailClaim,
  NewBotMessage,
  NewConversation,
  NewEscalation,
  NewOutboxMail,
  NewShopperMessage,
  OutboxMail,
  Storage,
  StoredMessage,
} from './repository.ts';
import {
  messageRow,
  newBotMessage,
  newShopperMessage,
  outboxRow,
  toEscalation,
  toOutboxMail,
} from './row-mappers.ts';
import { SqliteHotWrites } from './sqlite-hot-writes.ts';
import { writeTransaction } from './write-transaction.ts';

const DEFAULT_MESSAGE_LIMIT = 500;
const DEFAULT_OUTBOX_LIMIT = 500;
const DEFAULT_ESCALATION_LIMIT = 500;

/** `Storage` over a kysely instance; construct through `openStorage`, which also migrates. */
export class KyselyStorage implements Storage {
  readonly dialect: StorageDialect;
  private readonly kysely: Kysely<Database>;
  private closed = false;

  /** SQLite only: the chat's hot writes, group-committed on the raw handle (sqlite-hot-writes.ts). */
  private readonly hot: SqliteHotWrites | undefined;

  /** PostgreSQL only: the chat's appends as prepared statements on the pool under `db`. */
  private readonly prepared: StatementRunner | undefined;

  /**
   * Takes ownership of `db`: `close()` destroys it. `sqlite` is the better-sqlite3 handle under a SQLite
   * `db`, for the group-committed hot path; without it every write goes through kysely. `pgPool` is the
   * pool under a PostgreSQL `db`, for prepared statements; without it they are planned every time.
   */
  constructor(
    db: Kysely<Database>,
    dialect: StorageDialect,
    handles: { sqlite?: BetterSqlite3.Database; pgPool?: pg.Pool } = {},
  ) {
    const { sqlite, pgPool } = handles;
    this.kysely = db;
    this.dialect = dialect;
    this.prepared = pgPool && preparedStatementRunner(pgPool);
    this.hot =
      sqlite &&
      new SqliteHotWrites(
        sqlite,
        (fn) => this.db.connection().execute(fn),
        (row) => this.toMessage(row as Selectable<MessagesTable>),
      );
  }

  /** How the PostgreSQL appends run their statements. */
  private statements(): StatementRunner {
    const db = this.db;
    return this.prepared ?? (async <R>(query: CompiledQuery) => (await db.executeQuery<R>(query)).rows);
  }

  /** The live database; throws after close so every later call rejects with a clear message. */
  private get db(): Kysely<Database> {
    if (this.closed) throw new Error('storage is closed');
    return this.kysely;
  }

  database(): Kysely<Database> {
    return this.db;
  }

  async migrate(): Promise<void> {
    await migrateToLatest(this.db as unknown as Kysely<unknown>, this.dialect);
    this.hot?.warm();
  }

  async close(): Promise<void> {
    // Idempotent so shutdown paths may call it more than once.
    if (this.closed) return;
    this.closed = true;
    await this.kysely.destroy();
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async createConversation(input: NewConversation): Promise<Conversation> {
    if (this.hot) return this.hot.createConversation(input);
    const createdAt = input.createdAt.toISOString();
    await this.db
      .insertInto('conversations')
      .values({
        id: input.id,
        token_hash: input.tokenHash,
        locale: input.locale,
        state: '{}',
        email: null,
        created_at: createdAt,
        updated_at: createdAt,
      })
      .execute();
    return {
      id: input.id,
      tokenHash: input.tokenHash,
      locale: input.locale,
      state: {},
      email: null,
      createdAt: new Date(input.createdAt.getTime()),
      updatedAt: new Date(input.createdAt.getTime()),
    };
  }

  async getConversation(id: string): Promise<Conversation | undefined> {
    const row = await this.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && this.toConversation(row);
  }

  async findConversationByTokenHash(tokenHash: string): Promise<Conversation | undefined> {
    const row = await this.db
      .selectFrom('conversations')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row && this.toConversation(row);
  }

  async updateConversation(id: string, patch: ConversationPatch): Promise<void> {
    if (this.hot) return this.hot.updateConversation(id, patch);
    await this.patchConversation(this.db, id, patch);
  }

  private async patchConversation(db: Kysely<Database>, id: string, patch: ConversationPatch): Promise<void> {
    await db
      .updateTable('conversations')
      .set({
        updated_at: patch.updatedAt.toISOString(),
        ...(patch.state === undefined ? {} : { state: JSON.stringify(patch.state) }),
        ...(patch.locale === undefined ? {} : { locale: patch.locale }),
        // `null` is a real value here (forget the email); only `undefined` means "leave as is".
        ...(patch.email === undefined ? {} : { email: patch.email }),
      })
      .where('id', '=', id)
      .execute();
  }

  async appendShopperMessage(input: NewShopperMessage): Promise<AppendShopperResult> {
    if (this.hot) return this.hot.appendShopperMessage(input);
    if (this.dialect === 'postgres') return this.appendShopperPostgres(input);
    try {
      return await this.writeTransaction(async (trx) => {
        const existing = await this.lockAndFindRetried(trx, input);
        if (existing) return { message: existing, duplicate: true };
        const message = { ...newShopperMessage(input), seq: await this.nextSeq(trx, input.conversationId) };
        await this.insertMessage(trx, message);
        return { message, duplicate: false };
      });
    } catch (error) {
      // The lock makes this unreachable between well-behaved writers, but a retry racing past the
      // check (another process without the lock, a future code path) must still answer "duplicate".
      if (!isUniqueViolation(error) || input.clientSeq === null) throw error;
      const existing = await this.findByClientSeq(this.db, input.conversationId, input.clientSeq);
      if (!existing) throw error;
      return { message: existing, duplicate: true };
    }
  }

  async appendBotMessage(input: NewBotMessage): Promise<StoredMessage> {
    if (this.hot) return this.hot.appendBotMessage(input);
    if (this.dialect === 'postgres') {
      const message = newBotMessage(input);
      const seq = await insertWithNextSeq(this.db, this.statements(), message);
      return { ...message, seq: seq ?? 0 };
    }
    return this.writeTransaction(async (trx) => {
      await this.lockConversation(trx, input.conversationId);
      const message = { ...newBotMessage(input), seq: await this.nextSeq(trx, input.conversationId) };
      await this.insertMessage(trx, message);
      return message;
    });
  }

  async appendExchange(
    shopper: NewShopperMessage,
    reply: NewBotMessage,
    patch: ConversationPatch,
  ): Promise<AppendExchangeResult> {
    if (this.hot) return this.hot.appendExchange(shopper, reply, patch);
    if (this.dialect === 'postgres') {
      const message = newShopperMessage(shopper);
      const answer = newBotMessage(reply);
      const seq = await insertExchange(this.db, this.statements(), message, answer, patch);
      if (seq !== undefined)
        return { duplicate: false, message: { ...message, seq }, reply: { ...answer, seq: seq + 1 } };
      return { duplicate: true, message: await this.requireByClientSeq(shopper) };
    }
    return this.writeTransaction(async (trx): Promise<AppendExchangeResult> => {
      const existing = await this.lockAndFindRetried(trx, shopper);
      if (existing) return { duplicate: true, message: existing };
      const seq = await this.nextSeq(trx, shopper.conversationId);
      const message = { ...newShopperMessage(shopper), seq };
      const stored = { ...newBotMessage(reply), seq: seq + 1 };
      await this.insertMessage(trx, message);
      await this.insertMessage(trx, stored);
      await this.patchConversation(trx, shopper.conversationId, patch);
      return { duplicate: false, message, reply: stored };
    });
  }

  /**
   * Locks the message's conversation for this transaction (throws when there is none) and returns the
   * shopper message stored before under the same client seq, if this one is a retry.
   */
  private async lockAndFindRetried(
    trx: Kysely<Database>,
    input: NewShopperMessage,
  ): Promise<StoredMessage | undefined> {
    await this.lockConversation(trx, input.conversationId);
    // Without a client sequence number there is nothing to deduplicate on.
    if (input.clientSeq === null) return undefined;
    return this.findByClientSeq(trx, input.conversationId, input.clientSeq);
  }

  /** The shopper message stored before under the same client seq (a retried message). */
  private async requireByClientSeq(input: NewShopperMessage): Promise<StoredMessage> {
    const existing = await this.findByClientSeq(this.db, input.conversationId, input.clientSeq ?? -1);
    if (!existing) throw new Error(`shopper message ${input.clientSeq} neither inserted nor found`);
    return existing;
  }

  /** PostgreSQL: one statement (postgres-appends.ts); a retry finds the stored message. */
  private async appendShopperPostgres(input: NewShopperMessage): Promise<AppendShopperResult> {
    const message = newShopperMessage(input);
    const seq = await insertWithNextSeq(this.db, this.statements(), message);
    if (seq !== undefined) return { message: { ...message, seq }, duplicate: false };
    return { message: await this.requireByClientSeq(input), duplicate: true };
  }

  async findReplyTo(shopperMessageId: string): Promise<StoredMessage | undefined> {
    const row = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('reply_to', '=', shopperMessageId)
      .where('role', '=', 'bot')
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    return row && this.toMessage(row);
  }

  async listMessages(
    conversationId: string,
    options: { afterSeq?: number; limit?: number } = {},
  ): Promise<StoredMessage[]> {
    let query = this.db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId);
    if (options.afterSeq !== undefined) query = query.where('seq', '>', options.afterSeq);
    const rows = await query.orderBy('seq').limit(clampLimit(options.limit, DEFAULT_MESSAGE_LIMIT)).execute();
    return rows.map((row) => this.toMessage(row));
  }

  async setFeedback(conversationId: string, messageId: string, value: 1 | -1): Promise<boolean> {
    // Scoped to the conversation so a shopper's token cannot rate another conversation's replies.
    const result = await this.db
      .updateTable('messages')
      .set({ feedback: value })
      .where('id', '=', messageId)
      .where('conversation_id', '=', conversationId)
      .where('role', '=', 'bot')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async createEscalationWithMail(
    escalation: NewEscalation,
    mail: NewOutboxMail | readonly NewOutboxMail[],
  ): Promise<boolean> {
    const mails = (Array.isArray(mail) ? mail : [mail]) as readonly NewOutboxMail[];
    try {
      return await this.writeTransaction(async (trx) => {
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
    const row = await this.db.selectFrom('escalations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toEscalation(row);
  }

  async listEscalations(
    options: { status?: Escalation['status']; limit?: number } = {},
  ): Promise<Escalation[]> {
    let query = this.db.selectFrom('escalations').selectAll();
    if (options.status !== undefined) query = query.where('status', '=', options.status);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(clampLimit(options.limit, DEFAULT_ESCALATION_LIMIT))
      .execute();
    return rows.map(toEscalation);
  }

  async listOutbox(options: { status?: OutboxMail['status']; limit?: number } = {}): Promise<OutboxMail[]> {
    let query = this.db.selectFrom('outbox').selectAll();
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
    return this.writeTransaction(async (trx) => {
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
    const result = await this.db
      .updateTable('outbox')
      .set({ ...patch, lease_expires_at: null })
      .where('id', '=', claim.id)
      .where('status', '=', 'sending')
      .where('attempts', '=', claim.attempt)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Runs `fn` in a write transaction. SQLite: BEGIN IMMEDIATE takes the write lock up front, so a
   * read-then-write transaction cannot fail half-way with SQLITE_BUSY when another process (a CLI
   * next to the server) writes; inside this process kysely's single connection already serialises.
   */
  private async writeTransaction<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return writeTransaction(this.db, this.dialect, fn);
  }

  /**
   * Serialises appends per conversation so max(seq)+1 is never computed twice for the same value.
   * PostgreSQL: row lock on the conversation. SQLite: the IMMEDIATE transaction already holds the
   * database write lock, so this only checks existence.
   */
  private async lockConversation(trx: Kysely<Database>, conversationId: string): Promise<void> {
    let query = trx.selectFrom('conversations').select('id').where('id', '=', conversationId);
    if (this.dialect === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (!row) throw new Error(`unknown conversation ${conversationId}`);
  }

  private async nextSeq(trx: Kysely<Database>, conversationId: string): Promise<number> {
    const row = await trx
      .selectFrom('messages')
      .select((eb) => eb.fn.coalesce(eb.fn.max('seq'), sql<number>`0`).as('max_seq'))
      .where('conversation_id', '=', conversationId)
      .executeTakeFirstOrThrow();
    return Number(row.max_seq) + 1;
  }

  private async findByClientSeq(
    db: Kysely<Database>,
    conversationId: string,
    clientSeq: number,
  ): Promise<StoredMessage | undefined> {
    const row = await db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('client_seq', '=', clientSeq)
      .where('role', '=', 'shopper')
      .executeTakeFirst();
    return row && this.toMessage(row);
  }

  private async insertMessage(trx: Kysely<Database>, message: StoredMessage): Promise<void> {
    await trx.insertInto('messages').values(messageRow(message)).execute();
  }

  private fromJson(value: unknown): unknown {
    return fromJson(this.dialect, value);
  }

  private toConversation(row: Selectable<ConversationsTable>): Conversation {
    return {
      id: row.id,
      tokenHash: row.token_hash,
      locale: row.locale,
      state: (this.fromJson(row.state) ?? {}) as Record<string, unknown>,
      email: row.email,
      createdAt: toDate(row.created_at),
      updatedAt: toDate(row.updated_at),
    };
  }

  private toMessage(row: Selectable<MessagesTable>): StoredMessage {
    return {
      id: row.id,
      conversationId: row.conversation_id,
      seq: row.seq,
      role: row.role,
      text: row.text,
      clientSeq: row.client_seq,
      replyTo: row.reply_to,
      decision: row.decision,
      intent: row.intent,
      score: row.score,
      payload: (this.fromJson(row.payload) ?? null) as Record<string, unknown> | null,
      feedback: row.feedback,
      createdAt: toDate(row.created_at),
    };
  }
}
