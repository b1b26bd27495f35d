/**
 * The chat connection as a reactive controller: owns a ChatConnection for the host's lifetime, re-renders
 * the host on every change, and follows the browser's online/offline events (reconnect at once when the
 * network is back instead of waiting for the backoff).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ChatConnection } from '../chat/chat-connection.ts';
import type { ChatConnectionOptions } from '../chat/chat-connection-options.ts';
import { storageKey } from '../chat/conversation-store.ts';
import type { ChatAccess } from '../chat/types.ts';

/** localStorage, or undefined where it is blocked (sandboxed iframes, some private modes). */
function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Turns the widget's `server` URL (default: this page's origin) into the WebSocket URL (`https://x` → `wss://x/chat`). */
export function chatSocketUrl(server: string): string {
  const base = server || window.location.origin;
  const url = new URL('chat', base.endsWith('/') ? base : `${base}/`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/** The bot's `GET /chat/access` (`https://x` → `https://x/chat/access`). */
export function chatAccessUrl(server: string): string {
  const base = server || window.location.origin;
  return new URL('chat/access', base.endsWith('/') ? base : `${base}/`).href;
}

/** Asks the bot whether this page may chat; null when there is no usable answer (network, old proxy). */
async function fetchAccess(server: string): Promise<ChatAccess | null> {
  const response = await fetch(chatAccessUrl(server), { cache: 'no-store', credentials: 'omit' });
  if (!response.ok) return null;
  const body = (await response.json()) as Partial<ChatAccess> | null;
  return typeof body?.allowed === 'boolean' && body.contact ? (body as ChatAccess) : null;
}

/** Connects a host to the bot. */
export class ConnectionController implements ReactiveController {
  /** The connection (replaced when the server URL changes). */
  connection: ChatConnection;
  private started = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: Pick<
      ChatConnectionOptions,
      'locale' | 'onBotMessage' | 'onWelcome' | 'onLocale' | 'shopperToken'
    > & {
      server: string;
      /** Whether the transcript is in view (the window is open): staff replies are then seen. */
      visible?: () => boolean;
    },
  ) {
    this.connection = this.create(options.server);
    host.addController(this);
  }

  /** True when a conversation was started on this device before (resume it without waiting to open). */
  get hasStoredConversation(): boolean {
    try {
      return browserStorage()?.getItem(storageKey(chatSocketUrl(this.options.server))) != null;
    } catch {
      return false;
    }
  }

  /** Connects (idempotent). The widget calls it on first open, or at once to resume a conversation. */
  start(): void {
    this.started = true;
    if (this.host instanceof HTMLElement && !this.host.isConnected) return;
    this.connection.start();
  }

  /** Points the widget at another server. */
  setServer(server: string): void {
    if (server === this.options.server) return;
    this.connection.stop();
    this.options.server = server;
    this.connection = this.create(server);
    if (this.started) this.connection.start();
  }

  hostConnected(): void {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    if (this.started) this.connection.start();
  }

  /** After each render: with the window open, staff replies in it count as seen (no-op when none are unread). */
  hostUpdated(): void {
    if (this.options.visible?.()) this.connection.markStaffSeen();
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.connection.stop();
  }

  private create(server: string): ChatConnection {
    return new ChatConnection({
      url: chatSocketUrl(server),
      createSocket: (url) => new WebSocket(url),
      storage: browserStorage(),
      locale: this.options.locale,
      onChange: () => this.host.requestUpdate(),
      checkAccess: () => fetchAccess(server),
      ...(this.options.onBotMessage ? { onBotMessage: this.options.onBotMessage } : {}),
      ...(this.options.onWelcome ? { onWelcome: this.options.onWelcome } : {}),
      ...(this.options.onLocale ? { onLocale: this.options.onLocale } : {}),
      ...(this.options.shopperToken ? { shopperToken: this.options.shopperToken } : {}),
    });
  }

  private readonly onOnline = (): void => this.connection.reconnectNow();
  private readonly onOffline = (): void => this.connection.markOffline();
}
