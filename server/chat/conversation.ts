/**
 * The conversation step: binds a connection to a conversation, new (a capability token is made and
 * sent once, only its hash stored) or resumed by its token, and welcomes it with its history, the
 * greeting and the shop's status. A verified shopper's conversation is bound to their customer id
 * (docs/identity.md): only that customer resumes it; an anonymous one they resume becomes theirs.
 */
import { randomUUID } from 'node:crypto';
import { shopStatus } from '../../bot/calendar/shop-status.ts';
import { parseConversationState } from '../../bot/respond.ts';
import type { ChatMetrics } from '../metrics/instruments.ts';
import type { ServerFrame, ShopStatusInfo } from '../schemas/protocol.ts';
import type { Conversation, Locale, Storage } from '../storage/repository.ts';
import type { ConversationBinding } from './conversation-binding.ts';
import { type GreetingDependencies, greetingOffer, offerGreeting } from './greeting.ts';
import { historyMessage } from './message-frames.ts';
import { hashToken, newConversationToken } from './tokens.ts';

/** What the conversation step needs. */
export interface ConversationDependencies extends GreetingDependencies {
  storage: Pick<
    Storage,
    | 'createConversation'
    | 'findConversationByTokenHash'
    | 'listMessages'
    | 'updateConversation'
    | 'bindCustomer'
  >;
  send(frame: ServerFrame): void;
  /** Counts the conversations started. Absent: not counted. */
  metrics?: Pick<ChatMetrics, 'chatOpened'>;
}

/** Whether staff are in now, and when they are back. */
function shopStatusInfo(deps: ConversationDependencies): ShopStatusInfo {
  const status = shopStatus(deps.calendar, deps.now());
  return { open: status.open, nextOpening: status.nextOpening?.toISOString() ?? null };
}

/**
 * Starts a conversation in the binding's locale, binds it and welcomes it. `greet`: offer the proactive
 * greeting (a `hello`, before the shopper has written); a conversation started by a message is not
 * greeted.
 */
export async function startConversation(
  deps: ConversationDependencies,
  binding: ConversationBinding,
  greet: boolean,
): Promise<Conversation> {
  const token = newConversationToken();
  const now = deps.now();
  // The greeting is recorded as shown in the row that creates the conversation: one write, not two,
  // and still stored before the welcome carries it.
  const offer = greet ? greetingOffer(deps, binding.locale, parseConversationState({}), false, now) : null;
  const created = await deps.storage.createConversation({
    id: randomUUID(),
    tokenHash: hashToken(token),
    locale: binding.locale,
    customerId: binding.shopper?.customerId ?? null,
    createdAt: now,
    ...(offer ? { state: offer.state } : {}),
  });
  deps.metrics?.chatOpened();
  binding.bind(created, binding.locale);
  const greeting = offer?.text ?? null;
  deps.send({
    type: 'welcome',
    conversationId: created.id,
    token,
    locale: binding.locale,
    resumed: false,
    messages: [],
    greeting,
    shop: shopStatusInfo(deps),
    verified: binding.shopper !== undefined,
  });
  return binding.conversation ?? created;
}

/**
 * The conversation as the connection's verified shopper may keep it: an anonymous one becomes theirs
 * (signed in mid-conversation, or resuming an anonymous conversation signed in) and keeps its history;
 * one already theirs, or any for an anonymous connection, stays as it is. Binding is conditional in the
 * database (Storage.bindCustomer): undefined when another customer bound it first, as when two sockets
 * resume the same anonymous conversation at once with different customers' tokens; the caller treats
 * that as another customer's conversation and shows nothing of it. Does not touch the binding.
 */
export async function bindToShopper(
  deps: Pick<ConversationDependencies, 'storage' | 'now'>,
  binding: ConversationBinding,
  conversation: Conversation,
): Promise<Conversation | undefined> {
  const customerId = binding.shopper?.customerId;
  if (customerId === undefined || conversation.customerId === customerId) return conversation;
  if (conversation.customerId !== null) return undefined;
  const updatedAt = deps.now();
  if (!(await deps.storage.bindCustomer(conversation.id, customerId, updatedAt))) return undefined;
  return { ...conversation, customerId, updatedAt };
}

/** Whether the connection's shopper may see the conversation: anonymous ones anybody with the token, bound ones only their customer. */
export function mayResume(conversation: Conversation, binding: ConversationBinding): boolean {
  return conversation.customerId === null || conversation.customerId === binding.shopper?.customerId;
}

/**
 * Resumes the conversation of `token`, binds it (in `locale` when the client asked for one, else the
 * conversation's) and welcomes it with its history. False when no conversation has that token. A
 * conversation bound to another customer (or to one, for an anonymous connection, or bound to another
 * customer by a connection that won the race to bind it) is not resumed and nothing of it is shown: a fresh conversation is started and welcomed instead, as if the token were
 * new (the client stores the new token).
 */
export async function resumeConversation(
  deps: ConversationDependencies,
  binding: ConversationBinding,
  token: string,
  locale: Locale | undefined,
): Promise<boolean> {
  const stored = await deps.storage.findConversationByTokenHash(hashToken(token));
  if (!stored) return false;
  // Bound before its history is read: a connection that lost the binding race sees none of it.
  const found = mayResume(stored, binding) ? await bindToShopper(deps, binding, stored) : undefined;
  if (!found) {
    await startConversation(deps, binding, true);
    return true;
  }
  binding.bind(found, locale ?? found.locale);
  const messages = await deps.storage.listMessages(found.id);
  const greeting = await offerGreeting(
    deps,
    binding,
    found,
    messages.some((m) => m.role === 'shopper'),
  );
  deps.send({
    type: 'welcome',
    conversationId: found.id,
    locale: binding.locale,
    resumed: true,
    messages: messages.map(historyMessage),
    greeting,
    shop: shopStatusInfo(deps),
    verified: binding.shopper !== undefined,
  });
  return true;
}
