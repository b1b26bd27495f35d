import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  backoffDelay,
  ChatConnection,
  type KeyValueStore,
  type SocketLike,
  storageKey,
} from '../../../widget/chat/chat-connection.ts';
import type { ChatEntry, ClientFrame, HistoryMessage, ServerFrame } from '../../../widget/chat/types.ts';

const URL = 'ws://bot.test/chat';
const TOKEN = 'A'.repeat(43);
const CONVERSATION = '301fe32c-86a3-41a7-bc90-d63b631db7e7';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A WebSocket the test drives: open it, feed it server frames, drop it. */
class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: ClientFrame[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;

  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientFrame);
  }
  close(): void {
    this.drop();
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({} as Event);
  }
  receive(frame: ServerFrame): void {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }
  drop(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({} as CloseEvent);
  }
  messages(): Extract<ClientFrame, { type: 'message' }>[] {
    return this.sent.filter((f): f is Extract<ClientFrame, { type: 'message' }> => f.type === 'message');
  }
}

class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

function welcome(
  options: { token?: string; resumed?: boolean; messages?: HistoryMessage[] } = {},
): ServerFrame {
  return {
    type: 'welcome',
    conversationId: CONVERSATION,
    ...(options.token ? { token: options.token } : {}),
    locale: 'ja',
    resumed: options.resumed ?? false,
    messages: options.messages ?? [],
  };
}

function history(role: 'shopper' | 'bot', n: number, clientSeq: number | null, text: string): HistoryMessage {
  return {
    id: uuid(n),
    role,
    seq: n,
    clientSeq,
    text,
    decision: role === 'bot' ? 'answer' : null,
    intent: null,
    quickReplies: [],
    feedback: null,
    createdAt: '2026-11-23T14:41:00.000Z',
  };
}

function reply(replyTo: number, n: number, markdown = 'answer'): ServerFrame {
  return {
    type: 'reply',
    messageId: uuid(n),
    replyTo,
    decision: 'answer',
    reason: null,
    intent: 'shipping.fee',
    score: 0.9,
    locale: 'ja',
    markdown,
    quickReplies: [],
    createdAt: '2026-11-23T14:41:00.000Z',
  };
}

/** A connection wired to fake sockets and memory storage. */
function setup(store = new MemoryStore()) {
  const sockets: FakeSocket[] = [];
  const botMessages: ChatEntry[] = [];
  const connection = new ChatConnection({
    url: URL,
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    storage: store,
    locale: () => 'ja',
    onChange: () => {},
    onBotMessage: (entry) => botMessages.push(entry),
    random: () => 1,
  });
  const last = () => sockets.at(-1)!;
  return { connection, sockets, last, store, botMessages };
}

