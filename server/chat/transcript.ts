/**
 * The transcript step: where a turn becomes durable. The common exchange (question, answer and the new
 * dialogue state) is ONE storage transaction; a turn with effects stores its shopper message first
 * (so the effects can be retried under its id) and commits the reply after them, with its new state
 * and its action's audit row, in one transaction too. Idempotent by the
 * client's seq: a shopper message stored before is not stored again, and its stored reply is found.
 */
import { type ChatMetrics, type CommitOperation, secondsSince } from '../metrics/instruments.ts';
import type {
  AppendExchangeResult,
  AppendShopperResult,
  ConversationPatch,
  NewBotMessage,
  NewShopperMessage,
  Storage,
  StoredMessage,
} from '../storage/repository.ts';
import type { BotMessagePayload } from './bot-message-payload.ts';
import { newMessageId } from './message-id.ts';
import type { CompletedTurn } from './turn.ts';

/** The storage calls the transcript makes. */
export type TranscriptStorage = Pick<
  Storage,
  'appendExchange' | 'appendShopperMessage' | 'appendReply' | 'findReplyTo'
>;

/** The stored payload of a completed turn's bot message. */
export function payloadOf(turn: CompletedTurn): BotMessagePayload {
  const { reply } = turn;
  return {
    quickReplies: reply.quickReplies,
    reason: reply.reason,
    locale: reply.locale,
    ...(turn.handoff ? { handoff: turn.handoff } : {}),
    // Analytics: a console counts cancellations retained (and by which alternative) from this field.
    ...(reply.outcome ? { outcome: reply.outcome } : {}),
    // Audit: what the shop's system was asked to change, and whether it did.
    ...(turn.action ? { action: turn.action } : {}),
    // Review: this line said the previous answer was wrong (the unanswered queue reads it).
    ...(reply.dispute ? { dispute: reply.dispute } : {}),
    // Review: why the engine refused (shown with the question in the unanswered queue).
    ...(reply.nluReason ? { nluReason: reply.nluReason } : {}),
  };
}

/** The stored form of a completed turn's bot message in conversation `conversationId`. */
export function botMessageOf(conversationId: string, turn: CompletedTurn): NewBotMessage {
  return {
    id: newMessageId(),
    conversationId,
    replyTo: turn.messageId,
    text: turn.markdown,
    decision: turn.reply.decision,
    intent: turn.reply.intent,
    score: turn.reply.score,
    payload: payloadOf(turn),
    createdAt: turn.now,
  };
}

/**
 * What a turn changes in its conversation: the dialogue state and locale, and the address of a
 * handoff, which the conversation keeps for a later handoff.
 */
export function conversationPatchOf(turn: CompletedTurn): ConversationPatch {
  const { reply } = turn;
  return {
    state: reply.state,
    locale: reply.locale,
    ...(reply.handoff ? { email: reply.handoff.email } : {}),
    updatedAt: turn.now,
  };
}

/** The transcript of one conversation. */
export class Transcript {
  constructor(
    private readonly storage: TranscriptStorage,
    readonly conversationId: string,
    /** Times each write until it is durable (the storage commit latency). Absent: not timed. */
    private readonly metrics?: Pick<ChatMetrics, 'committed'>,
  ) {}

  /** `write`, timed as `operation` when metrics are on. */
  private async timed<T>(operation: CommitOperation, write: () => Promise<T>): Promise<T> {
    if (!this.metrics) return write();
    const started = performance.now();
    const result = await write();
    this.metrics.committed(operation, secondsSince(started));
    return result;
  }

  /**
   * The common exchange in one transaction: the shopper message, the reply and the conversation's new
   * state, all or nothing. A shopper message whose seq was stored before writes nothing (`duplicate`).
   */
  commitExchange(shopper: NewShopperMessage, turn: CompletedTurn): Promise<AppendExchangeResult> {
    return this.timed('exchange', () =>
      this.storage.appendExchange(
        shopper,
        botMessageOf(this.conversationId, turn),
        conversationPatchOf(turn),
      ),
    );
  }

  /** The shopper message alone (before effects, or while no model is ready); durable when it resolves. */
  storeShopper(shopper: NewShopperMessage): Promise<AppendShopperResult> {
    return this.timed('shopper', () => this.storage.appendShopperMessage(shopper));
  }

  /**
   * A turn's reply to a stored shopper message: the bot message, the conversation's new state and the
   * audit row of the action it carried out, in one transaction.
   */
  commit(turn: CompletedTurn): Promise<StoredMessage> {
    return this.timed('reply', () =>
      this.storage.appendReply(
        botMessageOf(this.conversationId, turn),
        conversationPatchOf(turn),
        turn.audit,
      ),
    );
  }

  /** The reply stored for a shopper message, if it was answered before. */
  earlierReply(shopperMessageId: string): Promise<StoredMessage | undefined> {
    return this.storage.findReplyTo(shopperMessageId);
  }
}
