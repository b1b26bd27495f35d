/**
 * The chat's message appends on PostgreSQL as one statement each (one round trip, one commit) instead of
 * a transaction of four: the next seq is computed inside the INSERT, a retried shopper message is
 * absorbed by the (conversation, client seq) unique index, and the rare race of two writers on one
 * conversation taking the same seq is retried. Lock-free: no row lock is held across round trips.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from './database-schema.ts';
import type { StoredMessage } from './repository.ts';
import { messageRow } from './row-mappers.ts';

/** How often a seq collision (two writers on one conversation at once) is retried before giving up. */
const MAX_SEQ_RETRIES = 20;

function constraintOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && typeof e.constraint === 'string' ? e.constraint : undefined;
}

/**
 * Inserts `message` with the conversation's next seq. Resolves with the stored seq, or with `undefined`
 * when a shopper message with the same client seq exists already (nothing inserted). Throws
 * `unknown conversation` when the conversation does not exist.
 */
export async function insertWithNextSeq(
  db: Kysely<Database>,
  message: StoredMessage,
): Promise<number | undefined> {
  const row = messageRow(message);
  for (let attempt = 0; ; attempt += 1) {
    try {
      const inserted = await sql<{ seq: number }>`
        insert into messages (id, conversation_id, seq, role, text, client_seq, reply_to, decision, intent,
                              score, payload, feedback, created_at)
        select ${row.id}, c.id,
               coalesce((select max(m.seq) from messages m where m.conversation_id = c.id), 0) + 1,
               ${row.role}, ${row.text}, ${row.client_seq}, ${row.reply_to}, ${row.decision}, ${row.intent},
               ${row.score}, ${row.payload}::jsonb, ${row.feedback}, ${row.created_at}::timestamptz
          from conversations c
         where c.id = ${row.conversation_id}
        on conflict (conversation_id, client_seq) where client_seq is not null do nothing
        returning seq`.execute(db);
      const seq = inserted.rows[0]?.seq;
      if (seq !== undefined) return Number(seq);
      const exists = await db
        .selectFrom('conversations')
        .select('id')
        .where('id', '=', message.conversationId)
        .executeTakeFirst();
      if (!exists) throw new Error(`unknown conversation ${message.conversationId}`);
      return undefined;
    } catch (error) {
      // Another writer took this seq between our max() and our insert: compute it again.
      if (constraintOf(error) !== 'messages_conversation_seq_unique' || attempt >= MAX_SEQ_RETRIES)
        throw error;
    }
  }
}
