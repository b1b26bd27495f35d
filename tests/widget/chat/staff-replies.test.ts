/**
 * Staff replies in the widget's connection: one in the resumed history is unread until the shopper sees
 * it (a `seen` frame naming its transcript seq), one sent live joins the transcript once and counts as
 * unread, and nothing is marked seen while the connection cannot tell the server.
 */
import { describe, expect, test } from 'vitest';
import type { HistoryMessage } from '../../../widget/chat/types.ts';
import { history, setup, storeWith, TOKEN, uuid, welcome } from '../../helpers/widget-chat.ts';

function staff(n: number, text: string, unread: boolean): HistoryMessage {
  return { ...history('bot', n, null, text), role: 'staff', decision: null, intent: null, unread };
}

describe('staff replies in the widget connection', () => {
  test('an unread reply in the history counts until it is seen, and seen tells the server its seq', () => {
    const { connection, last } = setup({ storage: storeWith({ token: TOKEN, seq: 1, outbox: [] }) });
    connection.start();
    last().open();
    last().receive(
      welcome({
        resumed: true,
        messages: [
          history('shopper', 1, 1, '人と話したい'),
          staff(2, '既読の返信', false),
          staff(3, '担当の佐藤です', true),
        ],
      }),
    );
    expect(connection.entries.map((e) => [e.role, e.text, e.unread])).toEqual([
      ['shopper', '人と話したい', false],
      ['staff', '既読の返信', false],
      ['staff', '担当の佐藤です', true],
    ]);
    expect(connection.unreadStaff).toBe(1);
    connection.markStaffSeen();
    expect(last().sent.at(-1)).toEqual({ type: 'seen', seq: 3 });
    expect(connection.unreadStaff).toBe(0);
    const sent = last().sent.length;
    connection.markStaffSeen();
    expect(last().sent).toHaveLength(sent);
  });

  test('a live reply joins the transcript once, unread', () => {
    const { connection, last, online } = setup();
    online();
    const frame = { type: 'staff-reply' as const, message: staff(4, 'お待たせしました', true) };
    last().receive(frame);
    last().receive(frame);
    expect(connection.entries.filter((e) => e.role === 'staff').map((e) => [e.id, e.seq, e.unread])).toEqual([
      [uuid(4), 4, true],
    ]);
    expect(connection.unreadStaff).toBe(1);
  });

  test('offline, a reply stays unread (the server was not told)', () => {
    const { connection, last, online } = setup();
    online();
    last().receive({ type: 'staff-reply', message: staff(2, 'お待たせしました', true) });
    connection.markOffline();
    last().close();
    connection.markStaffSeen();
    expect(connection.unreadStaff).toBe(1);
  });
});
