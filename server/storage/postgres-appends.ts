/**
 * The chat's message appends on PostgreSQL as one statement each (one round trip, one commit) instead of
 * a transaction of four: the next seq is computed inside the INSERT, a retried shopper message is
 * absorbed by the (conversation, client seq) unique index, and the rare race of two writers on one
 * conversation taking the same seq is retried. Lock-free: no row lock is held across round trips. A
 * message exchange (shopper message, reply, conversation state) is one statement too, with data-modifying
 * CTEs: all or nothing, one commit; so is a reply with its state and its action's audit row. The statements run as named prepared statements (StatementRunner):
 * planning the exchange's CTEs took about as long as running them. Columns, values and the patch come
 * from the column tables (row-sql.ts); creating and patching a conversation alone go through kysely.
 */
import { createHash } from 'node:crypto';
import { type CompiledQuery, type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { type BotActionRecord, botActionTable } from './bot-action-store.ts';
import { conversationTable } from './conversation-table.ts';
import type { Database } from './database-schema.ts';
import { KyselyTranscriptWrites } from './kysely-transcript-writes.ts';
import { messageTable, newBotMessage, newShopperMessage } from './message-table.ts';
import type {
  AppendExchangeResult,
  AppendShopperResult,
  ConversationPatch,
  NewBotMessage,
  NewShopperMessage,
  StoredMessage,
} from './repository.ts';
import { pgAssignments, pgColumnList, pgValues } from './row-sql.ts';

/** Runs a compiled statement and returns its rows. */
export type StatementRunner = <R>(query: CompiledQuery) => Promise<R[]>;

/**
 * A runner that prepares each distinct statement text once per pooled connection (pg's named
 * statements), so PostgreSQL plans it once instead of on every message. The texts are few (one per
 * statement and set of patched columns), so the name cache stays small.
 */
export function preparedStatementRunner(pool: pg.Pool): StatementRunner {
  const names = new Map<string, string>();
  return async <R>(query: CompiledQuery) => {
    let name = names.get(query.sql);
    if (name === undefined) {
      name = `shopbot_${createHash('sha256').update(query.sql).digest('hex').slice(0, 32)}`;
      names.set(query.sql, name);
    }
    const result = await pool.query({ name, text: query.sql, values: [...query.parameters] });
    return result.rows as R[];
  };
}

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

/** A kysely runner: the statement is planned on every call (no pool to prepare it on). */
export function kyselyStatementRunner(db: () => Kysely<Database>): StatementRunner {
  return async <R>(query: CompiledQuery) => (await db().executeQuery<R>(query)).rows;
}

/** The next seq of conversation `c` (as of the statement's snapshot). */
const NEXT_SEQ = sql`coalesce((select max(m.seq) from messages m where m.conversation_id = c.id), 0) + 1`;

/** Inserting a shopper or bot message with the next seq; a repeated client seq inserts nothing. */
function insertNext(message: StoredMessage) {
  const values = pgValues(messageTable, messageTable.toRow(message), {
    conversation_id: sql`c.id`,
    seq: NEXT_SEQ,
  });
  return sql`insert into messages ${pgColumnList(messageTable)}
    select ${values}
      from conversations c
     where c.id = ${message.conversationId}
    on conflict (conversation_id, client_seq) where client_seq is not null do nothing
    returning seq`;
}

/** The chat's appends on PostgreSQL, one statement each; conversations themselves as the kysely path. */
export class PostgresAppends extends KyselyTranscriptWrites {
  constructor(
    db: () => Kysely<Database>,
    private readonly run: StatementRunner,
  ) {
    super(db, 'postgres');
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
   */
  override async appendExchange(
    shopper: NewShopperMessage,
    reply: NewBotMessage,
    patch: ConversationPatch,
  ): Promise<AppendExchangeResult> {
    const message = newShopperMessage(shopper);
    const answer = newBotMessage(reply);
    const replyValues = pgValues(messageTable, messageTable.toRow(answer), { seq: sql`shopper.seq + 1` });
    const query = sql<{ seq: number }>`
      with shopper as (${insertNext(message)}),
      reply as (
        insert into messages ${pgColumnList(messageTable)}
        select ${replyValues} from shopper
        returning seq
      ),
      changed as (
        update conversations set ${pgAssignments(conversationTable, conversationTable.patchRow(patch))}
         where id = ${message.conversationId} and exists (select 1 from reply)
        returning id
      )
      select shopper.seq from shopper, changed`.compile(this.db());
    const seq = await this.runInsert(query, message.conversationId);
    if (seq !== undefined)
      return { duplicate: false, message: { ...message, seq }, reply: { ...answer, seq: seq + 1 } };
    return { duplicate: true, message: await this.requireByClientSeq(shopper) };
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
      changed as (
        update conversations set ${pgAssignments(conversationTable, conversationTable.patchRow(patch))}
         where id = ${message.conversationId} and exists (select 1 from reply)
        returning id
      )${audit}
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
