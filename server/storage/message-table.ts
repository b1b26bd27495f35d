/**
 * The `messages` row: its one column table (row-table.ts), which every path that writes or reads a
 * message uses, and the stored form of a new shopper or bot message before its seq is known.
 */
import type { MessagesTable } from './database-schema.ts';
import type { NewBotMessage, NewShopperMessage, StoredMessage } from './repository.ts';
import { columnsOf, rowTable } from './row-table.ts';

const column = columnsOf<StoredMessage>();

/** The columns of `messages` and the StoredMessage field each holds. */
export const messageTable = rowTable<StoredMessage, MessagesTable>()('messages', {
  id: column.value('id'),
  conversation_id: column.value('conversationId'),
  seq: column.value('seq'),
  role: column.value('role'),
  text: column.value('text'),
  client_seq: column.value('clientSeq'),
  reply_to: column.value('replyTo'),
  decision: column.value('decision'),
  intent: column.value('intent'),
  score: column.value('score'),
  payload: column.json('payload', (stored) => (stored ?? null) as StoredMessage['payload']),
  feedback: column.value('feedback'),
  created_at: column.timestamp('createdAt'),
});

/** The stored form of a new shopper message, before its seq is known (seq 0). */
export function newShopperMessage(input: NewShopperMessage): StoredMessage {
  return {
    id: input.id,
    conversationId: input.conversationId,
    seq: 0,
    role: 'shopper',
    text: input.text,
    clientSeq: input.clientSeq,
    replyTo: null,
    decision: null,
    intent: null,
    score: null,
    payload: null,
    feedback: null,
    createdAt: new Date(input.createdAt.getTime()),
  };
}

/** The stored form of a new bot message, before its seq is known (seq 0). */
export function newBotMessage(input: NewBotMessage): StoredMessage {
  return {
    id: input.id,
    conversationId: input.conversationId,
    seq: 0,
    role: 'bot',
    text: input.text,
    clientSeq: null,
    replyTo: input.replyTo,
    decision: input.decision,
    intent: input.intent,
    score: input.score,
    payload: input.payload,
    feedback: null,
    createdAt: new Date(input.createdAt.getTime()),
  };
}
