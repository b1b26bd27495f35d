/**
 * The chat's message appends on PostgreSQL as one statement each (one round trip, one commit) instead of
 * a transaction of four: the next seq is computed inside the INSERT, a retried shopper message is
 * absorbed by the (conversation, client seq) unique index, and the rare race of two writers on one
 * conversation taking the same seq is retried. Lock-free: no row lock is held across round trips. A
 * message exchange (shopper message, reply, conversation state) is one statement too, with data-modifying
 * CTEs: all or nothing, one commit. The statements run as named prepared statements (StatementRunner):
 * planning the exchange's CTEs took about as long as running them.
 */
import { createHash } from 'node:crypto';
import { type CompiledQuery, type Kysely, type RawBuilder, sql } from 'kysely';
import type pg from 'pg';
import type { Database } from './database-schema.ts';
import type { ConversationPatch, StoredMessage } from './repository.ts';
import { messageRow } from './row-mappers.ts';

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

const MESSAGE_COLUMNS = sql`(id, conversation_id, seq, role, text, client_seq, reply_to, decision, intent,
  score, payload, feedback, created_at)`;

/** The SELECT list inserting `message` with the given seq expression and conversation id expression. */
function messageValues(
  message: StoredMessage,
  conversationId: RawBuilder<unknown>,
  seq: RawBuilder<unknown>,
) {
  const row = messageRow(message);
  return sql`${row.id}, ${conversationId}, ${seq}, ${row.role}, ${row.text}, ${row.client_seq},
    ${row.reply_to}, ${row.decision}, ${row.intent}, ${row.score}, ${row.payload}::jsonb, ${row.feedback},
    ${row.created_at}::timestamptz`;
}

/** The next seq of conversation `c` (as of the statement's snapshot). */
const NEXT_SEQ = sql`coalesce((select max(m.seq) from messages m where m.conversation_id = c.id), 0) + 1`;

/** Inserting a shopper or bot message with the next seq; a repeated client seq inserts nothing. */
function insertNext(message: StoredMessage) {
  return sql`insert into messages ${MESSAGE_COLUMNS}
    select ${messageValues(message, sql`c.id`, NEXT_SEQ)}
      from conversations c
     where c.id = ${message.conversationId}
    on conflict (conversation_id, client_seq) where client_seq is not null do nothing
    returning seq`;
}

/** Nothing was inserted: a repeated client seq, or no such conversation (thrown). */
async function requireConversation(db: Kysely<Database>, conversationId: string): Promise<void> {
  const exists = await db
    .selectFrom('conversations')
    .select('id')
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (!exists) throw new Error(`unknown conversation ${conversationId}`);
}

/**
 * Inserts `message` with the conversation's next seq. Resolves with the stored seq, or with `undefined`
 * when a shopper message with the same client seq exists already (nothing inserted). Throws
 * `unknown conversation` when the conversation does not exist.
 */
export async function insertWithNextSeq(
  db: Kysely<Database>,
  run: StatementRunner,
  message: StoredMessage,
): Promise<number | undefined> {
  const query = insertNext(message).compile(db);
  const inserted = await retryingSeqCollisions(() => run<{ seq: number }>(query));
  const seq = inserted[0]?.seq;
  if (seq !== undefined) return Number(seq);
  await requireConversation(db, message.conversationId);
  return undefined;
}

/** The SET list of a conversation patch: only the fields it has. */
function patchAssignments(patch: ConversationPatch) {
  const sets = [sql`updated_at = ${patch.updatedAt.toISOString()}::timestamptz`];
  if (patch.state !== undefined) sets.push(sql`state = ${JSON.stringify(patch.state)}::jsonb`);
  if (patch.locale !== undefined) sets.push(sql`locale = ${patch.locale}`);
  // `null` is a real value here (forget the email); only `undefined` means "leave as is".
  if (patch.email !== undefined) sets.push(sql`email = ${patch.email}`);
  return sql.join(sets);
}

/**
 * Inserts a shopper message with the next seq, its reply with the seq after it, and applies `patch` to
 * the conversation, in one statement. Resolves with the shopper message's seq, or `undefined` when its
 * client seq was stored before (then nothing is written). Throws `unknown conversation`.
 */
export async function insertExchange(
  db: Kysely<Database>,
  run: StatementRunner,
  shopper: StoredMessage,
  reply: StoredMessage,
  patch: ConversationPatch,
): Promise<number | undefined> {
  const query = sql<{ seq: number }>`
      with shopper as (${insertNext(shopper)}),
      reply as (
        insert into messages ${MESSAGE_COLUMNS}
        select ${messageValues(reply, sql`${reply.conversationId}`, sql`shopper.seq + 1`)} from shopper
        returning seq
      ),
      changed as (
        update conversations set ${patchAssignments(patch)}
         where id = ${shopper.conversationId} and exists (select 1 from reply)
        returning id
      )
      select shopper.seq from shopper, changed`.compile(db);
  const inserted = await retryingSeqCollisions(() => run<{ seq: number }>(query));
  const seq = inserted[0]?.seq;
  if (seq !== undefined) return Number(seq);
  await requireConversation(db, shopper.conversationId);
  return undefined;
}
