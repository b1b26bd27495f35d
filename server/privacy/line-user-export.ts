/**
 * Everything stored about one LINE user (docs/privacy.md, APPI disclosure requests), by LINE user id:
 * the user (following, the customer id they linked, when), every conversation they had with its
 * messages, and their webhook events still in the inbox (settled ones are deleted after 7 days) as LINE
 * sent them. Read-only; `npm run privacy -- export --line-user …` prints it as JSON.
 */
import type { Kysely } from 'kysely';
import { fromJson, toDate, toNullableDate } from '../storage/column-values.ts';
import type { Database } from '../storage/database-schema.ts';
import { conversationsOfLineUser } from '../storage/line-user-deletion.ts';
import type { Storage } from '../storage/repository.ts';

/** The export of one LINE user; undefined fields are not stored. */
export interface LineUserExport {
  lineUserId: string;
  user: {
    following: boolean;
    createdAt: string;
    linkedCustomerId: string | null;
    linkedEmail: string | null;
    linkedName: string | null;
    linkedAt: string | null;
  } | null;
  conversations: {
    id: string;
    createdAt: string;
    customerId: string | null;
    email: string | null;
    messages: { role: string; text: string; createdAt: string }[];
  }[];
  events: { type: string; receivedAt: string; event: unknown }[];
}

/** What is stored about `lineUserId` (nothing found: no user, no conversations, no events). */
export async function exportLineUser(storage: Storage, lineUserId: string): Promise<LineUserExport> {
  const db: Kysely<Database> = storage.database();
  const row = await db
    .selectFrom('line_users')
    .selectAll()
    .where('line_user_id', '=', lineUserId)
    .executeTakeFirst();
  const conversations: LineUserExport['conversations'] = [];
  for (const id of await conversationsOfLineUser(db, lineUserId)) {
    const conversation = await storage.getConversation(id);
    if (!conversation) continue;
    const messages = await storage.listMessages(id);
    conversations.push({
      id,
      createdAt: conversation.createdAt.toISOString(),
      customerId: conversation.customerId,
      email: conversation.email,
      messages: messages.map((m) => ({ role: m.role, text: m.text, createdAt: m.createdAt.toISOString() })),
    });
  }
  const events = await db
    .selectFrom('line_inbox')
    .select(['event_type', 'received_at', 'event'])
    .where('line_user_id', '=', lineUserId)
    .orderBy('user_seq')
    .execute();
  return {
    lineUserId,
    user: row
      ? {
          following: Number(row.following) === 1,
          createdAt: toDate(row.created_at).toISOString(),
          linkedCustomerId: row.customer_id,
          linkedEmail: row.customer_email,
          linkedName: row.customer_name,
          linkedAt: toNullableDate(row.linked_at)?.toISOString() ?? null,
        }
      : null,
    conversations,
    events: events.map((e) => ({
      type: e.event_type,
      receivedAt: toDate(e.received_at).toISOString(),
      event: fromJson(storage.dialect, e.event),
    })),
  };
}
