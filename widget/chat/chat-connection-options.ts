/** What a ChatConnection (chat-connection.ts) is built with: its socket factory, storage and callbacks. */
import type { KeyValueStore } from './conversation-store.ts';
import type { ChatAccess, ChatEntry } from './types.ts';

/** The part of a browser WebSocket the connection uses. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

/** Options of a ChatConnection. */
export interface ChatConnectionOptions {
  /** The WebSocket URL, e.g. `wss://bot.example/chat`. */
  url: string;
  /** Opens a socket (the browser's WebSocket, or a fake in tests). */
  createSocket: (url: string) => SocketLike;
  /** Where the token, the seq counter and the outbox are kept; undefined keeps them in memory only. */
  storage?: KeyValueStore | undefined;
  /** The locale to announce in `hello`. */
  locale: () => 'ja' | 'en';
  /**
   * The shop-signed token of the logged-in shopper to send in `hello` (docs/identity.md), or null for an
   * anonymous shopper. Read at every `hello`; a change on an open connection goes out with setShopperToken.
   */
  shopperToken?: () => string | null;
  /** Called after every change of state or entries. */
  onChange: () => void;
  /** Called once for each new bot message (not for restored history). */
  onBotMessage?: (entry: ChatEntry) => void;
  /** Called after each `welcome` (a new or resumed conversation): `greeting` and `shop` are fresh then. */
  onWelcome?: () => void;
  /**
   * Called when a reply comes in another language than `locale()` says the widget shows: the bot switched
   * the conversation (the shopper wrote an English sentence, or Japanese), so the widget's labels follow.
   */
  onLocale?: (locale: 'ja' | 'en') => void;
  /**
   * Asks the server whether this page's origin may chat (`GET /chat/access`), after a socket closed
   * before it opened; null when it cannot tell (network down). Absent: such a close is always an outage.
   */
  checkAccess?: () => Promise<ChatAccess | null>;
  /** Random numbers in [0, 1) for the backoff jitter. Default Math.random. */
  random?: () => number;
}
