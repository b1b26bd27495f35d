/**
 * The chat's hot writes on SQLite (new conversation, shopper message, bot message, conversation state,
 * the three of a message exchange together, and a reply with its state and its action's audit row), with group commit: writes requested in the same
 * event-loop turn share one IMMEDIATE transaction, so one fsync (synchronous=FULL) covers many chats
 * instead of one each. Every caller still gets its promise only after the commit is durable, and one
 * failing write does not undo the others: a write refused by its own checks (a duplicate, an unknown
 * conversation) has changed nothing, and a write that fails after changing rows makes the batch run
 * again with each write in its own savepoint (see commit()). Statements are prepared once, from the
 * column tables (row-sql.ts).
 *
 * Kysely's SQLite driver serialises everything on the same connection with a mutex; the batch takes
 * that mutex (`lock`) for its transaction, so it never interleaves with a kysely transaction.
 *
 * Under `synchronous=FULL` (the default) the batch commits with NORMAL and its callers wait for
 * WalSync's fdatasync of the WAL file on the thread pool instead (wal-sync.ts): the same durability at
 * the moment a caller hears back, without blocking the event loop in COMMIT. Other writes (kysely's)
 * keep FULL. The WAL's checkpoints run on a thread of their own (wal-checkpointer.ts), not inside a COMMIT.
 *
 * When another connection holds the write lock (another process of a cluster, a CLI), SQLite's busy
 * handler would sleep on this thread, a millisecond and more at a time, and every chat of the process with
 * it: a batch instead tries without waiting and, finding the lock taken, goes back to the head of the
 * queue and is tried again on a later turn, until the connection's busy timeout has passed.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Selectable } from 'kysely';
import { type BotActionRecord, botActionTable } from './bot-action-store.ts';
import { conversationTable, newConversation } from './conversation-table.ts';
import type { MessagesTable } from './database-schema.ts';
import { messageTable, newBotMessage, newShopperMessage } from './message-table.ts';
import type {
  AppendExchangeResult,
  AppendShopperResult,
  Conversation,
  ConversationPatch,
  NewBotMessage,
  NewConversation,
  NewShopperMessage,
  StoredMessage,
} from './repository.ts';
import { sqliteInsert, sqliteUpdateById } from './row-sql.ts';
import type { TranscriptWrites } from './transcript-writes.ts';
import { WalCheckpointer } from './wal-checkpointer.ts';
import { WalSync } from './wal-sync.ts';

/** A queued write and its caller's promise. */
interface PendingWrite {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** A duplicate (conversation, client seq): answered with the stored message, not an error. */
class DuplicateShopperMessage {
  constructor(readonly message: StoredMessage) {}
}

/**
 * Thrown by a write's own checks before it changed anything: the batch has nothing to undo for it, and
 * its caller gets `reason`. Any other error may come after a partial change (see flush()).
 */
class RefusedWrite {
  constructor(readonly reason: unknown) {}
}

/** A write failed after it may have changed rows: the batch is rolled back and run again, isolated. */
class WriteNeedsUndo {}

type Outcome = { ok: boolean; value: unknown };

/** The write lock was held by another connection (another process of a cluster, a CLI). */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Retries of a busy batch on the next event-loop turn before they are spaced by `BUSY_PAUSE_MS`. */
const BUSY_IMMEDIATE_TRIES = 8;
const BUSY_PAUSE_MS = 1;

/** Group-committed hot writes over one better-sqlite3 handle. */
export class SqliteHotWrites implements TranscriptWrites {
  private queue: PendingWrite[] = [];
  private scheduled = false;
  private prepared: ReturnType<SqliteHotWrites['prepare']> | undefined;

  /** Set when commits are made durable by WalSync (a WAL database file under synchronous=FULL). */
  private readonly walSync: WalSync | undefined;
  /** Set for a WAL database file: its checkpoints run on a thread of their own. */
  readonly checkpointer: WalCheckpointer | undefined;

