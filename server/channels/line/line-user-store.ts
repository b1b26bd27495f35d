/**
 * The LINE users the bot talks to (012_line_channel): each has one conversation (created on their
 * first event that needs one) and a following flag, cleared by unfollow so nothing more is sent to
 * them until they follow again. Rows are created by the inbox as events arrive.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.ts';

/** One LINE user as the worker reads them. */
export interface LineUser {
  lineUserId: string;
  /** Their conversation; null before their first one, or after privacy deletion removed it. */
  conversationId: string | null;
  following: boolean;
}

/** The `line_users` table. */
export class LineUserStore {
  constructor(private readonly db: () => Kysely<Database>) {}

  /** The user, or undefined when no event of theirs was ever stored. */
  async find(lineUserId: string): Promise<LineUser | undefined> {
    const row = await this.db()
      .selectFrom('line_users')
      .select(['line_user_id', 'conversation_id', 'following'])
      .where('line_user_id', '=', lineUserId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      lineUserId: row.line_user_id,
      conversationId: row.conversation_id,
      following: Number(row.following) === 1,
    };
  }

  /** Binds the user to their conversation. */
  async bindConversation(lineUserId: string, conversationId: string, at: Date): Promise<void> {
    await this.db()
      .updateTable('line_users')
      .set({ conversation_id: conversationId, updated_at: at.toISOString() })
      .where('line_user_id', '=', lineUserId)
      .execute();
  }

  /** Records a follow (true) or an unfollow (false). */
  async setFollowing(lineUserId: string, following: boolean, at: Date): Promise<void> {
    await this.db()
      .updateTable('line_users')
      .set({ following: following ? 1 : 0, updated_at: at.toISOString() })
      .where('line_user_id', '=', lineUserId)
      .execute();
  }

  /** The LINE user whose conversation is `conversationId` (a staff reply's recipient), if any. */
  async findByConversation(conversationId: string): Promise<LineUser | undefined> {
    const row = await this.db()
      .selectFrom('line_users')
      .select(['line_user_id', 'conversation_id', 'following'])
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      lineUserId: row.line_user_id,
      conversationId: row.conversation_id,
      following: Number(row.following) === 1,
    };
  }
}
