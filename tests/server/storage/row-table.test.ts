/**
 * A row table converts a stored object to the row every write path stores and back: dates as ISO-8601
 * UTC text, JSON as text with `null` as SQL NULL, either database's read-back parsed alike; a patch
 * writes only the fields it has, where `null` is a value and `undefined` means "leave as is".
 */
import type { Selectable } from 'kysely';
import { describe, expect, test } from 'vitest';
import { conversationTable } from '../../../server/storage/conversation-table.ts';
import type { MessagesTable } from '../../../server/storage/database-schema.ts';
import { messageTable } from '../../../server/storage/message-table.ts';
import type { StoredMessage } from '../../../server/storage/repository.ts';

const AT = new Date('2026-11-23T14:40:00.125Z');

const reply: StoredMessage = {
  id: 'm2',
  conversationId: 'c1',
  seq: 2,
  role: 'bot',
  text: '通常3日で届きます。',
  clientSeq: null,
  replyTo: 'm1',
  decision: 'answer',
  intent: 'shipping.when',
  score: 0.75,
  payload: { quickReplies: ['はい'] },
  feedback: null,
  createdAt: AT,
};

describe('row table', () => {
  test('writes every column of a message, dates as UTC text and JSON as text', () => {
    expect(messageTable.toRow(reply)).toEqual({
      id: 'm2',
      conversation_id: 'c1',
      seq: 2,
      role: 'bot',
      text: '通常3日で届きます。',
      client_seq: null,
      reply_to: 'm1',
      decision: 'answer',
      intent: 'shipping.when',
      score: 0.75,
      payload: '{"quickReplies":["はい"]}',
      feedback: null,
      created_at: '2026-11-23T14:40:00.125Z',
    });
  });

  test('stores a null payload as SQL NULL, not the JSON text null', () => {
    expect(messageTable.toRow({ ...reply, payload: null }).payload).toBeNull();
  });

  test.each([
    {
      dialect: 'sqlite' as const,
      payload: '{"quickReplies":["はい"]}',
      createdAt: '2026-11-23T14:40:00.125Z',
    },
    { dialect: 'postgres' as const, payload: { quickReplies: ['はい'] }, createdAt: AT },
  ])('reads back what $dialect returns as the same message', ({ dialect, payload, createdAt }) => {
    const row: Selectable<MessagesTable> = {
      id: 'm2',
      conversation_id: 'c1',
      seq: 2,
      role: 'bot',
      text: '通常3日で届きます。',
      client_seq: null,
      reply_to: 'm1',
      decision: 'answer',
      intent: 'shipping.when',
      score: 0.75,
      payload,
      feedback: null,
      created_at: createdAt,
    };
    expect(messageTable.fromRow(row, dialect)).toEqual(reply);
  });

  test('reads a conversation without stored state as an empty state', () => {
    const row = {
      id: 'c1',
      token_hash: 'h',
      locale: 'ja' as const,
      state: null,
      email: null,
      customer_id: null,
      channel: 'web' as const,
      created_at: AT,
      updated_at: AT,
      staff_reply_at: null,
    };
    expect(conversationTable.fromRow(row, 'postgres').state).toEqual({});
  });

  test('a patch writes the fields it has: null forgets, undefined leaves as is', () => {
    expect(conversationTable.patchRow({ email: null, state: undefined, updatedAt: AT })).toEqual({
      email: null,
      updated_at: '2026-11-23T14:40:00.125Z',
    });
  });
});
