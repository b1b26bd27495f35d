/**
 * The SQL of the chat's message inserts on PostgreSQL, shared by the single statements
 * (postgres-appends.ts) and the statements of several exchanges (postgres-exchange-batch.ts): the next
 * seq computed inside the INSERT, a repeated client seq absorbed by the unique index.
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

/** The next seq of conversation `c` (as of the statement's snapshot). */
const NEXT_SEQ = sql`coalesce((select max(m.seq) from messages m where m.conversation_id = c.id), 0) + 1`;

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

/**
 * An exchange's three steps as CTEs named s<k> (the shopper message, returning its seq), r<k> (the reply,
 * inserted only after it) and c<k> (the conversation's patch, only when the reply was inserted).
 */
export function exchangeSteps({ shopper, reply, patch }: Exchange, k: number) {
  const [s, r, c] = [sql.raw(`s${k}`), sql.raw(`r${k}`), sql.raw(`c${k}`)];
  const replyValues = pgValues(messageTable, messageTable.toRow(reply), { seq: sql`${s}.seq + 1` });
  return sql`${s} as (${insertNext(shopper)}),
      ${r} as (
        insert into messages ${pgColumnList(messageTable)}
        select ${replyValues} from ${s}
        returning seq
      ),
      ${c} as (${patchAfter(shopper.conversationId, patch, r)})`;
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
