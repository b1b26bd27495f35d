/**
 * The widget's side of verified identity (docs/identity.md): the page's shopper token goes out in
 * `hello` and, when the page changes it on an open connection, in a `shopper` frame; a fresh
 * conversation the server starts for another customer replaces the transcript on the screen.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { CONVERSATION, history, setup, TOKEN, uuid, welcome } from '../../helpers/widget-chat.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ChatConnection with a shopper token', () => {
  test("says hello with the page's shopper token, and without one for an anonymous shopper", () => {
    let shopper: string | null = 'jwt-of-a';
    const { connection, last } = setup({ shopperToken: () => shopper });
    connection.start();
    last().open();
    expect(last().sent).toEqual([{ type: 'hello', locale: 'ja', shopper: 'jwt-of-a' }]);
    shopper = null;
    last().receive(welcome({ token: TOKEN }));
    last().drop();
    vi.advanceTimersByTime(1000);
    last().open();
    expect(last().sent[0]).toEqual({ type: 'hello', token: TOKEN, locale: 'ja' });
  });

  test('sends a changed token on the open connection and shows whether the server verified it', () => {
    let shopper: string | null = null;
    const { connection, last, online } = setup({ shopperToken: () => shopper });
    online();
    expect(connection.verified).toBe(false);
    shopper = 'jwt-of-a';
    connection.refreshShopperToken();
    expect(last().sent.at(-1)).toEqual({ type: 'shopper', shopper: 'jwt-of-a' });
    last().receive({ type: 'shopper-ack', verified: true });
    expect(connection.verified).toBe(true);
    shopper = null;
    connection.refreshShopperToken();
    expect(last().sent.at(-1)).toEqual({ type: 'shopper', shopper: null });
  });

  test("a fresh conversation for another customer clears the previous customer's transcript", () => {
    const { connection, last } = setup({ shopperToken: () => 'jwt-of-a' });
    connection.start();
    last().open();
    last().receive(
      welcome({
        resumed: true,
        messages: [history('shopper', 1, 1, '次のお届けは？'), history('bot', 2, null, '12月8日です')],
      }),
    );
    expect(connection.entries).toHaveLength(2);
    last().receive({
      type: 'welcome',
      conversationId: uuid(99),
      token: TOKEN,
      locale: 'ja',
      resumed: false,
      messages: [],
      verified: true,
    });
    expect(connection.conversationId).not.toBe(CONVERSATION);
    expect(connection.entries).toEqual([]);
    expect(connection.verified).toBe(true);
  });
});
