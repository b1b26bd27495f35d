/**
 * The widget's side of the chat protocol (docs/protocol.md), free of lit and of the DOM so it can be
 * tested in Node with a fake socket: connects, resumes with the stored token, numbers messages, keeps
 * unanswered messages in an outbox that survives reloads (conversation-store.ts) and resends them with
 * their original seq after a reconnect (the server's seq makes that idempotent: a message is stored once),
 * retries what the server could not answer yet (resend-schedule.ts), and reconnects with exponential
 * backoff (backoff.ts).
 */
import { backoffDelay } from './backoff.ts';
import type { ChatConnectionOptions, SocketLike } from './chat-connection-options.ts';
import {
  answeredSeqs,
  historyEntry,
  lastUnreadStaffSeq,
  noticeEntry,
  outboxEntry,
  replyEntry,
} from './chat-entries.ts';
import { ConversationStore } from './conversation-store.ts';
import { isTransient, ResendSchedule } from './resend-schedule.ts';
import type {
  ChatAccess,
  ChatEntry,
  ClientFrame,
  ConnectionState,
  FeedbackValue,
  OutboxItem,
  ReplyFrame,
  ServerFrame,
  ShopStatusInfo,
} from './types.ts';

/** WebSocket.OPEN. */
const OPEN = 1;
/** No `welcome` this long after opening: give up on the socket and reconnect (ms). */
const HANDSHAKE_TIMEOUT_MS = 10_000;
/** Application ping while online, so idle proxies keep the socket (ms; the server suggests ~30 s). */
const PING_INTERVAL_MS = 25_000;

/** A server frame from a socket message, or null for anything that is not JSON text. */
function parseFrame(data: unknown): ServerFrame | null {
  if (typeof data !== 'string') return null;
  try {
    return JSON.parse(data) as ServerFrame;
  } catch {
    return null;
  }
}

/** One shopper's conversation with the bot, over a reconnecting WebSocket. */
export class ChatConnection {
  /**
   * Where the connection is; `offline` between a drop and the next successful welcome; `unavailable`
   * when the server refuses this page's origin (a configuration error: no more retries).
   */
  state: ConnectionState = 'connecting';
  /** The shop's contact, once the server said the chat is unavailable for this page. */
  contact: ChatAccess['contact'] | null = null;
  /** The transcript, oldest first. */
  entries: ChatEntry[] = [];
  /** The conversation id once welcomed (for support requests; it cannot resume anything). */
  conversationId: string | null = null;
  /** The latest welcome's proactive greeting: the bot's text; null before any welcome or when the bot does not greet. */
  greeting: string | null = null;
  /**
   * Whether staff are in: from the latest welcome, then from live handoff replies that say; null while no
   * server has said.
   */
  shop: ShopStatusInfo | null = null;
  /** Whether the server verified the shopper's token on this connection (from `welcome` and `shopper-ack`). */
  verified = false;

  private socket: SocketLike | null = null;
  private readonly stored: ConversationStore;
  private attempt = 0;
  private running = false;
  private welcomed = false;
  /** True once the current socket got its welcome: messages go out only after `hello` was answered. */
  private welcomedOnSocket = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private handshakeTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private readonly resends = new ResendSchedule();
  private readonly random: () => number;

  constructor(private readonly options: ChatConnectionOptions) {
    this.random = options.random ?? Math.random;
    this.stored = new ConversationStore(options.url, options.storage);
    // Messages typed before a reload that never got an answer show at once, as waiting.
    this.entries = this.stored.outbox.map(outboxEntry);
  }

  /** True while a message waits for the bot's reply (show the typing indicator). */
  get waiting(): boolean {
    return this.stored.outbox.length > 0 && this.state === 'online';
  }

