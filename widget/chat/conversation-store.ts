/**
 * What survives a reload for one server: the conversation's token, the last client seq and the outbox of
 * messages not answered yet. Kept in localStorage when there is one; blocked or full storage is
 * tolerated (the conversation then lives in memory only).
 */
import type { HistoryMessage, OutboxItem, StoredConversation } from './types.ts';

/** The part of localStorage the store uses (missing or throwing storage is tolerated). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The storage key for one server, so two bots on one site don't share a conversation. */
export function storageKey(url: string): string {
  return `shop-chat:v1:${url}`;
}

const EMPTY_STORED: StoredConversation = { token: null, seq: 0, outbox: [] };

/** One server's stored conversation; every change is written through at once. */
export class ConversationStore {
  private stored: StoredConversation;
  private readonly key: string;

  /** `url`: the chat's WebSocket URL (the storage key); `storage` undefined keeps everything in memory. */
  constructor(
    url: string,
    private readonly storage: KeyValueStore | undefined,
  ) {
    this.key = storageKey(url);
    this.stored = this.read();
  }

  /** The token that resumes the conversation, or null before the first welcome. */
  get token(): string | null {
    return this.stored.token;
  }

  /** The messages not answered yet, oldest first. */
  get outbox(): readonly OutboxItem[] {
    return this.stored.outbox;
  }

  /** The waiting message with this seq. */
  find(seq: number): OutboxItem | undefined {
    return this.stored.outbox.find((i) => i.seq === seq);
  }

  /** Keeps the token of a new conversation, or forgets a stale one (null). */
  setToken(token: string | null): void {
    this.stored = { ...this.stored, token };
    this.write();
  }

  /** Puts a new message in the outbox with the next seq. */
  add(text: string, intent: string | undefined, createdAt: string): OutboxItem {
    // Another tab of the same shop may have used seqs meanwhile: continue after the larger counter.
    const seq = Math.max(this.stored.seq, this.read().seq) + 1;
    const item: OutboxItem = { seq, text, ...(intent ? { intent } : {}), createdAt };
    this.stored = { ...this.stored, seq, outbox: [...this.stored.outbox, item] };
    this.write();
    return item;
  }

  /** Takes an answered (or refused) message out of the outbox; false when it was not there. */
  remove(seq: number): boolean {
    if (!this.find(seq)) return false;
    this.stored = { ...this.stored, outbox: this.stored.outbox.filter((i) => i.seq !== seq) };
    this.write();
    return true;
  }

  /**
   * Brings the store in line with a welcome's history: numbering continues after the history's seqs, and
   * the messages it shows answered leave the outbox. Returns the messages still waiting.
   */
  settle(history: readonly HistoryMessage[], answered: ReadonlySet<number>): readonly OutboxItem[] {
    const maxClientSeq = Math.max(0, ...history.map((m) => m.clientSeq ?? 0));
    const outbox = this.stored.outbox.filter((item) => !answered.has(item.seq));
    this.stored = { ...this.stored, seq: Math.max(this.stored.seq, maxClientSeq), outbox };
    this.write();
    return outbox;
  }

  private read(): StoredConversation {
    try {
      const raw = this.storage?.getItem(this.key);
      if (!raw) return { ...EMPTY_STORED };
      const parsed = JSON.parse(raw) as Partial<StoredConversation>;
      return {
        token: typeof parsed.token === 'string' ? parsed.token : null,
        seq: Number.isInteger(parsed.seq) ? (parsed.seq as number) : 0,
        outbox: Array.isArray(parsed.outbox) ? parsed.outbox : [],
      };
    } catch {
      // Storage blocked (private mode, sandboxed iframe) or damaged: start afresh in memory.
      return { ...EMPTY_STORED };
    }
  }

  private write(): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.stored));
    } catch {
      // Quota or blocked storage: the conversation still works, it just won't survive a reload.
    }
  }
}
