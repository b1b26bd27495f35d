import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { KeyValueStore } from '../../../widget/chat/conversation-store.ts';
import type { ServerFrame } from '../../../widget/chat/types.ts';
import {
  CONVERSATION,
  history,
  reply,
  setup,
  stored,
  storeWith,
  TOKEN,
  uuid,
  welcome,
} from '../../helpers/widget-chat.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ChatConnection', () => {
  test('says hello with the locale and stores the token of a new conversation', () => {
    const { connection, last, store } = setup();
    connection.start();
    last().open();
    expect(last().sent).toEqual([{ type: 'hello', locale: 'ja' }]);
    last().receive(welcome({ token: TOKEN }));
    expect(connection.state).toBe('online');
    expect(connection.conversationId).toBe(CONVERSATION);
    expect(stored(store)).toMatchObject({ token: TOKEN, seq: 0, outbox: [] });
  });

  test('resumes with the stored token and continues numbering after the history', () => {
    const { connection, last } = setup({ storage: storeWith({ token: TOKEN, seq: 1, outbox: [] }) });
    connection.start();
    last().open();
    expect(last().sent[0]).toEqual({ type: 'hello', token: TOKEN, locale: 'ja' });
    // Another tab went up to seq 4.
    last().receive(
      welcome({
        resumed: true,
        messages: [history('shopper', 1, 4, '送料は？'), history('bot', 2, null, '550円です')],
      }),
    );
    expect(connection.entries.map((e) => [e.role, e.text])).toEqual([
      ['shopper', '送料は？'],
      ['bot', '550円です'],
    ]);
    connection.send('ありがとう');
    expect(last().messages()).toEqual([{ type: 'message', text: 'ありがとう', seq: 5 }]);
  });

  test('shows messages typed before the connection at once and sends each once after welcome', () => {
    const { connection, last, store } = setup();
    connection.start();
    connection.send('送料はいくら');
    connection.send('定期便を解約したい', 'subscription.cancel');
    expect(connection.entries.map((e) => [e.text, e.status])).toEqual([
      ['送料はいくら', 'sending'],
      ['定期便を解約したい', 'sending'],
    ]);
    last().open();
    expect(last().messages()).toEqual([]);
    last().receive(welcome({ token: TOKEN }));
    expect(last().messages()).toEqual([
      { type: 'message', text: '送料はいくら', seq: 1 },
      { type: 'message', text: '定期便を解約したい', seq: 2, intent: 'subscription.cancel' },
    ]);
    last().receive({ type: 'ack', seq: 1, messageId: uuid(1), duplicate: false });
    last().receive(reply(1, 2));
    expect(stored(store).outbox.map((i: { seq: number }) => i.seq)).toEqual([2]);
    expect(connection.entries[0]).toMatchObject({ id: uuid(1), status: 'sent' });
  });

  test('after a drop, resends only the unanswered messages with their original seq', () => {
    const { connection, online, last } = setup();
    online();
    connection.send('一つ目');
    connection.send('二つ目');
    last().receive(reply(1, 2));
    last().drop();
    expect(connection.state).toBe('offline');
    connection.send('三つ目');
    vi.advanceTimersByTime(1000);
    const second = last();
    second.open();
    // The server stored message 2 before the drop but never answered it.
    second.receive(
      welcome({
        resumed: true,
        messages: [
          history('shopper', 1, 1, '一つ目'),
          history('bot', 2, null, 'answer'),
          history('shopper', 3, 2, '二つ目'),
        ],
      }),
    );
    expect(second.seqs()).toEqual([2, 3]);
    expect(connection.entries.map((e) => e.text)).toEqual(['一つ目', 'answer', '二つ目', '三つ目']);
  });

  test('shows a reply that arrives twice (a retried seq) once', () => {
    const { connection, online, last, botMessages } = setup();
    online();
    connection.send('送料');
    last().receive(reply(1, 2));
    last().receive(reply(1, 2));
    expect(connection.entries.filter((e) => e.role === 'bot')).toHaveLength(1);
    expect(botMessages).toHaveLength(1);
  });

  test('reconnects with growing delays until the server answers', () => {
    const { connection, sockets, last } = setup();
    connection.start();
    last().drop();
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    last().drop();
    vi.advanceTimersByTime(1999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    last().open();
    last().receive(welcome({ token: TOKEN }));
    last().drop();
    // A successful welcome resets the backoff.
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(4);
  });

  test('reconnects at once when the browser is back online', () => {
    const { connection, sockets, last } = setup();
    connection.start();
    last().drop();
    last().drop();
    connection.reconnectNow();
    expect(sockets).toHaveLength(2);
  });

  test('starts a new conversation when the stored token is unknown', () => {
    const { connection, last, store } = setup({ storage: storeWith({ token: TOKEN, seq: 3, outbox: [] }) });
    connection.start();
    last().open();
    last().receive({ type: 'error', code: 'CHAT_ERR_TOKEN_INVALID', message: '…', seq: null });
    expect(last().sent.at(-1)).toEqual({ type: 'hello', locale: 'ja' });
    expect(stored(store).token).toBeNull();
    expect(connection.entries).toEqual([]);
  });

  test('marks a message the server refuses as failed, shows why, and never resends it', () => {
    const { connection, online, last, store } = setup();
    online();
    connection.send('長すぎる');
    last().receive({ type: 'error', code: 'CHAT_ERR_TEXT_TOO_LONG', message: '長すぎます', seq: 1 });
    expect(connection.entries.map((e) => [e.role, e.text, e.status])).toEqual([
      ['shopper', '長すぎる', 'failed'],
      ['notice', '長すぎます', 'sent'],
    ]);
    expect(stored(store).outbox).toEqual([]);
  });

  test('retries a message with the same seq while the model is still loading', () => {
    const { connection, online, last } = setup();
    online();
    connection.send('送料');
    last().receive({ type: 'ack', seq: 1, messageId: uuid(1), duplicate: false });
    last().receive({ type: 'error', code: 'CHAT_ERR_NOT_READY', message: '準備中', seq: 1 });
    expect(connection.entries.filter((e) => e.role === 'notice')).toEqual([]);
    vi.advanceTimersByTime(3000);
    expect(last().seqs()).toEqual([1, 1]);
  });

  test.each([
    { code: 'CHAT_ERR_RATE_LIMITED' as const, message: '速すぎます' },
    { code: 'CHAT_ERR_CLIENT_RATE_LIMITED' as const, message: '集中しています' },
    { code: 'CHAT_ERR_HANDOFF_RATE_LIMITED' as const, message: '集中しています' },
  ])(
    'after a rate-limit refusal ($code) shows the notice and resends later with the same seq',
    ({ code, message }) => {
      const { connection, online, last, store } = setup();
      online();
      connection.send('人と話したい');
      last().receive({ type: 'error', code, message, seq: 1 });
      expect(connection.entries.filter((e) => e.role === 'notice').map((e) => e.text)).toEqual([message]);
      expect(stored(store).outbox).toEqual([expect.objectContaining({ seq: 1 })]);
      vi.advanceTimersByTime(3000);
      expect(last().seqs()).toEqual([1, 1]);
    },
  );

  test('keeps unanswered messages across a reload and sends them on the next connection', () => {
    const first = setup();
    first.connection.start();
    first.connection.send('オフラインで入力');
    first.connection.stop();

    const second = setup({ storage: first.store });
    expect(second.connection.entries.map((e) => [e.text, e.status])).toEqual([
      ['オフラインで入力', 'sending'],
    ]);
    second.connection.start();
    second.last().open();
    second.last().receive(welcome({ token: TOKEN }));
    expect(second.last().messages()).toEqual([{ type: 'message', text: 'オフラインで入力', seq: 1 }]);
  });

  test('shows feedback at once and keeps the confirmed value', () => {
    const { connection, online, last } = setup();
    online();
    connection.send('送料');
    last().receive(reply(1, 2));
    connection.sendFeedback(uuid(2), 'helpful');
    expect(last().sent.at(-1)).toEqual({ type: 'feedback', messageId: uuid(2), value: 'helpful' });
    expect(connection.entries.at(-1)?.feedback).toBe('helpful');
    last().receive({ type: 'feedback-ack', messageId: uuid(2), value: 'helpful' });
    expect(connection.entries.at(-1)?.feedback).toBe('helpful');
  });

  test("keeps the welcome's greeting and shop status, and a handoff reply's newer hours", () => {
    const { connection, last } = setup();
    connection.start();
    last().open();
    expect(connection.greeting).toBeNull();
    last().receive({
      ...welcome({ token: TOKEN }),
      greeting: '遅くまでお疲れさまです。',
      shop: { open: false, nextOpening: '2026-11-24T01:00:00.000Z' },
    } as ServerFrame);
    expect(connection.greeting).toBe('遅くまでお疲れさまです。');
    expect(connection.shop).toEqual({ open: false, nextOpening: '2026-11-24T01:00:00.000Z' });
    connection.send('スタッフと話したい');
    last().receive({
      ...reply(1, 2),
      decision: 'handoff',
      handoff: { step: 'done', open: true, nextOpening: null },
    } as ServerFrame);
    expect(connection.shop).toEqual({ open: true, nextOpening: null });
    // A later welcome (a reconnect) says the bot does not greet again.
    last().drop();
    vi.advanceTimersByTime(1000);
    last().open();
    last().receive({ ...welcome({ resumed: true }), greeting: null } as ServerFrame);
    expect(connection.greeting).toBeNull();
  });

  test('tells the server when the greeting is dismissed, after each welcome calls back', () => {
    const welcomes: string[] = [];
    const { connection, last } = setup({ onWelcome: () => welcomes.push(String(connection.greeting)) });
    connection.start();
    last().open();
    last().receive({ ...welcome({ token: TOKEN }), greeting: 'こんにちは。' } as ServerFrame);
    expect(welcomes).toEqual(['こんにちは。']);
    connection.dismissGreeting();
    expect(last().sent.at(-1)).toEqual({ type: 'greeting-dismissed' });
  });

  test('calls back when a reply comes in another language than the widget shows', () => {
    const switches: string[] = [];
    let shown: 'ja' | 'en' = 'ja';
    const { connection, online, last } = setup({
      locale: () => shown,
      onLocale: (locale) => {
        switches.push(locale);
        shown = locale;
      },
    });
    online();
    connection.send('送料はいくら');
    last().receive(reply(1, 2));
    expect(switches).toEqual([]);
    connection.send('how much is shipping to Tokyo');
    last().receive({ ...reply(2, 3), locale: 'en' });
    connection.send('OK');
    last().receive({ ...reply(3, 4), locale: 'en' });
    expect(switches).toEqual(['en']);
  });

  describe('a handshake refused before the socket opens', () => {
    const CONTACT = {
      email: 'support@shop.example',
      phone: '0120-000-000',
      hours: { ja: '平日', en: 'weekdays' },
    };

    const refused = (allowed: boolean) =>
      setup({
        checkAccess: async () => ({
          allowed,
          code: allowed ? null : 'CHAT_ERR_ORIGIN_FORBIDDEN',
          contact: CONTACT,
        }),
      });

    test('is a configuration error when the origin is not allowed: unavailable, with the contact, no retries', async () => {
      const { connection, sockets } = refused(false);
      connection.start();
      sockets[0]!.drop();
      await vi.advanceTimersByTimeAsync(0);
      expect(connection.state).toBe('unavailable');
      expect(connection.contact).toEqual(CONTACT);
      await vi.advanceTimersByTimeAsync(120_000);
      connection.reconnectNow();
      expect(sockets).toHaveLength(1);
    });

    test('is an outage when the origin is allowed: offline, retried with backoff', async () => {
      const { connection, sockets } = refused(true);
      connection.start();
      sockets[0]!.drop();
      await vi.advanceTimersByTimeAsync(0);
      expect(connection.state).toBe('offline');
      await vi.advanceTimersByTimeAsync(1000);
      expect(sockets).toHaveLength(2);
    });
  });

  test('works in memory when storage throws', () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    const { connection, online, last } = setup({ storage: broken, locale: () => 'en' });
    online();
    connection.send('hello');
    expect(last().messages()).toEqual([{ type: 'message', text: 'hello', seq: 1 }]);
  });
});