  /** Opens the connection (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  /** Closes the connection and cancels every timer; `start` opens it again. */
  stop(): void {
    this.running = false;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.close(1000, 'widget closed');
    }
  }

  /** Reconnects now instead of waiting for the backoff (the browser came back online). */
  reconnectNow(): void {
    if (!this.running || this.state === 'online' || this.state === 'unavailable' || this.socket) return;
    clearTimeout(this.reconnectTimer);
    this.attempt = 0;
    this.connect();
  }

  /** The browser says it is offline: show it now rather than when the socket times out. */
  markOffline(): void {
    if (this.state === 'online') {
      this.state = 'offline';
      this.options.onChange();
    }
  }

  /**
   * Sends a shopper message (`intent` when a button was pressed). It shows at once; offline it waits in
   * the outbox and is sent, once, when the connection is back.
   */
  send(text: string, intent?: string): void {
    if (!text.trim()) return;
    const item = this.stored.add(text, intent, new Date().toISOString());
    this.entries = [...this.entries, outboxEntry(item)];
    this.transmit(item);
    this.options.onChange();
  }

  /** Staff replies the shopper has not seen yet (the launcher's badge). */
  get unreadStaff(): number {
    return this.entries.filter((e) => e.role === 'staff' && e.unread).length;
  }

  /**
   * The shopper sees the transcript (the window is open): its staff replies are read, on this page and
   * on the next visit. Told to the server with `seen`; offline they stay unread until the next call.
   */
  markStaffSeen(): void {
    const last = lastUnreadStaffSeq(this.entries);
    if (last === null || !this.frame({ type: 'seen', seq: last })) return;
    this.updateEntry((e) => e.role === 'staff' && e.seq !== null && e.seq <= last, { unread: false });
    this.options.onChange();
  }

  /** Rates a bot message. */
  sendFeedback(messageId: string, value: FeedbackValue): void {
    // Optimistic: the button shows pressed at once; the feedback-ack confirms it.
    this.updateEntry((e) => e.id === messageId, { feedback: value });
    this.frame({ type: 'feedback', messageId, value });
  }

  /** Tells the server the shopper closed the greeting, so the conversation is never greeted again. */
  dismissGreeting(): void {
    // Best effort: the server recorded the greeting as shown when it sent it, so a lost dismissal never
    // brings the greeting back.
    this.frame({ type: 'greeting-dismissed' });
  }

  /**
   * The page handed a new shopper token (refreshed, signed in) or took it away (null: signed out): sent
   * at once on an open connection; otherwise the next `hello` carries it (options.shopperToken).
   */
  refreshShopperToken(): void {
    this.frame({ type: 'shopper', shopper: this.options.shopperToken?.() ?? null });
  }

  /** Announces a new UI locale to the server (server error messages follow it). */
  changeLocale(): void {
    if (this.state === 'online' && this.stored.token) this.hello();
  }

  private connect(): void {
    this.state = this.attempt === 0 && !this.welcomed ? 'connecting' : 'offline';
    this.options.onChange();
    let socket: SocketLike;
    try {
      socket = this.options.createSocket(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.welcomedOnSocket = false;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.handshakeTimer = setTimeout(() => socket.close(4000, 'no welcome'), HANDSHAKE_TIMEOUT_MS);
      this.hello();
    };
    socket.onmessage = (event) => {
      const frame = parseFrame(event.data);
      if (frame) this.handle(frame);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.clearTimers();
      this.state = 'offline';
      this.options.onChange();
      this.scheduleReconnect();
      if (!opened) void this.checkAccess();
    };
    socket.onerror = () => {
      // A close event always follows; reconnecting is handled there.
    };
  }

  /**
   * After a socket closed before it opened: a refused origin (HTTP 403 on the handshake, which the
   * browser does not show) is a configuration error, not an outage. Retrying cannot fix it: stop, and
   * say the chat is unavailable and how to reach the shop.
   */
  private async checkAccess(): Promise<void> {
    let access: ChatAccess | null = null;
    try {
      access = (await this.options.checkAccess?.()) ?? null;
    } catch {
      // No answer: treat it as the outage it then probably is.
    }
    if (!access || access.allowed || !this.running) return;
    this.stop();
    this.contact = access.contact;
    this.state = 'unavailable';
    this.options.onChange();
  }

  private scheduleReconnect(): void {
    if (!this.running) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.connect(), backoffDelay(this.attempt, this.random));
    this.attempt += 1;
  }

  private clearTimers(): void {
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.handshakeTimer);
    clearInterval(this.pingTimer);
    this.resends.cancelAll();
  }

  private hello(): void {
    const token = this.stored.token;
    const shopper = this.options.shopperToken?.() ?? null;
    this.frame({
      type: 'hello',
      ...(token ? { token } : {}),
      locale: this.options.locale(),
      ...(shopper ? { shopper } : {}),
    });
  }

  private frame(frame: ClientFrame): boolean {
    if (this.socket?.readyState !== OPEN || (frame.type !== 'hello' && !this.welcomedOnSocket)) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  private transmit(item: OutboxItem): void {
    this.frame({
      type: 'message',
      text: item.text,
      seq: item.seq,
      ...(item.intent ? { intent: item.intent } : {}),
    });
  }

  private handle(frame: ServerFrame): void {
    switch (frame.type) {
      case 'welcome':
        this.onWelcome(frame);
        break;
      case 'ack':
        if (frame.seq !== null) {
          this.updateEntry((e) => e.role === 'shopper' && e.seq === frame.seq, {
            id: frame.messageId,
            status: 'sent',
          });
        }
        break;
      case 'reply':
        this.onReply(frame);
        break;
      case 'feedback-ack':
        this.updateEntry((e) => e.id === frame.messageId, { feedback: frame.value });
        break;
      case 'error':
        this.onError(frame.code, frame.message, frame.seq ?? null);
        break;
      case 'shopper-ack':
        this.verified = frame.verified;
        break;
      case 'staff-reply':
        if (!this.entries.some((e) => e.id === frame.message.id))
          this.entries = [...this.entries, historyEntry(frame.message)];
        break;
      case 'pong':
        break;
    }
    this.options.onChange();
  }

  private onWelcome(frame: Extract<ServerFrame, { type: 'welcome' }>): void {
    clearTimeout(this.handshakeTimer);
    this.state = 'online';
    this.attempt = 0;
    this.welcomed = true;
    this.welcomedOnSocket = true;
    // Another conversation than the one shown (another customer signed in, or one signed out): its
    // transcript must not stay on the screen.
    const switched =
      this.conversationId !== null && frame.conversationId !== this.conversationId && !frame.resumed;
    this.conversationId = frame.conversationId;
    this.verified = frame.verified ?? false;
    this.greeting = frame.greeting ?? null;
    if (frame.shop) this.shop = frame.shop;
    if (frame.token) this.stored.setToken(frame.token);
    const history = frame.messages;
    const outbox = this.stored.settle(history, answeredSeqs(history));
    if (switched) {
      this.entries = outbox.map(outboxEntry);
    } else if (frame.resumed || history.length > 0) {
      const inHistory = new Set(history.map((m) => m.clientSeq));
      this.entries = [
        ...history.map(historyEntry),
        ...outbox.filter((item) => !inHistory.has(item.seq)).map(outboxEntry),
      ];
    }
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => this.frame({ type: 'ping' }), PING_INTERVAL_MS);
    // Everything typed offline, or sent but not answered before the drop, goes out now with its seq.
    for (const item of outbox) this.transmit(item);
    this.options.onWelcome?.();
  }

  private onReply(frame: ReplyFrame): void {
    if (frame.replyTo !== null) this.removeFromOutbox(frame.replyTo);
    if (this.entries.some((e) => e.id === frame.messageId)) return;
    const entry = replyEntry(frame);
    // A handoff reply's opening hours are newer than the welcome's.
    const { open, nextOpening } = entry.handoff;
    if (open !== null) this.shop = { open, nextOpening };
    this.entries = [...this.entries, entry];
    if (frame.locale !== this.options.locale()) this.options.onLocale?.(frame.locale);
    this.options.onBotMessage?.(entry);
  }

  private onError(code: string, message: string, seq: number | null): void {
    switch (code) {
      case 'CHAT_ERR_TOKEN_INVALID':
      case 'CHAT_ERR_INVALID_FRAME':
        if (seq === null && this.stored.token && !this.welcomedOnSocket) {
          // The conversation is gone (or the stored token is damaged): start a new one.
          this.stored.setToken(null);
          this.hello();
          return;
        }
        break;
      default:
        if (isTransient(code) && seq !== null && this.stored.find(seq)) {
          const scheduled = this.resends.schedule(seq, () => {
            const item = this.stored.find(seq);
            if (item) this.transmit(item);
          });
          // The model is still loading: the resend answers it, a notice would only alarm the shopper.
          if (scheduled && code === 'CHAT_ERR_NOT_READY') return;
        }
    }
    if (seq !== null && !isTransient(code)) {
      // The server refused this message for good (too long, blank): never resend it.
      this.removeFromOutbox(seq);
      this.updateEntry((e) => e.role === 'shopper' && e.seq === seq, { status: 'failed' });
    }
    if (code === 'CHAT_ERR_UNKNOWN_MESSAGE') return;
    this.entries = [...this.entries, noticeEntry(message, this.entries.length, new Date())];
  }

  private removeFromOutbox(seq: number): void {
    if (this.stored.remove(seq)) this.resends.cancel(seq);
  }

  private updateEntry(match: (e: ChatEntry) => boolean, patch: Partial<ChatEntry>): void {
    this.entries = this.entries.map((e) => (match(e) ? { ...e, ...patch } : e));
  }
}