const stored = (store: MemoryStore) => JSON.parse(store.getItem(storageKey(URL)) ?? 'null');

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('backoffDelay', () => {
  test.each([
    { name: 'first retry after 1 s', attempt: 0, random: 1, ms: 1000 },
    { name: 'doubles each time', attempt: 3, random: 1, ms: 8000 },
    { name: 'caps at 30 s', attempt: 10, random: 1, ms: 30_000 },
    { name: 'jitter goes down to half', attempt: 2, random: 0, ms: 2000 },
  ])('$name', ({ attempt, random, ms }) => {
    expect(backoffDelay(attempt, () => random)).toBe(ms);
  });
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
    const store = new MemoryStore();
    store.setItem(storageKey(URL), JSON.stringify({ token: TOKEN, seq: 1, outbox: [] }));
    const { connection, last } = setup(store);
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
    const { connection, last } = setup();
    connection.start();
    last().open();
    last().receive(welcome({ token: TOKEN }));
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
    expect(second.messages().map((m) => m.seq)).toEqual([2, 3]);
    expect(connection.entries.map((e) => e.text)).toEqual(['一つ目', 'answer', '二つ目', '三つ目']);
  });

  test('shows a reply that arrives twice (a retried seq) once', () => {
    const { connection, last, botMessages } = setup();
    connection.start();
    last().open();
    last().receive(welcome({ token: TOKEN }));
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
    const store = new MemoryStore();
    store.setItem(storageKey(URL), JSON.stringify({ token: TOKEN, seq: 3, outbox: [] }));
    const { connection, last } = setup(store);
    connection.start();
    last().open();
    last().receive({ type: 'error', code: 'CHAT_ERR_TOKEN_INVALID', message: '…', seq: null });
    expect(last().sent.at(-1)).toEqual({ type: 'hello', locale: 'ja' });
    expect(stored(store).token).toBeNull();
    expect(connection.entries).toEqual([]);
  });

  test('marks a message the server refuses as failed, shows why, and never resends it', () => {
    const { connection, last, store } = setup();
    connection.start();
    last().open();
    last().receive(welcome({ token: TOKEN }));
    connection.send('長すぎる');
    last().receive({ type: 'error', code: 'CHAT_ERR_TEXT_TOO_LONG', message: '長すぎます', seq: 1 });
    expect(connection.entries.map((e) => [e.role, e.text, e.status])).toEqual([
      ['shopper', '長すぎる', 'failed'],
      ['notice', '長すぎます', 'sent'],
    ]);
    expect(stored(store).outbox).toEqual([]);
  });

  test('retries a message with the same seq while the model is still loading', () => {
    const { connection, last } = setup();
    connection.start();
    last().open();
    last().receive(welcome({ token: TOKEN }));
    connection.send('送料');
    last().receive({ type: 'ack', seq: 1, messageId: uuid(1), duplicate: false });
    last().receive({ type: 'error', code: 'CHAT_ERR_NOT_READY', message: '準備中', seq: 1 });
    expect(connection.entries.filter((e) => e.role === 'notice')).toEqual([]);
    vi.advanceTimersByTime(3000);
    expect(
      last()
        .messages()
        .map((m) => m.seq),
    ).toEqual([1, 1]);
  });

  test('shows the rate-limit notice and resends the message later with the same seq', () => {
    const { connection, last, store } = setup();
    connection.start();
    last().open();
    last().receive(welcome({ token: TOKEN }));
    connection.send('送料');
    last().receive({ type: 'error', code: 'CHAT_ERR_RATE_LIMITED', message: '速すぎます', seq: 1 });
    expect(connection.entries.filter((e) => e.role === 'notice').map((e) => e.text)).toEqual(['速すぎます']);
    expect(stored(store).outbox).toEqual([expect.objectContaining({ seq: 1 })]);
    vi.advanceTimersByTime(3000);
    expect(
      last()
        .messages()
        .map((m) => m.seq),
    ).toEqual([1, 1]);
  });

  test.each([
    { code: 'CHAT_ERR_CLIENT_RATE_LIMITED' as const },
    { code: 'CHAT_ERR_HANDOFF_RATE_LIMITED' as const },
  ])('after a per-client refusal ($code) shows the notice and resends later', ({ code }) => {
    const { connection, last, store } = setup();
    connection.start();
    last().open();
    last().receive(welcome({ token: TOKEN }));
    connection.send('人と話したい');
    last().receive({ type: 'error', code, message: '集中しています', seq: 1 });
    expect(connection.entries.filter((e) => e.role === 'notice').map((e) => e.text)).toEqual([
      '集中しています',
    ]);
    expect(stored(store).outbox).toEqual([expect.objectContaining({ seq: 1 })]);
    vi.advanceTimersByTime(3000);
    expect(
      last()
        .messages()
        .map((m) => m.seq),
    ).toEqual([1, 1]);
  });

  test('keeps unanswered messages across a reload and sends them on the next connection', () => {
    const store = new MemoryStore();
    const first = setup(store);
    first.connection.start();
    first.connection.send('オフラインで入力');
    first.connection.stop();

    const second = setup(store);
    expect(second.connection.entries.map((e) => [e.text, e.status])).toEqual([
      ['オフラインで入力', 'sending'],
    ]);
    second.connection.start();
    second.last().open();
    second.last().receive(welcome({ token: TOKEN }));
    expect(second.last().messages()).toEqual([{ type: 'message', text: 'オフラインで入力', seq: 1 }]);
  });

  test('shows feedback at once and keeps the confirmed value', () => {
    const { connection, last } = setup();
    connection.start();
    last().open();
    last().receive(welcome({ token: TOKEN }));
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
    expect(connection.greeting).toBeUndefined();
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
    const sockets: FakeSocket[] = [];
    const connection = new ChatConnection({
      url: URL,
      createSocket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      locale: () => 'ja',
      onChange: () => {},
      onWelcome: () => welcomes.push(String(connection.greeting)),
    });
    connection.start();
    sockets[0]!.open();
    sockets[0]!.receive({ ...welcome({ token: TOKEN }), greeting: 'こんにちは。' } as ServerFrame);
    expect(welcomes).toEqual(['こんにちは。']);
    connection.dismissGreeting();
    expect(sockets[0]!.sent.at(-1)).toEqual({ type: 'greeting-dismissed' });
  });

  test('calls back when a reply comes in another language than the widget shows', () => {
    const switches: string[] = [];
    let shown: 'ja' | 'en' = 'ja';
    const sockets: FakeSocket[] = [];
    const connection = new ChatConnection({
      url: URL,
      createSocket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      locale: () => shown,
      onChange: () => {},
      onLocale: (locale) => {
        switches.push(locale);
        shown = locale;
      },
    });
    connection.start();
    sockets[0]!.open();
    sockets[0]!.receive(welcome({ token: TOKEN }));
    connection.send('送料はいくら');
    sockets[0]!.receive(reply(1, 2));
    expect(switches).toEqual([]);
    connection.send('how much is shipping to Tokyo');
    sockets[0]!.receive({ ...reply(2, 3), locale: 'en' } as ServerFrame);
    connection.send('OK');
    sockets[0]!.receive({ ...reply(3, 4), locale: 'en' } as ServerFrame);
    expect(switches).toEqual(['en']);
  });

  describe('a handshake refused before the socket opens', () => {
    const CONTACT = {
      email: 'support@shop.example',
      phone: '0120-000-000',
      hours: { ja: '平日', en: 'weekdays' },
    };

    function refused(allowed: boolean) {
      const sockets: FakeSocket[] = [];
      const connection = new ChatConnection({
        url: URL,
        createSocket: () => {
          const s = new FakeSocket();
          sockets.push(s);
          return s;
        },
        locale: () => 'ja',
        onChange: () => {},
        random: () => 1,
        checkAccess: async () => ({
          allowed,
          code: allowed ? null : 'CHAT_ERR_ORIGIN_FORBIDDEN',
          contact: CONTACT,
        }),
      });
      return { connection, sockets };
    }

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
    const sockets: FakeSocket[] = [];
    const connection = new ChatConnection({
      url: URL,
      createSocket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      storage: broken,
      locale: () => 'en',
      onChange: () => {},
    });
    connection.start();
    sockets[0]!.open();
    sockets[0]!.receive(welcome({ token: TOKEN }));
    connection.send('hello');
    expect(sockets[0]!.messages()).toEqual([{ type: 'message', text: 'hello', seq: 1 }]);
  });
});
