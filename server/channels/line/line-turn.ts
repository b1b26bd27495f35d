/**
 * One stored LINE event, answered by the same bot as the widget: the LINE user's one conversation
 * (channel `line`), and for text and buttons the widget's message pipeline itself (server/chat/
 * message-turn.ts) with the event's per-user sequence number as the message's seq — so a retried event
 * (a crash after the answer was stored, before it was sent) is not answered twice: its stored reply is
 * found and sent again. What the pipeline sends is rendered for LINE (line-render.ts). A follow gets
 * the proactive greeting once per conversation; an unfollow stops everything sent to that user; a
 * sticker, image or other non-text message gets a polite text.
 */
import { randomUUID } from 'node:crypto';
import type { messagingApi } from '@line/bot-sdk';
import type { ChatDependencies } from '../../chat/chat-dependencies.ts';
import { ConversationBinding } from '../../chat/conversation-binding.ts';
import { errorFrame } from '../../chat/error-frame.ts';
import { offerGreeting } from '../../chat/greeting.ts';
import { handleMessage } from '../../chat/message-turn.ts';
import { hashToken, newConversationToken } from '../../chat/tokens.ts';
import { ServerError } from '../../errors.ts';
import { ChatLimitError } from '../../limits/chat-limit-error.ts';
import type { ChatErrorCode, ReplyFrame, ServerFrame } from '../../schemas/protocol.ts';
import type { Conversation } from '../../storage/repository.ts';
import type { InboxEvent } from './line-inbox-store.ts';
import { postbackInput, textMessage } from './line-render.ts';
import { lineText } from './line-texts.ts';
import type { LineUserStore } from './line-user-store.ts';

/** What answering an event needs: the widget's chat dependencies, and the LINE users. */
export interface LineTurnDependencies {
  chat: ChatDependencies;
  users: Pick<LineUserStore, 'find' | 'bindConversation' | 'setFollowing'>;
  /**
   * The per-client message limit (server/limits/, CLIENT_MESSAGES_*), counted per LINE user as the
   * widget's per client address: false answers with CHAT_ERR_CLIENT_RATE_LIMITED's sentence and the
   * bot is not asked. Absent: no limit.
   */
  admitMessage?(): Promise<boolean>;
}

/** The event could not be answered now (no model yet, a failure): it is tried again later. */
export class LineTurnRetry extends ServerError {
  constructor(code: string, cause?: unknown) {
    super('LINE_ERR_TURN_RETRY', `the event is tried again later (${code})`, { cause });
  }
}

/** Chat errors that mean "not now" rather than an answer to the shopper. */
const RETRY_CODES: ReadonlySet<ChatErrorCode> = new Set(['CHAT_ERR_NOT_READY', 'CHAT_ERR_INTERNAL']);

/** The LINE messages answering `event` (empty: nothing to send). Throws LineTurnRetry to be tried later. */
export async function answerLineEvent(
  deps: LineTurnDependencies,
  event: InboxEvent,
): Promise<messagingApi.Message[]> {
  const now = deps.chat.now();
  if (event.type === 'unfollow') {
    await deps.users.setFollowing(event.lineUserId, false, now);
    return [];
  }
  if (event.type === 'follow') await deps.users.setFollowing(event.lineUserId, true, now);
  const user = await deps.users.find(event.lineUserId);
  if (!user?.following) return [];
  switch (event.type) {
    case 'follow': {
      const { conversation, binding } = await conversationOf(deps, event.lineUserId, user.conversationId);
      const greeting = await offerGreeting(deps.chat, binding, conversation, false);
      return greeting ? [textMessage(greeting)] : [];
    }
    case 'message': {
      const message = event.event.message as { type?: unknown; text?: unknown } | undefined;
      if (message?.type === 'text' && typeof message.text === 'string') {
        return converse(deps, event, user.conversationId, { text: message.text });
      }
      const { binding } = await conversationOf(deps, event.lineUserId, user.conversationId);
      return [textMessage(lineText(binding.locale, 'notText'))];
    }
    case 'postback': {
      const postback = event.event.postback as { data?: unknown } | undefined;
      const data = typeof postback?.data === 'string' ? postback.data : '';
      return converse(deps, event, user.conversationId, postbackInput(data));
    }
    default:
      // Other events (unsend, beacons, account link in a later phase) are stored and not answered.
      return [];
  }
}

/** Text or a button, through the widget's message pipeline. */
async function converse(
  deps: LineTurnDependencies,
  event: InboxEvent,
  conversationId: string | null,
  input: { text: string; intent?: string },
): Promise<messagingApi.Message[]> {
  const { binding } = await conversationOf(deps, event.lineUserId, conversationId);
  const admitted = !deps.admitMessage || (await deps.admitMessage());
  const outcome = admitted
    ? await runPipeline(deps, binding, event, input)
    : { reply: undefined, refused: 'CHAT_ERR_CLIENT_RATE_LIMITED' as const };
  if (outcome.reply) return [textMessage(outcome.reply.markdown, outcome.reply.quickReplies)];
  const code = outcome.refused ?? 'CHAT_ERR_INTERNAL';
  if (RETRY_CODES.has(code)) throw new LineTurnRetry(code);
  deps.chat.metrics?.chatError(code);
  const error = errorFrame(code, event.userSeq, binding.locale, deps.chat.maxTextLength);
  return error.type === 'error' ? [textMessage(error.message)] : [];
}

/** The widget's message pipeline on one event: its reply frame, or the code it refused with. */
async function runPipeline(
  deps: LineTurnDependencies,
  binding: ConversationBinding,
  event: InboxEvent,
  input: { text: string; intent?: string },
): Promise<{ reply: ReplyFrame | undefined; refused: ChatErrorCode | undefined }> {
  const frames: ServerFrame[] = [];
  let refused: ChatErrorCode | undefined;
  try {
    await handleMessage(
      {
        deps: deps.chat,
        binding,
        send: (frame) => frames.push(frame),
        refuse: (code) => {
          refused = code;
        },
      },
      { text: input.text, seq: event.userSeq, intent: input.intent },
    );
  } catch (error) {
    if (!(error instanceof ChatLimitError)) throw new LineTurnRetry('CHAT_ERR_INTERNAL', error);
    refused = error.code;
  }
  const reply = frames.find((frame): frame is ReplyFrame => frame.type === 'reply');
  return { reply, refused };
}

/** The user's conversation (started, channel `line`, on their first event that needs one), bound. */
async function conversationOf(
  deps: LineTurnDependencies,
  lineUserId: string,
  conversationId: string | null,
): Promise<{ conversation: Conversation; binding: ConversationBinding }> {
  const binding = new ConversationBinding();
  const found = conversationId ? await deps.chat.storage.getConversation(conversationId) : undefined;
  if (found) {
    binding.bind(found, found.locale);
    return { conversation: found, binding };
  }
  const now = deps.chat.now();
  // Nobody holds this token: a LINE conversation is found by its LINE user, never resumed by a token.
  const created = await deps.chat.storage.createConversation({
    id: randomUUID(),
    tokenHash: hashToken(newConversationToken()),
    locale: 'ja',
    channel: 'line',
    createdAt: now,
  });
  await deps.users.bindConversation(lineUserId, created.id, now);
  deps.chat.metrics?.chatOpened();
  binding.bind(created, created.locale);
  return { conversation: created, binding };
}
