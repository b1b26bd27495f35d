/**
 * One shopper connection: protocol handling, independent of fastify and of the socket (tests drive it
 * directly). Frames are processed one at a time, in order, so replies keep the order of messages.
 */
import { randomUUID } from 'node:crypto';
import type { BusinessCalendar } from '../../bot/calendar/business-calendar.ts';
import { shopStatus } from '../../bot/calendar/shop-status.ts';
import {
  proactiveGreeting,
  withGreetingDismissed,
  withGreetingShown,
} from '../../bot/greeting/proactive-greeting.ts';
import { message as botMessage, type MessageKey } from '../../bot/i18n/messages.ts';
import { detectLocale, normalizeText } from '../../bot/nlu/normalize.ts';
import type { PooledPrediction } from '../../bot/nlu/prediction-pool.ts';
import { textLocale } from '../../bot/nlu/text-locale.ts';
import type { Bot, BotReply, ConversationState, QuickReply } from '../../bot/respond.ts';
import type { ActionExecutor } from '../actions/subscription-webhook.ts';
import { ChatLimitError } from '../limits/chat-limit-error.ts';
import type { EscalationService } from '../mail/escalation-service.ts';
import { maskText } from '../privacy/mask-text.ts';
import type {
  ChatErrorCode,
  ClientFrame,
  Decision,
  HandoffInfo,
  HistoryMessage,
  ServerFrame,
  ShopStatusInfo,
} from '../schemas/protocol.ts';
import type {
  Conversation,
  ConversationPatch,
  Locale,
  NewBotMessage,
  NewShopperMessage,
  Storage,
  StoredMessage,
} from '../storage/repository.ts';
import { parseClientFrame } from './frame-parser.ts';
import { newMessageId } from './message-id.ts';
import { hashToken, newConversationToken } from './tokens.ts';

