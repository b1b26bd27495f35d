/**
 * One stored LINE event, answered by the same bot as the widget: the LINE user's one conversation
 * (channel `line`), and for text and buttons the widget's message pipeline itself (server/chat/
 * message-turn.ts) with the event's per-user sequence number as the message's seq — so a retried event
 * (a crash after the answer was stored, before it was sent) is not answered twice: its stored reply is
 * found and sent again. What the pipeline sends is rendered for LINE (line-render.ts). A follow gets
 * the proactive greeting once per conversation; an unfollow stops everything sent to that user; a
 * sticker, image or other non-text message gets a polite text. A LINE user who linked their shop
 * account (line-account-link.ts) is the pipeline's verified shopper, exactly as a widget shopper with a
 * valid shopper token: their conversation is bound to their customer id (docs/identity.md), and one
 * bound to another customer, or to one they unlinked, is left for a fresh one.
 */
import { randomUUID } from 'node:crypto';
import type { messagingApi } from '@line/bot-sdk';
import type { ChatDependencies } from '../../chat/chat-dependencies.ts';
import { bindToShopper, mayResume } from '../../chat/conversation.ts';
import { ConversationBinding } from '../../chat/conversation-binding.ts';
import { errorFrame } from '../../chat/error-frame.ts';
import { offerGreeting } from '../../chat/greeting.ts';
import { handleMessage } from '../../chat/message-turn.ts';
import { hashToken, newConversationToken } from '../../chat/tokens.ts';
import { ServerError } from '../../errors.ts';
import { ChatLimitError } from '../../limits/chat-limit-error.ts';
import type { ChatErrorCode, ReplyFrame, ServerFrame } from '../../schemas/protocol.ts';
import type { Conversation } from '../../storage/repository.ts';
import {
  accountLinkOf,
  LINK_OFFER_INTENTS,
  type LineLinking,
  linkCommandOf,
  linkOfferMessage,
  UNLINK_DATA,
  unlinkConfirmMessage,
} from './line-account-link.ts';
import type { InboxEvent } from './line-inbox-store.ts';
import { postbackInput, textMessage } from './line-render.ts';
import { lineText } from './line-texts.ts';
import type { LineUser, LineUserStore } from './line-user-store.ts';

/** What answering an event needs: the widget's chat dependencies, and the LINE users. */
export interface LineTurnDependencies {
  chat: ChatDependencies;
  users: Pick<LineUserStore, 'find' | 'bindConversation' | 'setFollowing' | 'link' | 'unlink'>;
  /** Account linking (docs/line.md#account-linking). Absent: off; every LINE user is anonymous. */
  linking?: LineLinking;
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
      const { conversation, binding } = await conversationOf(deps, user);
      const greeting = await offerGreeting(deps.chat, binding, conversation, false);
      return greeting ? [textMessage(greeting)] : [];
    }
    case 'message': {
      const message = event.event.message as { type?: unknown; text?: unknown } | undefined;
      if (message?.type === 'text' && typeof message.text === 'string') {
        const command = linkCommandOf(message.text);
        if (command) return answerLinkCommand(deps, user, command);
        return converse(deps, event, user, { text: message.text });
      }
      const { binding } = await conversationOf(deps, user);
      return [textMessage(lineText(binding.locale, 'notText'))];
    }
    case 'postback': {
      const postback = event.event.postback as { data?: unknown } | undefined;
      const data = typeof postback?.data === 'string' ? postback.data : '';
      if (data === UNLINK_DATA.yes || data === UNLINK_DATA.no) {
        return answerUnlink(deps, user, data === UNLINK_DATA.yes);
      }
      return converse(deps, event, user, postbackInput(data));
    }
    case 'accountLink':
      return answerAccountLink(deps, event, user);
    default:
      // Other events (unsend, beacons, …) are stored and not answered.
      return [];
  }
}

/** 「アカウント連携」: the link offer (or: linked already, or linking is off); 「連携解除」: the question. */
async function answerLinkCommand(
  deps: LineTurnDependencies,
  user: LineUser,
  command: 'link' | 'unlink',
): Promise<messagingApi.Message[]> {
  const { binding } = await conversationOf(deps, user);
  const locale = binding.locale;
  if (command === 'unlink') {
    return user.linked ? [unlinkConfirmMessage(locale)] : [textMessage(lineText(locale, 'notLinked'))];
  }
  if (user.linked) return [textMessage(lineText(locale, 'alreadyLinked'))];
  if (!deps.linking) return [textMessage(lineText(locale, 'linkUnavailable'))];
  return [linkOfferMessage(locale, await deps.linking.linkUrl(user.lineUserId))];
}

