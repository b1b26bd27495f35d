/**
 * Staff messages in a conversation's transcript (docs/handoff.md): an operator's reply stored as a
 * `staff` message (the next seq, like any message) together with the conversation's `staff_reply_at`,
 * in one write transaction; the staff messages a widget has not shown yet; marking them seen (the
 * launcher's unread badge); and re-opening the conversation's resolved escalation when the shopper
 * answers. The stored message is the truth: notifications only say that a conversation has news.
 */
import type { Kysely } from 'kysely';
import type { Database } from './database-schema.ts';
import { isUniqueViolation } from './db-errors.ts';
import { nextMessageSeq } from './kysely-transcript-writes.ts';
import { messageTable } from './message-table.ts';
import type { StoredMessage } from './repository.ts';
import { type StaffMessagePayload, staffPayloadOf } from './staff-message-payload.ts';
import type { StorageDialect } from './storage-dialect.ts';
import { writeTransaction } from './write-transaction.ts';

/** A reply to store. */
export interface NewStaffMessage {
  id: string;
  conversationId: string;
  text: string;
  staffName: string;
  channel: StaffMessagePayload['channel'];
  createdAt: Date;
}

/**
 * How often a seq collision is retried: PostgreSQL's chat appends take the next seq without the
 * conversation's lock (postgres-appends.ts), so a reply at the same instant may collide once or twice.
 */
const MAX_SEQ_RETRIES = 20;

/** Staff messages of the `messages` table. */
export class StaffMessageStore {
  constructor(
    private readonly db: () => Kysely<Database>,
    private readonly dialect: StorageDialect,
  ) {}

  /** Stores a staff reply as the conversation's next message, unread; throws for an unknown conversation. */
  async append(input: NewStaffMessage): Promise<StoredMessage> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await writeTransaction(this.db(), this.dialect, async (trx) => {
          await this.lockConversation(trx, input.conversationId);
          const message = staffMessage(input, await nextMessageSeq(trx, input.conversationId));
          await trx.insertInto('messages').values(messageTable.toRow(message)).execute();
          await trx
            .updateTable('conversations')
            .set({ staff_reply_at: input.createdAt.toISOString() })
            .where('id', '=', input.conversationId)
            .execute();
          return message;
        });
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= MAX_SEQ_RETRIES) throw error;
      }
    }
  }

  /**
   * Serialises staff replies per conversation. PostgreSQL: FOR NO KEY UPDATE, which the chat's appends
   * (their foreign key check takes KEY SHARE, postgres-appends.ts) do not wait for, so the two never
   * deadlock; a seq they took meanwhile is a unique violation, and the reply is tried again. SQLite:
   * the IMMEDIATE transaction holds the write lock; this only checks that the conversation exists.
   */
  private async lockConversation(trx: Kysely<Database>, conversationId: string): Promise<void> {
    let query = trx.selectFrom('conversations').select('id').where('id', '=', conversationId);
    if (this.dialect === 'postgres') query = query.forNoKeyUpdate();
    if (!(await query.executeTakeFirst())) throw new Error(`unknown conversation ${conversationId}`);
  }

  /** The conversation's staff messages after transcript seq `afterSeq`, in order. */
  async after(conversationId: string, afterSeq: number): Promise<StoredMessage[]> {
    const rows = await this.db()
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('role', '=', 'staff')
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .execute();
    return rows.map((row) => messageTable.fromRow(row, this.dialect));
  }

  /**
   * Marks the conversation's unread staff messages up to transcript seq `uptoSeq` as seen at `at`;
   * returns how many were marked. Staff messages are few, so each is rewritten with its parsed payload.
   */
  async markSeen(conversationId: string, uptoSeq: number, at: Date): Promise<number> {
    return writeTransaction(this.db(), this.dialect, async (trx) => {
      const rows = await trx
        .selectFrom('messages')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .where('role', '=', 'staff')
        .where('seq', '<=', uptoSeq)
        .execute();
      let marked = 0;
      for (const row of rows) {
        const payload = staffPayloadOf(messageTable.fromRow(row, this.dialect));
        if (payload.seenAt !== null) continue;
        const seen: StaffMessagePayload = { ...payload, seenAt: at.toISOString() };
        await trx
          .updateTable('messages')
          .set(messageTable.patchRow({ payload: seen }))
          .where('id', '=', row.id)
          .execute();
        marked += 1;
      }
      return marked;
    });
  }

  /**
   * The shopper answered staff: the conversation's newest escalation is opened again if it was
   * resolved. Returns its id when it was re-opened.
   */
  async reopenAnswered(conversationId: string): Promise<string | undefined> {
    const latest = await this.db()
      .selectFrom('escalations')
      .select(['id', 'status'])
      .where('conversation_id', '=', conversationId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (latest?.status !== 'resolved') return undefined;
    const result = await this.db()
      .updateTable('escalations')
      .set({ status: 'open', resolved_at: null, resolved_by: null })
      .where('id', '=', latest.id)
      .where('status', '=', 'resolved')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n ? latest.id : undefined;
  }
}

/** The stored form of a staff reply. */
function staffMessage(input: NewStaffMessage, seq: number): StoredMessage {
  const payload: StaffMessagePayload = { staffName: input.staffName, channel: input.channel, seenAt: null };
  return {
    id: input.id,
    conversationId: input.conversationId,
    seq,
    role: 'staff',
    text: input.text,
    clientSeq: null,
    replyTo: null,
    decision: null,
    intent: null,
    score: null,
    payload,
    feedback: null,
    createdAt: new Date(input.createdAt.getTime()),
  };
}
