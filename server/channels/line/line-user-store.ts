/**
 * The LINE users the bot talks to (012_line_channel): each has one current conversation (created on
 * their first event that needs one; every one they ever had is kept in line_user_conversations for
 * deletion by LINE user id), a following flag, cleared by unfollow so nothing more is sent to them until
 * they follow again, and, once they linked their account (014_line_account_link), the shop's customer
 * they are. Rows are created by the inbox as events arrive.
 */
import type { Kysely } from 'kysely';
import type { VerifiedShopper } from '../../../bot/shop/shop-data.ts';
import type { Database } from '../../storage/database-schema.ts';

/** One LINE user as the worker reads them. */
export interface LineUser {
  lineUserId: string;
  /** Their conversation; null before their first one, or after privacy deletion removed it. */
  conversationId: string | null;
  following: boolean;
  /** The shop's customer they linked their LINE account to; undefined: not linked (anonymous). */
  linked: VerifiedShopper | undefined;
}

/** The `line_users` table. */
export class LineUserStore {
  constructor(private readonly db: () => Kysely<Database>) {}

  /** The user, or undefined when no event of theirs was ever stored. */
  async find(lineUserId: string): Promise<LineUser | undefined> {
    const row = await this.db()
      .selectFrom('line_users')
      .select([
        'line_user_id',
        'conversation_id',
        'following',
        'customer_id',
        'customer_email',
        'customer_name',
      ])
      .where('line_user_id', '=', lineUserId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      lineUserId: row.line_user_id,
      conversationId: row.conversation_id,
      following: Number(row.following) === 1,
      linked:
        row.customer_id === null
          ? undefined
          : {
              customerId: row.customer_id,
              ...(row.customer_email === null ? {} : { email: row.customer_email }),
              ...(row.customer_name === null ? {} : { name: row.customer_name }),
            },
    };
  }

  /** Binds the user to their (new) conversation, and remembers it as one of theirs. */
  async bindConversation(lineUserId: string, conversationId: string, at: Date): Promise<void> {
    const db = this.db();
    await db
      .insertInto('line_user_conversations')
      .values({ conversation_id: conversationId, line_user_id: lineUserId })
      .onConflict((oc) => oc.column('conversation_id').doNothing())
      .execute();
    await db
      .updateTable('line_users')
      .set({ conversation_id: conversationId, updated_at: at.toISOString() })
      .where('line_user_id', '=', lineUserId)
      .execute();
  }

  /** Links the user to the shop's customer `shopper` (a later link replaces an earlier one). */
  async link(lineUserId: string, shopper: VerifiedShopper, at: Date): Promise<void> {
    await this.db()
      .updateTable('line_users')
      .set({
        customer_id: shopper.customerId,
        customer_email: shopper.email ?? null,
        customer_name: shopper.name ?? null,
        linked_at: at.toISOString(),
        updated_at: at.toISOString(),
      })
      .where('line_user_id', '=', lineUserId)
      .execute();
  }

  /** Forgets the user's link: they are anonymous again. True when they were linked. */
  async unlink(lineUserId: string, at: Date): Promise<boolean> {
    const result = await this.db()
      .updateTable('line_users')
      .set({
        customer_id: null,
        customer_email: null,
        customer_name: null,
        linked_at: null,
        updated_at: at.toISOString(),
      })
      .where('line_user_id', '=', lineUserId)
      .where('customer_id', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
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
      .select('line_user_id')
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    return row && this.find(row.line_user_id);
  }
}