/** What a session needs from the server. */
export interface ChatDependencies {
  storage: Storage;
  /** The bot, or undefined while the model is still loading. */
  getBot(): Bot | undefined;
  /** Predicts for that bot's model on worker threads (NLU_THREADS); undefined: the bot predicts itself. */
  predictorFor?(bot: Bot): ((text: string, fallback: Locale) => Promise<PooledPrediction>) | undefined;
  now(): Date;
  /** The shop's business calendar: the shop status and the greeting in `welcome`. */
  calendar: BusinessCalendar;
  /** Records completed handoffs (escalation + mail) before their reply is sent. */
  escalations: EscalationService;
  /** Carries out the actions flows ask for (subscription changes through the shop's webhook). */
  actions: ActionExecutor;
  maxTextLength: number;
  /**
   * The per-socket rate limit, asked once per frame as it arrives: false refuses the frame with
   * CHAT_ERR_RATE_LIMITED (nothing is stored, the socket stays open). Absent: no limit.
   */
  admit?(): boolean;
  /**
   * The per-client limits over every socket, process and instance (server/limits/), asked before a
   * conversation is started or resumed and before a message is handled: false refuses the frame with
   * CHAT_ERR_CLIENT_RATE_LIMITED (nothing is stored). Absent: no limit.
   */
  admitClient?(kind: 'conversation' | 'message'): Promise<boolean>;
  /**
   * Masks personal data in a shopper message before it is stored, so the stored text, the bot, the
   * handoff mail, logs and the console only ever see the masked one (server/privacy/). Absent: card
   * numbers are masked anyway.
   */
  maskText?(text: string, locale: Locale): string;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

const ERROR_MESSAGES: Record<ChatErrorCode, MessageKey> = {
  CHAT_ERR_MALFORMED_JSON: 'errorInvalid',
  CHAT_ERR_UNKNOWN_TYPE: 'errorInvalid',
  CHAT_ERR_INVALID_FRAME: 'errorInvalid',
  CHAT_ERR_TEXT_TOO_LONG: 'errorTooLong',
  CHAT_ERR_TOKEN_INVALID: 'errorInvalid',
  CHAT_ERR_UNKNOWN_MESSAGE: 'errorInvalid',
  CHAT_ERR_NOT_READY: 'errorNotReady',
  CHAT_ERR_INTERNAL: 'errorInternal',
  CHAT_ERR_RATE_LIMITED: 'errorRateLimited',
  CHAT_ERR_CLIENT_RATE_LIMITED: 'errorClientRateLimited',
  CHAT_ERR_HANDOFF_RATE_LIMITED: 'errorHandoffRateLimited',
};

/** Masking without the shop's patterns (card numbers only), for sessions built without `maskText`. */
const CARDS_ONLY = { patterns: [], redactedLabel: '' };

/** The seq of a `message` frame, so a refused message can be retried; null for anything else. */
function seqOf(raw: string): number | null {
  const parsed = parseClientFrame(raw);
  return parsed.ok && parsed.frame.type === 'message' ? (parsed.frame.seq ?? null) : null;
}

function toHistory(m: StoredMessage): HistoryMessage {
  const quickReplies = (m.payload?.quickReplies as QuickReply[] | undefined) ?? [];
  return {
    id: m.id,
    role: m.role,
    seq: m.seq,
    clientSeq: m.clientSeq,
    text: m.text,
    decision: m.decision,
    intent: m.intent,
    quickReplies,
    feedback: m.feedback === 1 ? 'helpful' : m.feedback === -1 ? 'not-helpful' : null,
    createdAt: m.createdAt.toISOString(),
    ...handoffOf(m),
  };
}

/** The stored handoff facts of a bot message, as an optional frame field. */
function handoffOf(m: StoredMessage): { handoff?: HandoffInfo } {
  const handoff = m.payload?.handoff as HandoffInfo | undefined;
  return handoff ? { handoff } : {};
}

/**
 * The handoff facts of a reply while the dialogue waits (its `ask`s, and an answer to a question typed
 * in the email step): which step it is at. `step: 'email'` is what makes a client show its address form.
 */
function askInfo(reply: BotReply): HandoffInfo | undefined {
  const flow = reply.state.handoff;
  if (!flow) return undefined;
  return { step: flow.step, ...(flow.email ? { email: flow.email } : {}) };
}

export class ChatSession {
  private conversation: Conversation | undefined;
  private locale: Locale = 'ja';
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: ChatDependencies,
    private readonly send: (frame: ServerFrame) => void,
  ) {}

  /** The conversation id once known (for logs). */
  get conversationId(): string | undefined {
    return this.conversation?.id;
  }

  /** Queues one raw frame; resolves when it (and everything before it) has been handled. */
  handleRaw(raw: string): Promise<void> {
    if (this.deps.admit && !this.deps.admit()) {
      // Decided on arrival, and only the seq is kept: a flood queues small closures, not its frames.
      const seq = seqOf(raw);
      this.queue = this.queue.then(() => this.error('CHAT_ERR_RATE_LIMITED', seq));
    } else {
      this.queue = this.queue.then(() => this.handle(raw));
    }
    // The queue never rejects: one failed frame must not stop the frames after it (or, as an unhandled
    // rejection, the process).
    this.queue = this.queue.catch((error: unknown) => {
      this.deps.log.error({ err: error, conversationId: this.conversationId }, 'chat frame failed');
    });
    return this.queue;
  }

  private error(code: ChatErrorCode, seq?: number | null, locale: Locale = this.locale): void {
    const params: Record<string, number> = { max: this.deps.maxTextLength };
    this.send({
      type: 'error',
      code,
      message: botMessage(locale, ERROR_MESSAGES[code], params),
      seq: seq ?? null,
    });
  }

  private async handle(raw: string): Promise<void> {
    const parsed = parseClientFrame(raw);
    if (!parsed.ok) {
      this.error(parsed.code);
      return;
    }
    try {
      await this.dispatch(parsed.frame);
    } catch (error) {
      const seq = parsed.frame.type === 'message' ? (parsed.frame.seq ?? null) : undefined;
      // A limit found during the handling (the handoff limit): the refusal is its answer, not a failure.
      if (error instanceof ChatLimitError) {
        this.error(error.code, seq);
        return;
      }
      this.deps.log.error({ err: error, conversationId: this.conversationId }, 'chat frame failed');
      this.error('CHAT_ERR_INTERNAL', seq);
    }
  }

