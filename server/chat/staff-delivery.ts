/**
 * Staff replies to a connected widget (docs/protocol.md `staff-reply`): a session follows its
 * conversation's news (server/conversation-news/) from the moment it is bound, and on each notice reads
 * the staff messages stored after the last one it has shown (in its `welcome` history or sent live) and
 * sends them. The notice only says "news": the stored transcript is the truth, so a repeated or late
 * notice sends nothing twice, and a lost one shows on the next visit (the history).
 */
import type { ConversationNews } from '../conversation-news/news-registry.ts';
import type { HistoryMessage, ServerFrame } from '../schemas/protocol.ts';
import type { StaffMessageStore } from '../storage/staff-message-store.ts';
import { staffHistoryMessage } from './message-frames.ts';

/** What delivering staff replies needs. */
export interface StaffDeliveryDependencies {
  staffMessages: Pick<StaffMessageStore, 'after'>;
  news: Pick<ConversationNews, 'subscribe'>;
}

/** One session's delivery of staff replies. */
export class StaffDelivery {
  private conversationId: string | undefined;
  private unsubscribe: (() => void) | undefined;
  /** The transcript seq up to which this connection has been shown every message. */
  private shownSeq = 0;

  constructor(
    private readonly deps: StaffDeliveryDependencies,
    /** Queues work after the session's frames (its frame queue), so frames keep their order. */
    private readonly schedule: (work: () => Promise<void>) => void,
    private readonly send: (frame: ServerFrame) => void,
    /** Told of each staff reply sent (the session's copy of the conversation notes it). */
    private readonly delivered: (createdAt: Date) => void,
  ) {}

  /** Follows `conversationId` (bound, before its history is read), leaving the one followed before. */
  follow(conversationId: string): void {
    if (conversationId === this.conversationId) return;
    this.stop();
    this.conversationId = conversationId;
    this.shownSeq = 0;
    this.unsubscribe = this.deps.news.subscribe(conversationId, () => {
      this.schedule(() => this.deliver(conversationId));
    });
  }

  /** The history a `welcome` showed: everything up to its last message has been shown. */
  shown(messages: readonly HistoryMessage[]): void {
    this.shownSeq = Math.max(0, ...messages.map((m) => m.seq));
  }

  /** Sends the staff messages stored after the last one shown. */
  async deliver(conversationId: string): Promise<void> {
    if (conversationId !== this.conversationId) return;
    const fresh = await this.deps.staffMessages.after(conversationId, this.shownSeq);
    if (conversationId !== this.conversationId) return;
    for (const message of fresh) {
      if (message.seq <= this.shownSeq) continue;
      this.shownSeq = message.seq;
      this.send({ type: 'staff-reply', message: staffHistoryMessage(message) });
      this.delivered(message.createdAt);
    }
  }

  /** Stops following (the socket closed). */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.conversationId = undefined;
  }
}
