/**
 * The transcript's writes over kysely alone, for either dialect: each append is one write transaction
 * that locks the conversation (a row lock on PostgreSQL; on SQLite BEGIN IMMEDIATE already holds the
 * database's write lock), finds a retried shopper message by its client seq, and takes max(seq) + 1.
 * The portable path, and the one the faster paths of each dialect must store the same rows as.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { type BotActionRecord, insertBotAction } from './bot-action-store.ts';
import { conversationTable, newConversation } from './conversation-table.ts';
import type { Database } from './database-schema.ts';
import { isUniqueViolation } from './db-errors.ts';
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
import { kyselyStatementRunner, type StatementRunner } from './statement-runner.ts';
import type { StorageDialect } from './storage-dialect.ts';
import type { TranscriptWrites } from './transcript-writes.ts';
import { writeTransaction } from './write-transaction.ts';

/** Conversations and messages written through kysely, one write transaction per call. */
export class KyselyTranscriptWrites implements TranscriptWrites {
  constructor(
    /** The live database (throws once the storage is closed). */
    protected readonly db: () => Kysely<Database>,
    protected readonly dialect: StorageDialect,
    /**
     * Runs the writes made outside a transaction (a new conversation, a patch alone): through kysely by
     * default; the server's PostgreSQL storage passes its runner, which prepares each text by name.
     */
    protected readonly run: StatementRunner = kyselyStatementRunner(db),
  ) {}

  async createConversation(input: NewConversation): Promise<Conversation> {
    const conversation = newConversation(input);
    await this.run(
      this.db().insertInto('conversations').values(conversationTable.toRow(conversation)).compile(),
    );
    return conversation;
  }

  async updateConversation(id: string, patch: ConversationPatch): Promise<void> {
    await this.run(conversationUpdate(this.db(), id, patch).compile());
  }

  async bindCustomer(id: string, customerId: string, updatedAt: Date): Promise<boolean> {
    const result = await this.db()
      .updateTable('conversations')
      .set(conversationTable.patchRow({ customerId, updatedAt }))
      .where('id', '=', id)
      .where((eb) => eb.or([eb('customer_id', 'is', null), eb('customer_id', '=', customerId)]))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** The conversation's patch inside a write transaction. */
  private async patchConversation(
    trx: Kysely<Database>,
    id: string,
    patch: ConversationPatch,
  ): Promise<void> {
    await conversationUpdate(trx, id, patch).execute();
  }

  async appendShopperMessage(input: NewShopperMessage): Promise<AppendShopperResult> {
    try {
      return await writeTransaction(this.db(), this.dialect, async (trx) => {
        const existing = await this.lockAndFindRetried(trx, input);
        if (existing) return { message: existing, duplicate: true };
        const message = { ...newShopperMessage(input), seq: await nextMessageSeq(trx, input.conversationId) };
        await this.insertMessage(trx, message);
        return { message, duplicate: false };
      });
    } catch (error) {
      // The lock makes this unreachable between well-behaved writers, but a retry racing past the
      // check (another process without the lock, a future code path) must still answer "duplicate".
      if (!isUniqueViolation(error) || input.clientSeq === null) throw error;
      const existing = await this.findByClientSeq(this.db(), input.conversationId, input.clientSeq);
      if (!existing) throw error;
      return { message: existing, duplicate: true };
    }
  }

  async appendBotMessage(input: NewBotMessage): Promise<StoredMessage> {
    return writeTransaction(this.db(), this.dialect, async (trx) => {
      await lockConversation(trx, this.dialect, input.conversationId);
      const message = { ...newBotMessage(input), seq: await nextMessageSeq(trx, input.conversationId) };
      await this.insertMessage(trx, message);
      return message;
    });
  }

  async appendExchange(
    shopper: NewShopperMessage,
    reply: NewBotMessage,
    patch: ConversationPatch,
  ): Promise<AppendExchangeResult> {
    return writeTransaction(this.db(), this.dialect, async (trx): Promise<AppendExchangeResult> => {
      const existing = await this.lockAndFindRetried(trx, shopper);
      if (existing) return { duplicate: true, message: existing };
      const seq = await nextMessageSeq(trx, shopper.conversationId);
      const message = { ...newShopperMessage(shopper), seq };
      const stored = { ...newBotMessage(reply), seq: seq + 1 };
      await this.insertMessage(trx, message);
      await this.insertMessage(trx, stored);
      await this.patchConversation(trx, shopper.conversationId, patch);
      return { duplicate: false, message, reply: stored };
    });
  }

  async appendReply(
    reply: NewBotMessage,
    patch: ConversationPatch,
    action?: BotActionRecord,
  ): Promise<StoredMessage> {
    return writeTransaction(this.db(), this.dialect, async (trx) => {
      await lockConversation(trx, this.dialect, reply.conversationId);
      const message = { ...newBotMessage(reply), seq: await nextMessageSeq(trx, reply.conversationId) };
      await this.insertMessage(trx, message);
      await this.patchConversation(trx, reply.conversationId, patch);
      if (action) await insertBotAction(trx, action);
      return message;
    });
  }

  /** The shopper message stored before under the same client seq (a retried message). */
  protected async findByClientSeq(
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
    return row && messageTable.fromRow(row, this.dialect);
  }

  /**
   * Locks the message's conversation for this transaction (throws when there is none) and returns the
   * shopper message stored before under the same client seq, if this one is a retry.
   */
  private async lockAndFindRetried(
    trx: Kysely<Database>,
    input: NewShopperMessage,
  ): Promise<StoredMessage | undefined> {
    await lockConversation(trx, this.dialect, input.conversationId);
    // Without a client sequence number there is nothing to deduplicate on.
    if (input.clientSeq === null) return undefined;
    return this.findByClientSeq(trx, input.conversationId, input.clientSeq);
  }

  private async insertMessage(trx: Kysely<Database>, message: StoredMessage): Promise<void> {
    await trx.insertInto('messages').values(messageTable.toRow(message)).execute();
  }
}

/**
 * Serialises appends per conversation so max(seq)+1 is never computed twice for the same value by
 * writers that lock. PostgreSQL: row lock on the conversation. SQLite: the IMMEDIATE transaction already
 * holds the database write lock, so this only checks existence.
 */
async function lockConversation(
  trx: Kysely<Database>,
  dialect: StorageDialect,
  conversationId: string,
): Promise<void> {
  let query = trx.selectFrom('conversations').select('id').where('id', '=', conversationId);
  if (dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new Error(`unknown conversation ${conversationId}`);
}

/** The next message seq of a conversation, in the caller's transaction. */
export async function nextMessageSeq(trx: Kysely<Database>, conversationId: string): Promise<number> {
  const row = await trx
    .selectFrom('messages')
    .select((eb) => eb.fn.coalesce(eb.fn.max('seq'), sql<number>`0`).as('max_seq'))
    .where('conversation_id', '=', conversationId)
    .executeTakeFirstOrThrow();
  return Number(row.max_seq) + 1;
}

/** The update that applies `patch` to conversation `id` (one statement text per set of patched columns). */
function conversationUpdate(db: Kysely<Database>, id: string, patch: ConversationPatch) {
  return db.updateTable('conversations').set(conversationTable.patchRow(patch)).where('id', '=', id);
}
