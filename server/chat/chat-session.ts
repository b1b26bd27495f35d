/**
 * One shopper connection: the frames of one socket, independent of fastify and of the socket (tests
 * drive it directly). It admits each frame as it arrives (the per-socket rate), queues it (one at a
 * time, in order, so replies keep the order of messages), parses it and hands it to its step: the
 * conversation step for `hello` (after the identity step for its shopper token), the identity step for
 * `shopper`, the message pipeline (message-turn.ts) for `message`, the greeting
 * and feedback steps for the rest.
 */
import type { VerifiedShopper } from '../../bot/shop/shop-data.ts';
import { ChatLimitError } from '../limits/chat-limit-error.ts';
import type { ChatErrorCode, ClientFrame, ServerFrame } from '../schemas/protocol.ts';
import type { Locale } from '../storage/repository.ts';
import { seqOf } from './admit.ts';
import type { ChatDependencies } from './chat-dependencies.ts';
import { resumeConversation, startConversation } from './conversation.ts';
import { ConversationBinding } from './conversation-binding.ts';
import { errorFrame } from './error-frame.ts';
import { recordFeedback } from './feedback.ts';
import { parseClientFrame } from './frame-parser.ts';
import { FrameQueue } from './frame-queue.ts';
import { dismissGreeting } from './greeting.ts';
import { handleMessage, type MessageTurnContext } from './message-turn.ts';
import { changeShopper, identifyShopper } from './shopper-identity.ts';
import { StaffDelivery } from './staff-delivery.ts';

export type { ChatDependencies } from './chat-dependencies.ts';

/** One socket's chat session. */
export class ChatSession {
  private readonly binding = new ConversationBinding();
  private readonly queue: FrameQueue;
  private readonly turn: MessageTurnContext;
  private readonly send: (frame: ServerFrame) => void;
  /** Live staff replies; undefined without staff messages or conversation news. */
  private readonly staff: StaffDelivery | undefined;

  constructor(
    private readonly deps: ChatDependencies,
    send: (frame: ServerFrame) => void,
  ) {
    this.queue = new FrameQueue((error) => {
      deps.log.error({ err: error, conversationId: this.conversationId }, 'chat frame failed');
    });
    const { staffMessages, conversationNews } = deps;
    this.staff =
      staffMessages && conversationNews
        ? new StaffDelivery(
            { staffMessages, news: conversationNews },
            (work) => void this.queue.push(work),
            send,
            (at) => this.binding.noteStaffReply(at),
          )
        : undefined;
    const staff = this.staff;
    this.binding.onBound = staff ? (conversation) => staff.follow(conversation.id) : undefined;
    // A welcome shows the history: staff replies in it are not sent again live.
    this.send = staff
      ? (frame) => {
          if (frame.type === 'welcome') staff.shown(frame.messages);
          send(frame);
        }
      : send;
    this.turn = {
      deps,
      binding: this.binding,
      send: this.send,
      refuse: (code, seq, locale) => this.refuse(code, seq, locale),
    };
  }

  /** The conversation id once known (for logs). */
  get conversationId(): string | undefined {
    return this.binding.conversationId;
  }

  /** The socket closed: no more live staff replies. */
  close(): void {
    this.staff?.stop();
  }

  /** Queues one raw frame; resolves when it (and everything before it) has been handled. */
  handleRaw(raw: string): Promise<void> {
    if (this.deps.admit && !this.deps.admit()) {
      // Decided on arrival, and only the seq is kept: a flood queues small closures, not its frames.
      const seq = seqOf(raw);
      return this.queue.push(() => this.refuse('CHAT_ERR_RATE_LIMITED', seq));
    }
    return this.queue.push(() => this.handle(raw));
  }

  private refuse(code: ChatErrorCode, seq: number | null, locale: Locale = this.binding.locale): void {
    this.deps.metrics?.chatError(code);
    this.send(errorFrame(code, seq, locale, this.deps.maxTextLength));
  }

  private async handle(raw: string): Promise<void> {
    const parsed = parseClientFrame(raw);
    if (!parsed.ok) {
      this.refuse(parsed.code, null);
      return;
    }
    try {
      await this.dispatch(parsed.frame);
    } catch (error) {
      const seq = parsed.frame.type === 'message' ? (parsed.frame.seq ?? null) : null;
      // A limit found during the handling (the handoff limit): the refusal is its answer, not a failure.
      if (error instanceof ChatLimitError) {
        this.refuse(error.code, seq);
        return;
      }
      this.deps.log.error({ err: error, conversationId: this.conversationId }, 'chat frame failed');
      this.refuse('CHAT_ERR_INTERNAL', seq);
    }
  }

  private async dispatch(frame: ClientFrame): Promise<void> {
    const steps = { ...this.deps, send: this.send };
    switch (frame.type) {
      case 'ping':
        this.send({ type: 'pong' });
        return;
      case 'hello':
        if (!(await this.admitClient('conversation', null))) return;
        if (frame.locale) this.binding.locale = frame.locale;
        this.binding.shopper = frame.shopper === undefined ? undefined : await this.identify(frame.shopper);
        if (!frame.token) await startConversation(steps, this.binding, true);
        else if (!(await resumeConversation(steps, this.binding, frame.token, frame.locale)))
          this.refuse('CHAT_ERR_TOKEN_INVALID', null);
        return;
      case 'shopper':
        await changeShopper(
          steps,
          this.binding,
          frame.shopper === null ? undefined : await this.identify(frame.shopper),
        );
        return;
      case 'message': {
        const seq = frame.seq ?? null;
        if (!(await this.admitClient('message', seq))) return;
        if (!this.binding.conversation && !(await this.admitClient('conversation', seq))) return;
        await handleMessage(this.turn, { text: frame.text, seq, intent: frame.intent });
        return;
      }
      case 'feedback':
        await recordFeedback(steps, this.binding, frame.messageId, frame.value);
        return;
      case 'greeting-dismissed':
        await dismissGreeting(steps, this.binding);
        return;
      case 'seen':
        if (this.binding.conversation && this.deps.staffMessages)
          await this.deps.staffMessages.markSeen(this.binding.conversation.id, frame.seq, this.deps.now());
        return;
    }
  }

  /** Verifies a shopper token; a refused one is answered here (the chat goes on anonymously). */
  private async identify(token: string): Promise<VerifiedShopper | undefined> {
    const identity = await identifyShopper(this.deps, token, this.conversationId);
    if (identity.shopper === undefined) this.refuse(identity.refused, null);
    return identity.shopper;
  }

  /** Asks the per-client limit; a refusal is answered here (CHAT_ERR_CLIENT_RATE_LIMITED). */
  private async admitClient(kind: 'conversation' | 'message', seq: number | null): Promise<boolean> {
    if (!this.deps.admitClient || (await this.deps.admitClient(kind))) return true;
    this.refuse('CHAT_ERR_CLIENT_RATE_LIMITED', seq);
    return false;
  }
}
