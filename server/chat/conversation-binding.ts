/**
 * The conversation a connection is bound to (none until `hello` or a first message), with the locale
 * its replies are in. It is this connection's copy: every change the connection stores is applied here
 * too, the same patch, so the copy matches the stored row.
 */
import type { VerifiedShopper } from '../../bot/shop/shop-data.ts';
import type { Conversation, ConversationPatch, Locale } from '../storage/repository.ts';

/** One connection's conversation and locale. */
export class ConversationBinding {
  private current: Conversation | undefined;
  /** The locale of this connection's replies and errors: `hello`'s, then the conversation's. */
  locale: Locale = 'ja';
  /**
   * The verified shopper of this connection (a valid shopper token at `hello` or in a `shopper` frame),
   * undefined while anonymous. The conversation, once bound to a customer, is only ever theirs.
   */
  shopper: VerifiedShopper | undefined;
  /** Told when the connection is bound to a conversation (before its history is read). */
  onBound: ((conversation: Conversation) => void) | undefined;

  /** The bound conversation, or undefined before `hello` or a first message. */
  get conversation(): Conversation | undefined {
    return this.current;
  }

  /** The conversation id once known (for logs). */
  get conversationId(): string | undefined {
    return this.current?.id;
  }

  /** Binds the connection to `conversation`, replying in `locale`. */
  bind(conversation: Conversation, locale: Locale): void {
    this.current = conversation;
    this.locale = locale;
    this.onBound?.(conversation);
  }

  /** Notes a staff reply shown on this connection: a shopper message after it answers staff. */
  noteStaffReply(at: Date): void {
    if (this.current) this.current = { ...this.current, staffReplyAt: at };
  }

  /**
   * The address a handoff offers to reply to (confirmed, not asked for): the one given earlier in this
   * conversation, else the verified shopper's (the shop vouches for it), else none.
   */
  replyEmail(conversation: Conversation): string | null {
    return conversation.email ?? this.shopper?.email ?? null;
  }

  /** Applies a patch the connection has stored for `conversation` and returns the updated copy. */
  apply(conversation: Conversation, patch: ConversationPatch): Conversation {
    const next = { ...conversation, ...patch };
    this.current = next;
    if (patch.locale) this.locale = patch.locale;
    return next;
  }
}