/** A pressed button of the unlink question: forget the link (a fresh conversation follows), or keep it. */
async function answerUnlink(
  deps: LineTurnDependencies,
  user: LineUser,
  confirmed: boolean,
): Promise<messagingApi.Message[]> {
  const { binding } = await conversationOf(deps, user);
  if (!confirmed) return [textMessage(lineText(binding.locale, 'unlinkKept'))];
  const unlinked = await deps.users.unlink(user.lineUserId, deps.chat.now());
  return [textMessage(lineText(binding.locale, unlinked ? 'unlinked' : 'notLinked'))];
}

/**
 * LINE's accountLink event: with result ok and a nonce the bot made for this LINE user (one use, not
 * expired), the user is linked to the customer the shop vouched for and their conversation bound to
 * it. Anything else links nothing and says so kindly. A retried event whose nonce was consumed by the
 * attempt that linked finds the user linked and says so again.
 */
async function answerAccountLink(
  deps: LineTurnDependencies,
  event: InboxEvent,
  user: LineUser,
): Promise<messagingApi.Message[]> {
  const link = accountLinkOf(event.event);
  const now = deps.chat.now();
  const consumed =
    deps.linking && link.nonce !== undefined
      ? await deps.linking.consume(link.nonce, user.lineUserId)
      : ({ ok: false, reason: 'unknown' } as const);
  if (link.ok && consumed.ok) {
    await deps.users.link(user.lineUserId, consumed.shopper, now);
    const { binding } = await conversationOf(deps, { ...user, linked: consumed.shopper });
    return [textMessage(lineText(binding.locale, 'linked'))];
  }
  const { binding } = await conversationOf(deps, user);
  if (link.ok && !consumed.ok && consumed.reason === 'unknown' && user.linked) {
    return [textMessage(lineText(binding.locale, 'linked'))];
  }
  deps.chat.log.warn(
    {
      lineEvent: event.webhookEventId,
      result: link.ok ? 'ok' : 'failed',
      reason: consumed.ok ? null : consumed.reason,
    },
    'LINE account link not completed',
  );
  return [textMessage(lineText(binding.locale, 'linkFailed'))];
}

/** Text or a button, through the widget's message pipeline. */
async function converse(
  deps: LineTurnDependencies,
  event: InboxEvent,
  user: LineUser,
  input: { text: string; intent?: string },
): Promise<messagingApi.Message[]> {
  const { conversation, binding } = await conversationOf(deps, user);
  // A line answered inside a running dialogue (a flow's next step) got its offer when the flow began.
  const inDialogue = conversation.state.flow !== undefined;
  const admitted = !deps.admitMessage || (await deps.admitMessage());
  const outcome = admitted
    ? await runPipeline(deps, binding, event, input)
    : { reply: undefined, refused: 'CHAT_ERR_CLIENT_RATE_LIMITED' as const };
  if (outcome.reply) {
    const answer = textMessage(outcome.reply.markdown, outcome.reply.quickReplies);
    // The general answer an unlinked shopper got could have come from their own data: offer the link.
    const offer =
      deps.linking && !user.linked && !inDialogue && LINK_OFFER_INTENTS.has(outcome.reply.intent ?? '')
        ? linkOfferMessage(
            binding.locale,
            await deps.linking.linkUrl(user.lineUserId),
            'linkOfferAfterAnswer',
          )
        : undefined;
    return offer ? [answer, offer] : [answer];
  }
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

/**
 * The user's conversation, bound, with their linked customer as the verified shopper: their current one
 * when they may keep it (anonymous, or bound to the customer they are linked to: an anonymous one
 * becomes the linked customer's and keeps its history), else a fresh one (channel `line`, bound to
 * their customer if linked), as the widget does for a shopper who signs out or is another customer.
 */
async function conversationOf(
  deps: LineTurnDependencies,
  user: LineUser,
): Promise<{ conversation: Conversation; binding: ConversationBinding }> {
  const binding = new ConversationBinding();
  binding.shopper = user.linked;
  const found = user.conversationId
    ? await deps.chat.storage.getConversation(user.conversationId)
    : undefined;
  const kept =
    found && mayResume(found, binding) ? await bindToShopper(deps.chat, binding, found) : undefined;
  if (kept) {
    binding.bind(kept, kept.locale);
    return { conversation: kept, binding };
  }
  const now = deps.chat.now();
  // Nobody holds this token: a LINE conversation is found by its LINE user, never resumed by a token.
  const created = await deps.chat.storage.createConversation({
    id: randomUUID(),
    tokenHash: hashToken(newConversationToken()),
    locale: found?.locale ?? 'ja',
    channel: 'line',
    customerId: user.linked?.customerId ?? null,
    createdAt: now,
  });
  await deps.users.bindConversation(user.lineUserId, created.id, now);
  deps.chat.metrics?.chatOpened();
  binding.bind(created, created.locale);
  return { conversation: created, binding };
}