  /**
   * The intent prediction made on a worker thread, asked the way the dialogue will ask (text, and the
   * conversation's locale as the fallback for text without letters). A failed worker only means the bot
   * predicts on this thread.
   */
  private async predictAhead(bot: Bot, text: string): Promise<PooledPrediction | undefined> {
    const predict = this.deps.predictorFor?.(bot);
    if (!predict) return undefined;
    try {
      return await predict(text, detectLocale(normalizeText(text), this.locale));
    } catch (error) {
      this.deps.log.warn({ err: error }, 'prediction thread failed; predicting on the main thread');
      return undefined;
    }
  }

  private async dispatch(frame: ClientFrame): Promise<void> {
    switch (frame.type) {
      case 'ping':
        this.send({ type: 'pong' });
        return;
      case 'hello':
        if (!(await this.admitClient('conversation', null))) return;
        await this.hello(frame.token, frame.locale);
        return;
      case 'message':
        if (!(await this.admitClient('message', frame.seq ?? null))) return;
        if (!this.conversation && !(await this.admitClient('conversation', frame.seq ?? null))) return;
        await this.message(frame.text, frame.seq ?? null, frame.intent);
        return;
      case 'feedback':
        await this.feedback(frame.messageId, frame.value);
        return;
      case 'greeting-dismissed':
        await this.greetingDismissed();
        return;
    }
  }

  /** Asks the per-client limit; a refusal is answered here (CHAT_ERR_CLIENT_RATE_LIMITED). */
  private async admitClient(kind: 'conversation' | 'message', seq: number | null): Promise<boolean> {
    if (!this.deps.admitClient || (await this.deps.admitClient(kind))) return true;
    this.error('CHAT_ERR_CLIENT_RATE_LIMITED', seq);
    return false;
  }

  private async hello(token: string | undefined, locale: Locale | undefined): Promise<void> {
    if (locale) this.locale = locale;
    if (token) {
      const found = await this.deps.storage.findConversationByTokenHash(hashToken(token));
      if (!found) {
        this.error('CHAT_ERR_TOKEN_INVALID');
        return;
      }
      this.conversation = found;
      this.locale = locale ?? found.locale;
      const messages = await this.deps.storage.listMessages(found.id);
      const greeting = await this.offerGreeting(messages.some((m) => m.role === 'shopper'));
      this.send({
        type: 'welcome',
        conversationId: found.id,
        locale: this.locale,
        resumed: true,
        messages: messages.map(toHistory),
        greeting,
        shop: this.shopStatus(),
      });
      return;
    }
    await this.startConversation(true);
  }

  /**
   * Starts a conversation and welcomes it. `greet`: offer the proactive greeting (a `hello`, sent before
   * the shopper has written); a conversation started by a message is not greeted.
   */
  private async startConversation(greet: boolean): Promise<Conversation> {
    const token = newConversationToken();
    const now = this.deps.now();
    const conversation = await this.deps.storage.createConversation({
      id: randomUUID(),
      tokenHash: hashToken(token),
      locale: this.locale,
      createdAt: now,
    });
    this.conversation = conversation;
    const greeting = greet ? await this.offerGreeting(false) : null;
    this.send({
      type: 'welcome',
      conversationId: conversation.id,
      token,
      locale: this.locale,
      resumed: false,
      messages: [],
      greeting,
      shop: this.shopStatus(),
    });
    return this.conversation;
  }

  /** Whether staff are in now, and when they are back. */
  private shopStatus(): ShopStatusInfo {
    const status = shopStatus(this.deps.calendar, this.deps.now());
    return { open: status.open, nextOpening: status.nextOpening?.toISOString() ?? null };
  }

