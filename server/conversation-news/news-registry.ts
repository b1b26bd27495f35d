/**
 * "Conversation X has news" inside one process: the chat sessions of this process listen by
 * conversation id, and a notice calls each of them. A notice carries no message: the stored transcript
 * is the truth, and each listener reads what it has not sent yet (server/chat/staff-delivery.ts), so a
 * notice twice, or a notice for a message already shown, sends nothing twice.
 */

/** Called when a conversation has news. */
export type NewsListener = () => void;

/** The listeners of this process, by conversation id. */
export class NewsRegistry {
  private readonly listeners = new Map<string, Set<NewsListener>>();

  /** Calls `listener` on every notice for `conversationId` until the returned function is called. */
  subscribe(conversationId: string, listener: NewsListener): () => void {
    let set = this.listeners.get(conversationId);
    if (!set) {
      set = new Set();
      this.listeners.set(conversationId, set);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(conversationId);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.listeners.delete(conversationId);
    };
  }

  /** Tells this process's listeners of `conversationId`; a throwing listener does not stop the others. */
  deliver(conversationId: string): void {
    for (const listener of this.listeners.get(conversationId) ?? []) {
      try {
        listener();
      } catch {
        // A listener queues its own work and reports its own failures; nothing to do here.
      }
    }
  }

  /** Conversations with at least one listener here (tests, metrics). */
  get size(): number {
    return this.listeners.size;
  }
}

/** Carries notices to the other processes and instances, and theirs to this one's registry. */
export interface NewsTransport {
  /** Which transport: `local` (one process), `cluster` (IPC through the primary) or `postgres`. */
  readonly kind: 'local' | 'cluster' | 'postgres';
  /** Tells the other processes; never throws (a lost notice shows on the shopper's next visit). */
  send(conversationId: string): void;
  close(): Promise<void>;
}

/** Conversation news over every process: this one's registry and a transport to the rest. */
export interface ConversationNews {
  readonly kind: NewsTransport['kind'];
  /** Tells every listener of `conversationId`, in this process and the others. */
  publish(conversationId: string): void;
  subscribe(conversationId: string, listener: NewsListener): () => void;
}

/** News over `registry` and `transport` (which delivers the others' notices into the same registry). */
export function conversationNews(registry: NewsRegistry, transport: NewsTransport): ConversationNews {
  return {
    kind: transport.kind,
    publish(conversationId) {
      registry.deliver(conversationId);
      transport.send(conversationId);
    },
    subscribe: (conversationId, listener) => registry.subscribe(conversationId, listener),
  };
}

/** One process: nothing to carry. */
export const LOCAL_TRANSPORT: NewsTransport = {
  kind: 'local',
  send() {},
  async close() {},
};
