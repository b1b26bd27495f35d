/**
 * The raw write paths' SQL comes from the column tables: SQLite's named-parameter statements name every
 * column once, in the table's order, and a patch's UPDATE only the columns it changes; PostgreSQL's
 * pieces cast JSON and timestamps to their column types and let a computed column replace its value.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { conversationTable } from '../../../server/storage/conversation-table.ts';
import type { Database } from '../../../server/storage/database-schema.ts';
import { messageTable } from '../../../server/storage/message-table.ts';
import {
  pgAssignments,
  pgColumnList,
  pgValues,
  sqliteInsert,
  sqliteUpdateById,
} from '../../../server/storage/row-sql.ts';

/** Compiles without connecting: kysely's PostgreSQL compiler only. */
const pg = new Kysely<Database>({
  dialect: new PostgresDialect({ pool: async () => Promise.reject(new Error('never connects')) }),
});

const AT = new Date('2026-11-23T14:40:00.000Z');

describe('row SQL', () => {
  test('SQLite inserts every column of the table with its named parameter', () => {
    expect(sqliteInsert(conversationTable)).toBe(
      'insert into conversations (id, token_hash, locale, state, email, customer_id, channel, created_at, updated_at, staff_reply_at) ' +
        'values (@id, @token_hash, @locale, @state, @email, @customer_id, @channel, @created_at, @updated_at, @staff_reply_at)',
    );
  });

  test("SQLite's patch sets only the patched columns, in the table's order", () => {
    const patch = conversationTable.patchRow({ updatedAt: AT, email: null });
    expect(sqliteUpdateById(conversationTable, patch)).toBe(
      'update conversations set email = @email, updated_at = @updated_at where id = @id',
    );
  });

  test('PostgreSQL casts JSON and timestamps and takes computed columns as SQL', () => {
    const row = messageTable.toRow({
      id: 'm1',
      conversationId: 'c1',
      seq: 0,
      role: 'shopper',
      text: 'hi',
      clientSeq: 1,
      replyTo: null,
      decision: null,
      intent: null,
      score: null,
      payload: null,
      feedback: null,
      createdAt: AT,
    });
    const query = sql`insert into messages ${pgColumnList(messageTable)}
      select ${pgValues(messageTable, row, { seq: sql`41 + 1` })}`.compile(pg);
    expect(query.sql).toContain(
      '("id", "conversation_id", "seq", "role", "text", "client_seq", "reply_to", "decision", "intent", "score", "payload", "feedback", "created_at")',
    );
    expect(query.sql).toContain(
      'select $1, $2, 41 + 1, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12::timestamptz',
    );
    expect(query.parameters).toEqual([
      'm1',
      'c1',
      'shopper',
      'hi',
      1,
      null,
      null,
      null,
      null,
      null,
      null,
      AT.toISOString(),
    ]);
  });

  test("PostgreSQL's patch assigns only the patched columns, cast", () => {
    const patch = conversationTable.patchRow({ updatedAt: AT, state: { step: 'email' } });
    const query = sql`update conversations set ${pgAssignments(conversationTable, patch)}`.compile(pg);
    expect(query.sql).toBe('update conversations set "state" = $1::jsonb, "updated_at" = $2::timestamptz');
    expect(query.parameters).toEqual(['{"step":"email"}', AT.toISOString()]);
  });
});