  /**
   * The bot's greeting for this connection's conversation, or null. It is recorded as shown before the
   * welcome carries it, so a conversation is greeted at most once even if that welcome is lost.
   */
  private async offerGreeting(shopperHasWritten: boolean): Promise<string | null> {
    const conversation = this.conversation!;
    const now = this.deps.now();
    const state = conversation.state as Partial<ConversationState>;
    const greeting = proactiveGreeting({
      now,
      calendar: this.deps.calendar,
      locale: this.locale,
      state,
      shopperHasWritten,
    });
    if (!greeting) return null;
    await this.saveState(withGreetingShown(state, now), now);
    return greeting.text;
  }

  /** Records that the shopper closed the greeting; before any conversation there is nothing to record. */
  private async greetingDismissed(): Promise<void> {
    const state = this.conversation?.state as Partial<ConversationState> | undefined;
    if (!state || state.greeting?.dismissedAt) return;
    const now = this.deps.now();
    await this.saveState(withGreetingDismissed(state, now), now);
  }

  /** Replaces the stored dialogue state of this connection's conversation. */
  private async saveState(state: Partial<ConversationState>, now: Date): Promise<void> {
    const conversation = this.conversation!;
    const json = state as Record<string, unknown>;
    await this.deps.storage.updateConversation(conversation.id, { state: json, updatedAt: now });
    this.conversation = { ...conversation, state: json, updatedAt: now };
  }

  private async message(raw: string, seq: number | null, intent: string | undefined): Promise<void> {
    // NUL never belongs in a shopper's text, and PostgreSQL's text type refuses it outright: dropped here
    // so both databases store the same message.
    const text = raw.includes('\u0000') ? raw.replaceAll('\u0000', '') : raw;
    if ([...text].length > this.deps.maxTextLength) {
      // In the language the shopper wrote in: the first message may come before anything set the locale.
      const written = textLocale(normalizeText(text.slice(0, 200)), this.locale);
      this.error('CHAT_ERR_TEXT_TOO_LONG', seq, written);
      return;
    }
    if (!text.trim()) {
      this.error('CHAT_ERR_INVALID_FRAME', seq);
      return;
    }
    if (!this.conversation) {
      this.locale = textLocale(normalizeText(text), this.locale);
      await this.startConversation(false);
    }
    const conversation = this.conversation!;
    const shopper: NewShopperMessage = {
      id: newMessageId(),
      conversationId: conversation.id,
      clientSeq: seq,
      text: this.deps.maskText?.(text, this.locale) ?? maskText(text, CARDS_ONLY),
      createdAt: this.deps.now(),
    };
    const bot = this.deps.getBot();
    if (!bot) {
      // Stored and acknowledged: a retry with the same seq gets the answer once the model is ready.
      const stored = await this.storeShopperMessage(shopper, seq);
      if (!stored.duplicate || !(await this.resendEarlierReply(stored.message, seq)))
        this.error('CHAT_ERR_NOT_READY', seq);
      return;
    }
    let reply: BotReply;
    const now = this.deps.now();
    try {
      reply = await this.respond(bot, conversation, shopper.text, shopper.id, intent, now);
    } catch (error) {
      // The shopper's words are kept (staff see them) even when the bot fails on them.
      await this.storeShopperMessage(shopper, seq);
      throw error;
    }
    if (!reply.action && !reply.handoff) {
      // The common message: question, answer and dialogue state in one commit, then the ack and the reply.
      const botMessage = this.botMessageInput(
        conversation,
        shopper.id,
        reply,
        now,
        reply.markdown,
        askInfo(reply),
      );
      const exchange = await this.deps.storage.appendExchange(
        shopper,
        botMessage,
        this.conversationPatch(reply, now),
      );
      this.send({ type: 'ack', seq, messageId: exchange.message.id, duplicate: exchange.duplicate });
      if (exchange.duplicate) {
        await this.answerRetry(bot, exchange.message, seq, intent);
        return;
      }
      this.remember(reply, now);
      this.send(this.replyFrame(exchange.reply, seq));
      return;
    }
    // A reply with consequences (a handoff, an action on the shop's system): the message is committed and
    // acknowledged first, so everything that follows can be retried under its id.
    const stored = await this.storeShopperMessage(shopper, seq);
    if (stored.duplicate) {
      await this.answerRetry(bot, stored.message, seq, intent);
      return;
    }
    await this.finishReply(bot, reply, conversation, stored.message.id, seq, now);
  }

