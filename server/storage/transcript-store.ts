/**
 * Reading the transcript (a conversation by id or by its token, its messages, the reply to a message)
 * and the shopper's rating of a reply, over kysely for either dialect; rows become objects through the
 * column tables every write path uses.
 */
import type { Kysely } from 'kysely';
import { clampLimit } from './column-values.ts';
import { conversationTable } from './conversation-table.ts';
import type { Database } from './database-schema.ts';
import { messageTable } from './message-table.ts';
import type { Conversation, Storage, StoredMessage } from './repository.ts';
import type { StorageDialect } from './storage-dialect.ts';

const DEFAULT_MESSAGE_LIMIT = 500;

/** The transcript's reads and the rating of a reply, of `Storage`. */
export type TranscriptReads = Pick<
  Storage,
  'getConversation' | 'findConversationByTokenHash' | 'findReplyTo' | 'listMessages' | 'setFeedback'
>;

/** Conversations and messages read over kysely. */
export class TranscriptStore implements TranscriptReads {
  constructor(
    /** The live database (throws once the storage is closed). */
    private readonly db: () => Kysely<Database>,
    private readonly dialect: StorageDialect,
  ) {}

  getConversation(id: string): Promise<Conversation | undefined> {
    return this.conversationWhere('id', id);
  }

  findConversationByTokenHash(tokenHash: string): Promise<Conversation | undefined> {
    return this.conversationWhere('token_hash', tokenHash);
  }

  /** The conversation whose unique column holds `value`. */
  private async conversationWhere(
    column: 'id' | 'token_hash',
    value: string,
  ): Promise<Conversation | undefined> {
    const row = await this.db()
      .selectFrom('conversations')
      .selectAll()
      .where(column, '=', value)
      .executeTakeFirst();
    return row && conversationTable.fromRow(row, this.dialect);
  }

  async findReplyTo(shopperMessageId: string): Promise<StoredMessage | undefined> {
    const row = await this.db()
      .selectFrom('messages')
      .selectAll()
      .where('reply_to', '=', shopperMessageId)
      .where('role', '=', 'bot')
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    return row && messageTable.fromRow(row, this.dialect);
  }

  async listMessages(
    conversationId: string,
    options: { afterSeq?: number; limit?: number } = {},
  ): Promise<StoredMessage[]> {
    let query = this.db().selectFrom('messages').selectAll().where('conversation_id', '=', conversationId);
    if (options.afterSeq !== undefined) query = query.where('seq', '>', options.afterSeq);
    const rows = await query.orderBy('seq').limit(clampLimit(options.limit, DEFAULT_MESSAGE_LIMIT)).execute();
    return rows.map((row) => messageTable.fromRow(row, this.dialect));
  }

  async setFeedback(conversationId: string, messageId: string, value: 1 | -1): Promise<boolean> {
    // Scoped to the conversation so a shopper's token cannot rate another conversation's replies.
    const result = await this.db()
      .updateTable('messages')
      .set({ feedback: value })
      .where('id', '=', messageId)
      .where('conversation_id', '=', conversationId)
      .where('role', '=', 'bot')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
