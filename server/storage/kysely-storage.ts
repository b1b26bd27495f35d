/**
 * The one `Storage` implementation, over kysely, for both SQLite and PostgreSQL: it owns the database
 * handle (migrate, ping, close) and hands each part of the contract to the store of that concern — the
 * transcript's writes (by the fastest write path the handles allow, transcript-writes.ts), its reads,
 * and escalations with their mail.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { type BotActionRecord, BotActionStore } from './bot-action-store.ts';
import type { Database } from './database-schema.ts';
import { EscalationMailStore } from './escalation-mail-store.ts';
import { KyselyTranscriptWrites } from './kysely-transcript-writes.ts';
import { migrateToLatest } from './migrations.ts';
import { PostgresAppends } from './postgres-appends.ts';
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
import { SqliteHotWrites } from './sqlite-hot-writes.ts';
import { kyselyStatementRunner, preparedStatementRunner, type StatementRunner } from './statement-runner.ts';
import type { StorageDialect } from './storage-dialect.ts';
import { TranscriptStore } from './transcript-store.ts';
import type { TranscriptWrites } from './transcript-writes.ts';

/** `Storage` over a kysely instance; construct through `openStorage`, which also migrates. */
export class KyselyStorage implements Storage {
  readonly dialect: StorageDialect;
  private readonly kysely: Kysely<Database>;
  private closed = false;

  /** SQLite only: the hot writes' group commit, warmed after migrations. */
  private readonly hot: SqliteHotWrites | undefined;
  /** Runs compiled statements: prepared by name on the PostgreSQL pool, else through kysely. */
  private readonly run: StatementRunner;
  private readonly writes: TranscriptWrites;
  private readonly transcript: TranscriptStore;
  private readonly mail: EscalationMailStore;
  private readonly actions: BotActionStore;

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
    const live = () => this.db;
    this.run = pgPool ? preparedStatementRunner(pgPool) : kyselyStatementRunner(live);
    this.hot = sqlite && new SqliteHotWrites(sqlite, (fn) => this.db.connection().execute(fn));
    this.writes =
      this.hot ??
      (dialect === 'postgres'
        ? new PostgresAppends(live, this.run)
        : new KyselyTranscriptWrites(live, dialect));
    this.transcript = new TranscriptStore(live, dialect);
    this.mail = new EscalationMailStore(live, dialect);
    this.actions = new BotActionStore(live, dialect);
  }

  /** The live database; throws after close so every later call rejects with a clear message. */
  private get db(): Kysely<Database> {
    if (this.closed) throw new Error('storage is closed');
    return this.kysely;
  }

  database(): Kysely<Database> {
    return this.db;
  }

  statements(): StatementRunner {
    return this.run;
  }

  async migrate(): Promise<void> {
    await migrateToLatest(this.db as unknown as Kysely<unknown>, this.dialect);
    this.hot?.warm();
  }

  async close(): Promise<void> {
    // Idempotent so shutdown paths may call it more than once.
    if (this.closed) return;
    this.closed = true;
    await this.hot?.close();
    await this.kysely.destroy();
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  createConversation(input: NewConversation): Promise<Conversation> {
    return this.writes.createConversation(input);
  }

  getConversation(id: string): Promise<Conversation | undefined> {
    return this.transcript.getConversation(id);
  }

  findConversationByTokenHash(tokenHash: string): Promise<Conversation | undefined> {
    return this.transcript.findConversationByTokenHash(tokenHash);
  }

  updateConversation(id: string, patch: ConversationPatch): Promise<void> {
    return this.writes.updateConversation(id, patch);
  }

  bindCustomer(id: string, customerId: string, updatedAt: Date): Promise<boolean> {
    return this.writes.bindCustomer(id, customerId, updatedAt);
  }

  appendShopperMessage(input: NewShopperMessage): Promise<AppendShopperResult> {
    return this.writes.appendShopperMessage(input);
  }

  appendBotMessage(input: NewBotMessage): Promise<StoredMessage> {
    return this.writes.appendBotMessage(input);
  }

  appendExchange(
    shopper: NewShopperMessage,
    reply: NewBotMessage,
    patch: ConversationPatch,
  ): Promise<AppendExchangeResult> {
    return this.writes.appendExchange(shopper, reply, patch);
  }

  appendReply(
    reply: NewBotMessage,
    patch: ConversationPatch,
    action?: BotActionRecord,
  ): Promise<StoredMessage> {
    return this.writes.appendReply(reply, patch, action);
  }

  findReplyTo(shopperMessageId: string): Promise<StoredMessage | undefined> {
    return this.transcript.findReplyTo(shopperMessageId);
  }

  listMessages(
    conversationId: string,
    options?: { afterSeq?: number; limit?: number },
  ): Promise<StoredMessage[]> {
    return this.transcript.listMessages(conversationId, options);
  }

  setFeedback(conversationId: string, messageId: string, value: 1 | -1): Promise<boolean> {
    return this.transcript.setFeedback(conversationId, messageId, value);
  }

  createEscalationWithMail(
    escalation: NewEscalation,
    mail: NewOutboxMail | readonly NewOutboxMail[],
  ): Promise<boolean> {
    return this.mail.createEscalationWithMail(escalation, mail);
  }

  getEscalation(id: string): Promise<Escalation | undefined> {
    return this.mail.getEscalation(id);
  }

  recordBotAction(record: BotActionRecord): Promise<void> {
    return this.actions.record(record);
  }

  listBotActions(options?: { limit?: number; conversationId?: string }): Promise<BotActionRecord[]> {
    return this.actions.list(options);
  }

  listEscalations(options?: { status?: Escalation['status']; limit?: number }): Promise<Escalation[]> {
    return this.mail.listEscalations(options);
  }

  listOutbox(options?: { status?: OutboxMail['status']; limit?: number }): Promise<OutboxMail[]> {
    return this.mail.listOutbox(options);
  }

  claimDueMail(options: { now: Date; leaseUntil: Date; limit: number }): Promise<OutboxMail[]> {
    return this.mail.claimDueMail(options);
  }

  markMailSent(claim: MailClaim, sentAt: Date): Promise<boolean> {
    return this.mail.markMailSent(claim, sentAt);
  }

  scheduleMailRetry(claim: MailClaim, retry: { nextAttemptAt: Date; error: string }): Promise<boolean> {
    return this.mail.scheduleMailRetry(claim, retry);
  }

  markMailFailed(claim: MailClaim, error: string): Promise<boolean> {
    return this.mail.markMailFailed(claim, error);
  }
}
