/**
 * The widget's chat connection in Node: a WebSocket the test drives, memory storage, server frames with
 * plain defaults, and a connection wired to them (tests/widget/chat/*).
 */
import { ChatConnection } from '../../widget/chat/chat-connection.ts';
import type { ChatConnectionOptions, SocketLike } from '../../widget/chat/chat-connection-options.ts';
import { type KeyValueStore, storageKey } from '../../widget/chat/conversation-store.ts';
import type { ChatEntry, ClientFrame, HistoryMessage, ServerFrame } from '../../widget/chat/types.ts';

/** The chat URL every connection of these tests uses. */
export const CHAT_URL = 'ws://bot.test/chat';
/** A conversation token as the server makes them (43 base64url characters). */
export const TOKEN = 'A'.repeat(43);
/** The conversation id of every welcome. */
export const CONVERSATION = '301fe32c-86a3-41a7-bc90-d63b631db7e7';
/** The n-th message id. */
export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A WebSocket the test drives: open it, feed it server frames, drop it. */
export class FakeSocket implements SocketLike {
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
  /** The seqs of the messages sent, in order (a resend shows twice). */
  seqs(): (number | undefined)[] {
    return this.messages().map((m) => m.seq);
  }
  messages(): Extract<ClientFrame, { type: 'message' }>[] {
    return this.sent.filter((f): f is Extract<ClientFrame, { type: 'message' }> => f.type === 'message');
  }
}

/** localStorage in memory. */
export class MemoryStore implements KeyValueStore {
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

/** What the connection stored for CHAT_URL, parsed. */
export const stored = (store: MemoryStore) => JSON.parse(store.getItem(storageKey(CHAT_URL)) ?? 'null');

/** A store that already holds a conversation for CHAT_URL. */
export function storeWith(conversation: {
  token: string | null;
  seq: number;
  outbox: unknown[];
}): MemoryStore {
  const store = new MemoryStore();
  store.setItem(storageKey(CHAT_URL), JSON.stringify(conversation));
  return store;
}

/** A welcome of the test conversation. */
export function welcome(
  options: { token?: string; resumed?: boolean; messages?: HistoryMessage[]; greeting?: string | null } = {},
): ServerFrame {
  return {
    type: 'welcome',
    conversationId: CONVERSATION,
    ...(options.token ? { token: options.token } : {}),
    locale: 'ja',
    resumed: options.resumed ?? false,
    messages: options.messages ?? [],
    ...(options.greeting !== undefined ? { greeting: options.greeting } : {}),
  };
}

/** The n-th message of a restored history. */
export function history(
  role: 'shopper' | 'bot',
  n: number,
  clientSeq: number | null,
  text: string,
): HistoryMessage {
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

/** The bot's answer (message n) to the shopper's seq `replyTo`. */
export function reply(
  replyTo: number,
  n: number,
  markdown = 'answer',
): Extract<ServerFrame, { type: 'reply' }> {
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

/**
 * A connection to CHAT_URL wired to fake sockets and memory storage, Japanese, with no backoff jitter;
 * `options` replaces any of that. `last()` is the newest socket; `online()` starts, opens and welcomes a
 * new conversation.
 */
export function setup(options: Partial<ChatConnectionOptions> = {}) {
  const sockets: FakeSocket[] = [];
  const botMessages: ChatEntry[] = [];
  const store = options.storage instanceof MemoryStore ? options.storage : new MemoryStore();
  const connection = new ChatConnection({
    url: CHAT_URL,
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
    ...options,
  });
  const last = () => sockets.at(-1)!;
  const online = () => {
    connection.start();
    last().open();
    last().receive(welcome({ token: TOKEN }));
  };
  return { connection, sockets, last, online, store, botMessages };
}
