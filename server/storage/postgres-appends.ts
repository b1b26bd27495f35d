/**
 * The chat's message appends on PostgreSQL as one statement each (one round trip, one commit) instead of
 * a transaction of four: the next seq is computed inside the INSERT, a retried shopper message is
 * absorbed by the (conversation, client seq) unique index, and the rare race of two writers on one
 * conversation taking the same seq is retried. Lock-free: no row lock is held across round trips. A
 * message exchange (shopper message, reply, conversation state) is one statement too, with data-modifying
 * CTEs: all or nothing, one commit; the exchanges of one event-loop turn share a statement
 * (postgres-exchange-batch.ts), one text per number of exchanges (their rows are one JSON parameter).
 * So is a reply with its state and its action's audit row. The statements
 * run as named prepared statements (statement-runner.ts): planning the exchange's CTEs took about as long
 * as running them. Columns, values and the patch come from the column tables (row-sql.ts). Creating and
 * patching a conversation alone are built by kysely (kysely-transcript-writes.ts) and run prepared too:
 * every new chat does both.
 */
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { type BotActionRecord, botActionTable } from './bot-action-store.ts';
import type { Database } from './database-schema.ts';
import { KyselyTranscriptWrites } from './kysely-transcript-writes.ts';
import { newBotMessage, newShopperMessage } from './message-table.ts';
import { PostgresExchangeBatch } from './postgres-exchange-batch.ts';
import {
  type Exchange,
  exchangeStored,
  exchangesParameter,
  exchangesSql,
  insertNext,
  patchAfter,
} from './postgres-message-sql.ts';
import type {
  AppendExchangeResult,
  AppendShopperResult,
  ConversationPatch,
  NewBotMessage,
  NewShopperMessage,
  StoredMessage,
} from './repository.ts';
import { pgColumnList, pgValues } from './row-sql.ts';
import type { StatementRunner } from './statement-runner.ts';

/** How often a seq collision (two writers on one conversation at once) is retried before giving up. */
const MAX_SEQ_RETRIES = 20;

function constraintOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && typeof e.constraint === 'string' ? e.constraint : undefined;
}

/** Runs `statement` again while it collides on a conversation's seq (another writer took it). */
async function retryingSeqCollisions<T>(statement: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await statement();
    } catch (error) {
      if (constraintOf(error) !== 'messages_conversation_seq_unique' || attempt >= MAX_SEQ_RETRIES)
        throw error;
    }
  }
}

/** The chat's appends and conversation writes on PostgreSQL, one prepared statement each. */
export class PostgresAppends extends KyselyTranscriptWrites {
  private readonly exchanges: PostgresExchangeBatch;

  constructor(db: () => Kysely<Database>, run: StatementRunner) {
    // Creating and patching a conversation alone are the base class's, run through `run` too.
    super(db, 'postgres', run);
    this.exchanges = new PostgresExchangeBatch(run, (exchange) => this.appendOneExchange(exchange));
  }

  override async appendShopperMessage(input: NewShopperMessage): Promise<AppendShopperResult> {
    const message = newShopperMessage(input);
    const seq = await this.insertWithNextSeq(message);
    if (seq !== undefined) return { message: { ...message, seq }, duplicate: false };
    return { message: await this.requireByClientSeq(input), duplicate: true };
  }

  override async appendBotMessage(input: NewBotMessage): Promise<StoredMessage> {
    const message = newBotMessage(input);
    // A bot message has no client seq: nothing inserted means no conversation, which has thrown.
    const seq = await this.insertWithNextSeq(message);
    return { ...message, seq: seq ?? 0 };
  }

  /**
   * The shopper message with the next seq, its reply with the seq after it and the conversation's
   * patch, in one statement; a retried shopper message writes nothing and answers with the first one.
   * Exchanges asked for in the same event-loop turn share one statement (postgres-exchange-batch.ts).
   */
  override appendExchange(
    shopper: NewShopperMessage,
    reply: NewBotMessage,
    patch: ConversationPatch,
  ): Promise<AppendExchangeResult> {
    return this.exchanges.append({ shopper: newShopperMessage(shopper), reply: newBotMessage(reply), patch });
  }

  /** One exchange in a statement of its own (what a batch falls back to). */
  private async appendOneExchange(exchange: Exchange): Promise<AppendExchangeResult> {
    const query = CompiledQuery.raw(exchangesSql(1), [exchangesParameter([exchange])]);
    const seq = await this.runInsert(query, exchange.shopper.conversationId);
    if (seq !== undefined) return exchangeStored(exchange, seq);
    return { duplicate: true, message: await this.requireByClientSeq(exchange.shopper) };
  }

  /**
   * The reply with the next seq, the conversation's patch and the action's audit row, in one statement:
   * the update and the audit insert run only when the reply was inserted.
   */
  override async appendReply(
    reply: NewBotMessage,
    patch: ConversationPatch,
    action?: BotActionRecord,
  ): Promise<StoredMessage> {
    const message = newBotMessage(reply);
    const audit = action
      ? sql`, audit as (
        insert into bot_actions ${pgColumnList(botActionTable)}
        select ${pgValues(botActionTable, botActionTable.toRow(action))} from reply
        on conflict (id) do nothing
      )`
      : sql``;
    const query = sql<{ seq: number }>`
      with reply as (${insertNext(message)}),
      changed as (${patchAfter(message.conversationId, patch, sql.raw('reply'))})${audit}
      select reply.seq from reply, changed`.compile(this.db());
    // A bot message has no client seq: nothing inserted means no conversation, which has thrown.
    const seq = await this.runInsert(query, message.conversationId);
    return { ...message, seq: seq ?? 0 };
  }

  /**
   * Inserts `message` with the conversation's next seq. Resolves with the stored seq, or with
   * `undefined` when a shopper message with the same client seq exists already (nothing inserted).
   */
  private insertWithNextSeq(message: StoredMessage): Promise<number | undefined> {
    return this.runInsert(insertNext(message).compile(this.db()), message.conversationId);
  }

  /**
   * Runs an insert returning the stored seq; `undefined` when it inserted nothing because of a repeated
   * client seq. Throws `unknown conversation` when nothing was inserted for want of the conversation.
   */
  private async runInsert(query: CompiledQuery, conversationId: string): Promise<number | undefined> {
    const inserted = await retryingSeqCollisions(() => this.run<{ seq: number }>(query));
    const seq = inserted[0]?.seq;
    if (seq !== undefined) return Number(seq);
    const exists = await this.db()
      .selectFrom('conversations')
      .select('id')
      .where('id', '=', conversationId)
      .executeTakeFirst();
    if (!exists) throw new Error(`unknown conversation ${conversationId}`);
    return undefined;
  }

  /** The shopper message stored before under the same client seq (a retried message). */
  private async requireByClientSeq(input: NewShopperMessage): Promise<StoredMessage> {
    const existing = await this.findByClientSeq(this.db(), input.conversationId, input.clientSeq ?? -1);
    if (!existing) throw new Error(`shopper message ${input.clientSeq} neither inserted nor found`);
    return existing;
  }
}
