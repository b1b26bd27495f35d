/**
 * The `conversations` row: its one column table (row-table.ts), from which every write path builds the
 * new row and the patch (ConversationPatch), and the stored form of a new conversation.
 */
import type { ConversationsTable } from './database-schema.ts';
import type { Conversation, NewConversation } from './repository.ts';
import { columnsOf, rowTable } from './row-table.ts';

const column = columnsOf<Conversation>();

/** The columns of `conversations` and the Conversation field each holds. */
export const conversationTable = rowTable<Conversation, ConversationsTable>()('conversations', {
  id: column.value('id'),
  token_hash: column.value('tokenHash'),
  locale: column.value('locale'),
  state: column.json('state', (stored) => (stored ?? {}) as Conversation['state']),
  email: column.value('email'),
  customer_id: column.value('customerId'),
  channel: column.value('channel'),
  created_at: column.timestamp('createdAt'),
  updated_at: column.timestamp('updatedAt'),
  staff_reply_at: column.nullableTimestamp('staffReplyAt'),
});

/** A new conversation as stored: no dialogue state yet, no email, no staff reply, updated when created. */
export function newConversation(input: NewConversation): Conversation {
  return {
    id: input.id,
    tokenHash: input.tokenHash,
    locale: input.locale,
    state: input.state ? { ...input.state } : {},
    email: null,
    customerId: input.customerId ?? null,
    channel: input.channel ?? 'web',
    staffReplyAt: null,
    createdAt: new Date(input.createdAt.getTime()),
    updatedAt: new Date(input.createdAt.getTime()),
  };
}