  /**
   * The pragmas a batch commits under (busy timeout 0, and NORMAL when WalSync makes it durable) and
   * those that set the connection back for kysely's writes. Run with exec, compiled each time: SQLite
   * applies these pragmas when the statement is compiled, not when it runs, so a prepared one would set
   * them once, at prepare time, and never again.
   */
  private readonly batchPragmas: string;
  private readonly connectionPragmas: string;
  /** The connection's own busy timeout: how long a batch may wait for the write lock, without blocking. */
  private readonly busyTimeoutMs: number;
  /** When the batch at the head of the queue first found the write lock taken (performance.now()). */
  private busySince: number | undefined;
  private busyTries = 0;

  constructor(
    private readonly raw: BetterSqlite3.Database,
    /** Runs `fn` holding kysely's connection mutex. */
    private readonly lock: <T>(fn: () => Promise<T>) => Promise<T>,
    /** The WAL sync's fdatasync (tests); node:fs's by default. */
    fdatasync?: ConstructorParameters<typeof WalSync>[1],
  ) {
    const full = Number(raw.pragma('synchronous', { simple: true })) >= 2;
    const wal = String(raw.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
    if (wal && !raw.memory) this.checkpointer = new WalCheckpointer(raw);
    if (full && wal && !raw.memory) this.walSync = new WalSync(`${raw.name}-wal`, fdatasync);
    this.busyTimeoutMs = Number(raw.pragma('busy_timeout', { simple: true }));
    const synchronous = (level: string) => (this.walSync ? `pragma synchronous = ${level}; ` : '');
    this.batchPragmas = `${synchronous('NORMAL')}pragma busy_timeout = 0`;
    this.connectionPragmas = `${synchronous('FULL')}pragma busy_timeout = ${this.busyTimeoutMs}`;
  }

  /** Waits for the commits' syncs, closes the WAL file and stops the checkpoints (before the database is closed). */
  async close(): Promise<void> {
    await this.walSync?.close();
    await this.checkpointer?.close();
  }

  /** Statements, prepared on first use (the tables exist only after migrations ran). */
  private prepare(raw: BetterSqlite3.Database) {
    return {
      conversationExists: raw.prepare('select 1 from conversations where id = ?').pluck(),
      byClientSeq: raw.prepare(
        "select * from messages where conversation_id = ? and client_seq = ? and role = 'shopper'",
      ),
      maxSeq: raw.prepare('select coalesce(max(seq), 0) from messages where conversation_id = ?').pluck(),
      insertMessage: raw.prepare(sqliteInsert(messageTable)),
      insertConversation: raw.prepare(sqliteInsert(conversationTable)),
      insertBotAction: raw.prepare(`${sqliteInsert(botActionTable)} on conflict (id) do nothing`),
      bindCustomer: raw.prepare(
        'update conversations set customer_id = @customer_id, updated_at = @updated_at ' +
          'where id = @id and (customer_id is null or customer_id = @customer_id)',
      ),
    };
  }

  /** Prepares the statements now (after migrations), so the first chat does not pay for it. */
  warm(): void {
    void this.statements;
  }

  private get statements() {
    this.prepared ??= this.prepare(this.raw);
    return this.prepared;
  }

  /** Queues a write for the next group commit; resolves after the commit. */
  private write<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    let batch: PendingWrite[] = [];
    let outcomes: Outcome[] | undefined;
    try {
      outcomes = await this.lock(async () => {
        // Taken inside the lock: writes queued while waiting for it join this commit.
        batch = this.queue;
        this.queue = [];
        this.scheduled = false;
        if (batch.length === 0) return [];
        // SQLite's busy handler would sleep on this thread, every chat with it, while another process
        // holds the write lock: a batch that finds it taken is tried again on a later turn instead, for
        // as long as the connection's busy timeout, and then fails with SQLITE_BUSY as a wait would.
        const mayRetry = this.busyWaitLeft() > 0;
        this.raw.exec(this.batchPragmas);
        try {
          return this.commit(batch, false);
        } catch (error) {
          if (mayRetry && isBusy(error)) return undefined;
          if (!(error instanceof WriteNeedsUndo)) throw error;
          // Rolled back whole; again with each write in a savepoint, so only the failing one is undone.
          try {
            return this.commit(batch, true);
          } catch (again) {
            if (mayRetry && isBusy(again)) return undefined;
            throw again;
          }
        } finally {
          this.raw.exec(this.connectionPragmas);
        }
      });
      if (outcomes === undefined) {
        // Nothing of the batch was written: it goes back to the head of the queue.
        this.queue = batch.concat(this.queue);
        this.retryBusy();
        return;
      }
      this.busySince = undefined;
      this.busyTries = 0;
      // Outside the lock: the next batches commit while this one's sync runs.
      if (batch.length > 0) await this.walSync?.durable();
    } catch (error) {
      this.busySince = undefined;
      this.busyTries = 0;
      // The lock was refused (storage closed): what is queued will never be committed.
      if (batch.length === 0) {
        batch = this.queue;
        this.queue = [];
        this.scheduled = false;
      }
      // The commit or its sync failed (disk full, I/O error, the write lock taken for the whole busy
      // timeout): no caller may count on the batch.
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) pending.resolve(outcome.value);
      else pending.reject(outcome?.value);
    });
  }

  /**
   * How long the batch at the head of the queue may still wait for the write lock (the connection's busy
   * timeout, counted from the first try that found it taken).
   */
  private busyWaitLeft(): number {
    if (this.busySince === undefined) return this.busyTimeoutMs;
    return this.busySince + this.busyTimeoutMs - performance.now();
  }

  /** Schedules the next try of a batch that found the write lock taken. */
  private retryBusy(): void {
    this.busySince ??= performance.now();
    this.busyTries += 1;
    this.scheduled = true;
    // A commit holds the lock for well under a millisecond: the next turns first, then 1 ms apart.
    if (this.busyTries <= BUSY_IMMEDIATE_TRIES) setImmediate(() => void this.flush());
    else setTimeout(() => void this.flush(), BUSY_PAUSE_MS);
  }

  /**
   * Runs a batch in one IMMEDIATE transaction and commits it. Without savepoints (`isolated` false) a
   * write that fails after changing rows aborts the whole transaction (WriteNeedsUndo). Savepoints cost a
   * sub-journal copy of every page each write touches, about a third of a message's storage time, and
   * the writes that fail in practice (a retried message, an unknown conversation) fail in their checks,
   * before changing anything.
   */
  private commit(batch: PendingWrite[], isolated: boolean): Outcome[] {
    const outcomes: Outcome[] = [];
    this.raw
      .transaction(() => {
        for (const pending of batch) {
          try {
            // A nested better-sqlite3 transaction is a savepoint: a failing write undoes only itself.
            const value = isolated ? this.raw.transaction(pending.work)() : pending.work();
            outcomes.push({ ok: true, value });
          } catch (error) {
            if (error instanceof RefusedWrite) outcomes.push({ ok: false, value: error.reason });
            else if (isolated) outcomes.push({ ok: false, value: error });
            // Its error comes back from the isolated run, where the same write fails again.
            else throw new WriteNeedsUndo();
          }
        }
      })
      .immediate();
    return outcomes;
  }

  createConversation(input: NewConversation): Promise<Conversation> {
    const conversation = newConversation(input);
    const row = conversationTable.toRow(conversation);
    return this.write(() => {
      this.statements.insertConversation.run(row);
      return conversation;
    });
  }

  async appendShopperMessage(input: NewShopperMessage): Promise<AppendShopperResult> {
    try {
      const message = await this.write(() => this.insertShopper(input));
      return { message, duplicate: false };
    } catch (error) {
      if (error instanceof DuplicateShopperMessage) return { message: error.message, duplicate: true };
      throw error;
    }
  }

  appendBotMessage(input: NewBotMessage): Promise<StoredMessage> {
    return this.write(() => {
      this.requireConversation(input.conversationId);
      return this.insert(newBotMessage(input));
    });
  }

  /** Shopper message, reply and conversation state in one savepoint of the next group commit. */
  async appendExchange(
    shopper: NewShopperMessage,
    reply: NewBotMessage,
    patch: ConversationPatch,
  ): Promise<AppendExchangeResult> {
    const update = this.conversationUpdate(shopper.conversationId, patch);
    try {
      return await this.write((): AppendExchangeResult => {
        const message = this.insertShopper(shopper);
        // The write lock is held: the reply's seq is the next one.
        const stored = { ...newBotMessage(reply), seq: message.seq + 1 };
        this.statements.insertMessage.run(messageTable.toRow(stored));
        this.updateStatement(update.sql).run(update.values);
        return { duplicate: false, message, reply: stored };
      });
    } catch (error) {
      if (error instanceof DuplicateShopperMessage) return { duplicate: true, message: error.message };
      throw error;
    }
  }

  /** Reply, conversation state and the action's audit row in one savepoint of the next group commit. */
  appendReply(
    reply: NewBotMessage,
    patch: ConversationPatch,
    action?: BotActionRecord,
  ): Promise<StoredMessage> {
    const update = this.conversationUpdate(reply.conversationId, patch);
    const audit = action && botActionTable.toRow(action);
    return this.write(() => {
      this.requireConversation(reply.conversationId);
      const stored = this.insert(newBotMessage(reply));
      this.updateStatement(update.sql).run(update.values);
      if (audit) this.statements.insertBotAction.run(audit);
      return stored;
    });
  }

  updateConversation(id: string, patch: ConversationPatch): Promise<void> {
    const { sql, values } = this.conversationUpdate(id, patch);
    return this.write(() => {
      // better-sqlite3 caches nothing by text; the few column combinations are prepared on first use.
      this.updateStatement(sql).run(values);
    });
  }

  bindCustomer(id: string, customerId: string, updatedAt: Date): Promise<boolean> {
    const row = { ...conversationTable.patchRow({ customerId, updatedAt }), id };
    return this.write(() => this.statements.bindCustomer.run(row).changes > 0);
  }

  /** The UPDATE of a patch: only the columns it changes. */
  private conversationUpdate(id: string, patch: ConversationPatch) {
    const row = conversationTable.patchRow(patch);
    return { sql: sqliteUpdateById(conversationTable, row), values: { ...row, id } };
  }

  private readonly updates = new Map<string, BetterSqlite3.Statement>();

  private updateStatement(sql: string): BetterSqlite3.Statement {
    let statement = this.updates.get(sql);
    if (!statement) {
      statement = this.raw.prepare(sql);
      this.updates.set(sql, statement);
    }
    return statement;
  }

  /** Inserts a shopper message; throws DuplicateShopperMessage when its client seq was stored before. */
  private insertShopper(input: NewShopperMessage): StoredMessage {
    this.requireConversation(input.conversationId);
    if (input.clientSeq !== null) {
      const row = this.statements.byClientSeq.get(input.conversationId, input.clientSeq) as
        | Selectable<MessagesTable>
        | undefined;
      if (row) throw new RefusedWrite(new DuplicateShopperMessage(messageTable.fromRow(row, 'sqlite')));
    }
    return this.insert(newShopperMessage(input));
  }

  private requireConversation(conversationId: string): void {
    if (!this.statements.conversationExists.get(conversationId)) {
      throw new RefusedWrite(new Error(`unknown conversation ${conversationId}`));
    }
  }

  /** Inserts with the next seq of the conversation (the batch's write lock makes max+1 safe). */
  private insert(message: StoredMessage): StoredMessage {
    const seq = Number(this.statements.maxSeq.get(message.conversationId)) + 1;
    this.statements.insertMessage.run(messageTable.toRow({ ...message, seq }));
    return { ...message, seq };
  }
}
