/**
 * The proactive greeting of a bound conversation: offered in `welcome` at most once, and recorded as
 * shown BEFORE the welcome carries it, so a conversation is greeted at most once even if that welcome
 * is lost; closing it is recorded too, so it is never offered again.
 */
import type { BusinessCalendar } from '../../bot/calendar/business-calendar.ts';
import {
  proactiveGreeting,
  withGreetingDismissed,
  withGreetingShown,
} from '../../bot/greeting/proactive-greeting.ts';
import { type ConversationState, parseConversationState } from '../../bot/respond.ts';
import type { Conversation, Locale, Storage } from '../storage/repository.ts';
import type { ConversationBinding } from './conversation-binding.ts';

/** What the greeting step needs. */
export interface GreetingDependencies {
  storage: Pick<Storage, 'updateConversation'>;
  calendar: BusinessCalendar;
  now(): Date;
}

/** Replaces the stored dialogue state of `conversation`, and the binding's copy of it. */
async function saveState(
  deps: GreetingDependencies,
  binding: ConversationBinding,
  conversation: Conversation,
  state: ConversationState,
  now: Date,
): Promise<void> {
  const patch = { state, updatedAt: now };
  await deps.storage.updateConversation(conversation.id, patch);
  binding.apply(conversation, patch);
}

/** A greeting to offer, and the conversation state that records it as shown (still to be stored). */
export interface GreetingOffer {
  text: string;
  state: ConversationState;
}

/**
 * The greeting for a conversation in `state`, or null (already shown or dismissed, or the shopper has
 * written). Pure: the caller stores `state` before the greeting leaves the server.
 */
export function greetingOffer(
  deps: Pick<GreetingDependencies, 'calendar'>,
  locale: Locale,
  state: ConversationState,
  shopperHasWritten: boolean,
  now: Date,
): GreetingOffer | null {
  const greeting = proactiveGreeting({ now, calendar: deps.calendar, locale, state, shopperHasWritten });
  return greeting ? { text: greeting.text, state: withGreetingShown(state, now) } : null;
}

/**
 * The bot's greeting for a stored `conversation` in the binding's locale, or null. A greeting offered
 * is recorded as shown before it is returned.
 */
export async function offerGreeting(
  deps: GreetingDependencies,
  binding: ConversationBinding,
  conversation: Conversation,
  shopperHasWritten: boolean,
): Promise<string | null> {
  const now = deps.now();
  const state = parseConversationState(conversation.state);
  const offer = greetingOffer(deps, binding.locale, state, shopperHasWritten, now);
  if (!offer) return null;
  await saveState(deps, binding, conversation, offer.state, now);
  return offer.text;
}

/** Records that the shopper closed the greeting; before any conversation there is nothing to record. */
export async function dismissGreeting(
  deps: GreetingDependencies,
  binding: ConversationBinding,
): Promise<void> {
  const { conversation } = binding;
  if (!conversation) return;
  const state = parseConversationState(conversation.state);
  if (state.greeting?.dismissedAt) return;
  const now = deps.now();
  await saveState(deps, binding, conversation, withGreetingDismissed(state, now), now);
}
