/**
 * The dialogue state stored with a conversation (`Conversation.state`, JSON written from the bot's
 * `BotReply.state`), read back for the bot. The bot owns the shape (bot/respond.ts ConversationState);
 * until bot/ exports its own parse, this reads it the way the server can vouch for: `misses` and the
 * greeting's timestamps are checked in full, the flow, handoff and last-answer records only for being
 * JSON objects, since the server never looks inside them and they come from this same bot's replies.
 * A field that fails its check is dropped, which the bot reads as "not started" (its older states lack
 * them too).
 */
import type { GreetingState } from '../../bot/greeting/proactive-greeting.ts';
import type { HandoffState } from '../../bot/handoff/handoff-flow.ts';
import type { ConversationState, FlowState } from '../../bot/respond.ts';
import type { LastAnswer } from '../../bot/review/answer-signals.ts';

/** The stored state as read: every field optional, as in states written before the field existed. */
export type StoredConversationState = Partial<ConversationState>;

function isJsonObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A greeting record: only ISO timestamp strings, as withGreetingShown / withGreetingDismissed write. */
function readGreeting(value: unknown): GreetingState | undefined {
  if (!isJsonObject(value)) return undefined;
  const shownAt: unknown = Reflect.get(value, 'shownAt');
  const dismissedAt: unknown = Reflect.get(value, 'dismissedAt');
  return {
    ...(typeof shownAt === 'string' ? { shownAt } : {}),
    ...(typeof dismissedAt === 'string' ? { dismissedAt } : {}),
  };
}

/**
 * A bot-written record (flow, handoff dialogue, last answer), kept when it is a JSON object. Its fields
 * are the bot's to read: this guard is the one place the server takes a stored shape on trust.
 */
function isBotRecord<T extends object>(value: unknown): value is T {
  return isJsonObject(value);
}

/** Reads a conversation's stored dialogue state (an empty object for a new conversation). */
export function readConversationState(stored: Readonly<Record<string, unknown>>): StoredConversationState {
  const { misses, greeting, flow, handoff, lastAnswer } = stored;
  const readGreetingState = readGreeting(greeting);
  return {
    ...(typeof misses === 'number' && Number.isInteger(misses) && misses >= 0 ? { misses } : {}),
    ...(readGreetingState ? { greeting: readGreetingState } : {}),
    ...(isBotRecord<FlowState>(flow) ? { flow } : {}),
    ...(isBotRecord<HandoffState>(handoff) ? { handoff } : {}),
    ...(isBotRecord<LastAnswer>(lastAnswer) ? { lastAnswer } : {}),
  };
}

/** The JSON stored for a dialogue state (the same fields, as a plain record). */
export function storedState(state: StoredConversationState): Record<string, unknown> {
  return { ...state };
}