  /** Commits a shopper message alone and acknowledges it. */
  private async storeShopperMessage(shopper: NewShopperMessage, seq: number | null) {
    const stored = await this.deps.storage.appendShopperMessage(shopper);
    this.send({ type: 'ack', seq, messageId: stored.message.id, duplicate: stored.duplicate });
    return stored;
  }

  /** Sends the stored reply to a retried message; false when it was never answered. */
  private async resendEarlierReply(message: StoredMessage, seq: number | null): Promise<boolean> {
    const earlier = await this.deps.storage.findReplyTo(message.id);
    if (earlier) this.send(this.replyFrame(earlier, seq));
    return earlier !== undefined;
  }

  /**
   * A retried message (same seq): the reply stored for it is sent again; a message stored but never
   * answered (the server stopped in between) is answered now, under its stored id.
   */
  private async answerRetry(
    bot: Bot,
    message: StoredMessage,
    seq: number | null,
    intent: string | undefined,
  ): Promise<void> {
    if (await this.resendEarlierReply(message, seq)) return;
    const conversation = this.conversation!;
    const now = this.deps.now();
    const reply = await this.respond(bot, conversation, message.text, message.id, intent, now);
    await this.finishReply(bot, reply, conversation, message.id, seq, now);
  }

  /** The bot's first reply to a stored (or about to be stored) shopper message. */
  private async respond(
    bot: Bot,
    conversation: Conversation,
    text: string,
    messageId: string,
    intent: string | undefined,
    now: Date,
  ): Promise<BotReply> {
    const state = { ...bot.initialState(), ...(conversation.state as Partial<ConversationState>) };
    const prediction = intent ? undefined : await this.predictAhead(bot, text);
    return bot.respond({
      ...(prediction ? { prediction } : {}),
      text,
      ...(intent ? { chosenIntent: intent } : {}),
      locale: this.locale,
      state,
      email: conversation.email,
      messageId,
      now,
    });
  }

  /**
   * Completes a reply to a committed shopper message: carries out its action, records its handoff, then
   * stores the bot message and the dialogue state, and sends the reply.
   */
  private async finishReply(
    bot: Bot,
    first: BotReply,
    conversation: Conversation,
    messageId: string,
    seq: number | null,
    now: Date,
  ): Promise<void> {
    const { reply, action } = await this.carryOut(bot, first, conversation, messageId, now);
    let markdown = reply.markdown;
    let handoff = askInfo(reply);
    if (reply.handoff) {
      // Committed before the reply exists: a shopper told "we will reply" always has an escalation. A
      // retry of this message (same handoff id) finds it recorded and records nothing new.
      const recorded = await this.deps.escalations.record({
        conversation,
        handoff: reply.handoff,
        intent: reply.intent,
        score: reply.score,
        locale: reply.locale,
        now,
      });
      markdown = `${markdown}\n\n${botMessage(reply.locale, 'handoffTicket', { ticket: recorded.ticket })}`;
      handoff = {
        step: 'done',
        email: reply.handoff.email,
        ticket: recorded.ticket,
        open: reply.handoff.promise.open,
        nextOpening: reply.handoff.promise.nextOpening?.toISOString() ?? null,
      };
    }
    const botStored = await this.deps.storage.appendBotMessage(
      this.botMessageInput(conversation, messageId, reply, now, markdown, handoff, action),
    );
    await this.deps.storage.updateConversation(conversation.id, this.conversationPatch(reply, now));
    this.remember(reply, now);
    this.send(this.replyFrame(botStored, seq));
  }

