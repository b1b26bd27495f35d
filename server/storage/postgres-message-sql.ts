/**
 * The SQL of the chat's message inserts on PostgreSQL: the message exchanges' one statement
 * (postgres-exchange-batch.ts, and postgres-appends.ts for one alone) and the single inserts of a
 * message or a reply (postgres-appends.ts). The next seq is computed inside the INSERT, and a repeated
 * client seq is absorbed by the unique index.
 */
import { type RawBuilder, sql } from 'kysely';
import { conversationTable } from './conversation-table.ts';
import { messageTable } from './message-table.ts';
import type { AppendExchangeResult, ConversationPatch, StoredMessage } from './repository.ts';
import { pgAssignments, pgColumnList, pgValues } from './row-sql.ts';

/** A message exchange ready to store: the shopper message, the reply and the conversation's patch. */
export interface Exchange {
  shopper: StoredMessage;
  reply: StoredMessage;
  patch: ConversationPatch;
}

/** The next seq of the conversation `c` names (as of the statement's snapshot). */
const nextSeqOf = (c: string) =>
  `coalesce((select max(prior.seq) from messages prior where prior.conversation_id = ${c}.id), 0) + 1`;
const NEXT_SEQ = sql.raw(nextSeqOf('c'));

/** Inserting a shopper or bot message with the next seq; a repeated client seq inserts nothing. */
export function insertNext(message: StoredMessage) {
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

const MESSAGE_COLUMNS = messageTable.columnNames;
/** Every column of a conversation but its id: a patch sets those it holds, the rest keep their value. */
const CONVERSATION_COLUMNS = conversationTable.columnNames.filter((column) => column !== 'id');

/**
 * The statement that stores `count` message exchanges at once (one text per count, so at most
 * MAX_EXCHANGES_PER_STATEMENT prepared statements per connection): the exchanges come as one JSON array
 * ($1, exchangesParameter) and each row is read with jsonb_populate_record, so the chat's main thread
 * serialises one string instead of building and compiling each exchange's SQL and encoding its
 * thirty-odd parameters (about a sixth of the main thread in the PostgreSQL closed loop's profile). Per
 * exchange: `s` inserts the shopper message with the conversation's next seq (a repeated client seq
 * inserts nothing), `r` the reply with the seq after it, only when `s` inserted, and `c<k>` applies the
 * k-th exchange's patch only when `r` inserted; one row (i, seq) comes back per exchange stored. At most
 * one exchange per conversation (two would take the same seq; the batch puts the later in a later
 * statement).
 *
 * Every conversation is found by its primary key, whatever the planner believes of the table's size.
 * A prepared statement's generic plan is made on a connection's first executions and kept until the
 * table's statistics change; a chat's tables start empty, and a scan is the cheapest way through an
 * empty table. So nothing here leaves the planner that choice:
 * - the planner cannot know how many elements the array has (it assumes 100); the conversation is
 *   looked up in a LATERAL subquery that OFFSET 0 keeps from being joined otherwise;
 * - the patch of each exchange is an UPDATE of its own, by `id = (one id)`. One UPDATE of all the
 *   patched ids (`= any(array(…))`) was planned as a scan of every conversation when the table was
 *   small, and kept that plan as it grew where nothing analyses it (autovacuum off): a lone exchange
 *   read 197 buffers instead of 47 at 5,000 conversations and cost the backend twice the CPU, eight
 *   times at 20,000 (`npm run bench:pg-exchanges`, docs/benchmarks.md).
 * tests/server/storage/postgres-exchange-batch.test.ts checks both plans.
 */
export function exchangesSql(count: number): string {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`no statement for ${count} exchanges`);
  let text = exchangeStatements.get(count);
  if (text === undefined) {
    text = buildExchangesSql(count);
    exchangeStatements.set(count, text);
  }
  return text;
}

const exchangeStatements = new Map<number, string>();

function buildExchangesSql(count: number): string {
  const slots = Array.from({ length: count }, (_, k) => k);
  const patches = slots.map(
    (k) => `c${k} as (
    update conversations as target
       set (${CONVERSATION_COLUMNS.join(', ')}) =
           (select ${CONVERSATION_COLUMNS.map((n) => `p.${n}`).join(', ')}
              from x cross join lateral jsonb_populate_record(target, x.patch) as p
             where x.i = ${k})
     where target.id = (select conversation_id from x join r using (conversation_id) where x.i = ${k})
    returning target.id
  )`,
  );
  return `with x as (
    select (e->>'i')::int as i, e->>'conversation' as conversation_id, e->'shopper' as shopper,
           e->'reply' as reply, e->'patch' as patch
      from jsonb_array_elements($1::jsonb) as e
  ),
  s as (
    insert into messages (${MESSAGE_COLUMNS.join(', ')})
    select ${MESSAGE_COLUMNS.map((n) =>
      n === 'conversation_id' ? 'c.id' : n === 'seq' ? nextSeqOf('c') : `m.${n}`,
    ).join(', ')}
      from x
      cross join lateral (select id from conversations where id = x.conversation_id offset 0) as c
      cross join lateral jsonb_populate_record(null::messages, x.shopper) as m
    on conflict (conversation_id, client_seq) where client_seq is not null do nothing
    returning conversation_id, seq
  ),
  r as (
    insert into messages (${MESSAGE_COLUMNS.join(', ')})
    select ${MESSAGE_COLUMNS.map((n) => (n === 'seq' ? 's.seq + 1' : `m.${n}`)).join(', ')}
      from x
      join s on s.conversation_id = x.conversation_id
      cross join lateral jsonb_populate_record(null::messages, x.reply) as m
    returning conversation_id
  ),
  ${patches.join(',\n  ')},
  c as (${slots.map((k) => `select id from c${k}`).join(' union all ')})
select x.i, s.seq
  from x
  join s on s.conversation_id = x.conversation_id
  join c on c.id = x.conversation_id`;
}

/** A lone surrogate as JSON.stringify escapes it (after an even run of backslashes: not a literal "\\u"). */
const LONE_SURROGATE = /(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g;

/**
 * The JSON array exchangesSql reads: each exchange's index, conversation, rows and patch. A lone UTF-16
 * surrogate (a chat frame may escape one) is sent as U+FFFD, as pg sends it in a text parameter: jsonb
 * refuses it, which would fail the whole batch.
 */
export function exchangesParameter(exchanges: readonly Exchange[]): string {
  const json = JSON.stringify(
    exchanges.map(({ shopper, reply, patch }, i) => ({
      i,
      conversation: shopper.conversationId,
      shopper: messageTable.jsonRow(shopper),
      reply: messageTable.jsonRow(reply),
      patch: conversationTable.jsonPatch(patch),
    })),
  );
  return json.includes('\\ud') ? json.replace(LONE_SURROGATE, '$1\\ufffd') : json;
}

/**
 * The conversation's patch, applied only when the step named `after` inserted its row (a repeated or
 * refused message changes no state); returns the conversation's id.
 */
export function patchAfter(conversationId: string, patch: ConversationPatch, after: RawBuilder<unknown>) {
  return sql`update conversations set ${pgAssignments(conversationTable, conversationTable.patchRow(patch))}
         where id = ${conversationId} and exists (select 1 from ${after})
        returning id`;
}

/** An exchange stored with its shopper message at `seq`. */
export function exchangeStored({ shopper, reply }: Exchange, seq: number): AppendExchangeResult {
  return { duplicate: false, message: { ...shopper, seq }, reply: { ...reply, seq: seq + 1 } };
}