  /** The stored form of a bot reply to shopper message `replyTo`. */
  private botMessageInput(
    conversation: Conversation,
    replyTo: string,
    reply: BotReply,
    createdAt: Date,
    markdown: string,
    handoff: HandoffInfo | undefined,
    action?: Record<string, unknown>,
  ): NewBotMessage {
    return {
      id: newMessageId(),
      conversationId: conversation.id,
      replyTo,
      text: markdown,
      decision: reply.decision,
      intent: reply.intent,
      score: reply.score,
      payload: {
        quickReplies: reply.quickReplies,
        reason: reply.reason,
        locale: reply.locale,
        ...(handoff ? { handoff } : {}),
        // Analytics: a console counts cancellations retained (and by which alternative) from this field.
        ...(reply.outcome ? { outcome: reply.outcome } : {}),
        // Audit: what the shop's system was asked to change, and whether it did.
        ...(action ? { action } : {}),
        // Review: this line said the previous answer was wrong (the unanswered queue reads it).
        ...(reply.dispute ? { dispute: reply.dispute } : {}),
        // Review: why the engine refused (shown with the question in the unanswered queue).
        ...(reply.nluReason ? { nluReason: reply.nluReason } : {}),
      },
      createdAt,
    };
  }

  /**
   * What a reply changes in its conversation: the dialogue state and locale, and the address of a
   * handoff, which the conversation keeps for a later handoff.
   */
  private conversationPatch(reply: BotReply, now: Date): ConversationPatch {
    return {
      state: reply.state as unknown as Record<string, unknown>,
      locale: reply.locale,
      ...(reply.handoff ? { email: reply.handoff.email } : {}),
      updatedAt: now,
    };
  }

  /** This connection's copy of the conversation after a stored reply. */
  private remember(reply: BotReply, now: Date): void {
    // The same patch the store applied, so this copy matches the stored conversation.
    this.locale = reply.locale;
    this.conversation = { ...this.conversation!, ...this.conversationPatch(reply, now) };
  }

  /**
   * Carries out a reply's action (a confirmed subscription change) and returns the bot's reply to the
   * result; a reply without an action is returned as is. The action runs before the reply is stored: a
   * retry of the message runs it again under the same id, so the shop's system sees the same
   * Idempotency-Key.
   */
  private async carryOut(
    bot: Bot,
    reply: BotReply,
    conversation: Conversation,
    messageId: string,
    now: Date,
  ): Promise<{ reply: BotReply; action?: Record<string, unknown> }> {
    if (!reply.action) return { reply };
    const result = await this.deps.actions.execute(reply.action, {
      conversationId: conversation.id,
      locale: reply.locale,
    });
    const facts = { id: reply.action.id, type: reply.action.type, ...result };
    if (!result.ok) {
      this.deps.log.warn({ conversationId: conversation.id, action: facts }, 'flow action failed');
    }
    const settled = bot.settle({
      state: reply.state,
      action: reply.action,
      result,
      locale: reply.locale,
      email: conversation.email,
      messageId,
      now,
    });
    return { reply: settled, action: facts };
  }

  private replyFrame(m: StoredMessage, seq: number | null): ServerFrame {
    const payload = m.payload ?? {};
    return {
      type: 'reply',
      messageId: m.id,
      replyTo: seq,
      decision: (m.decision ?? 'none') as Decision,
      reason: (payload.reason as string | null | undefined) ?? null,
      intent: m.intent,
      score: m.score,
      locale: ((payload.locale as Locale | undefined) ?? this.locale) as Locale,
      markdown: m.text,
      quickReplies: (payload.quickReplies as QuickReply[] | undefined) ?? [],
      createdAt: m.createdAt.toISOString(),
      ...handoffOf(m),
    };
  }

  private async feedback(messageId: string, value: 'helpful' | 'not-helpful'): Promise<void> {
    const ok =
      this.conversation !== undefined &&
      (await this.deps.storage.setFeedback(this.conversation.id, messageId, value === 'helpful' ? 1 : -1));
    if (!ok) {
      this.error('CHAT_ERR_UNKNOWN_MESSAGE');
      return;
    }
    this.send({ type: 'feedback-ack', messageId, value });
  }
}
