/**
 * Where an operator's reply goes (docs/handoff.md): the conversation's own channel when it reaches the
 * shopper (the widget always does, live or on the next visit; LINE while the user follows), by mail
 * when the operator chooses mail or the channel does not reach the shopper and they left an address;
 * refused when neither is possible. Pure: the caller finds out what is reachable.
 */
import type { ConversationChannel } from '../storage/repository.ts';

/** The operator's choice: the conversation's channel (`chat`), mail, or no choice (the channel first). */
export type RequestedRoute = 'chat' | 'mail' | undefined;

/** The decision: the channel or mail (`fallback`: the chat was wanted but does not reach), or refused. */
export type ReplyRoute =
  | { via: ConversationChannel | 'mail'; fallback: boolean }
  | { refused: 'CONSOLE_ERR_SHOPPER_UNREACHABLE' };

/** Where a reply goes, from the choice and what reaches the shopper. */
export function replyRoute(input: {
  requested: RequestedRoute;
  channel: ConversationChannel;
  /** Whether the conversation's channel reaches the shopper now. */
  chatReachable: boolean;
  /** Whether the shopper left a mail address. */
  hasEmail: boolean;
}): ReplyRoute {
  if (input.requested !== 'mail' && input.chatReachable) return { via: input.channel, fallback: false };
  if (input.hasEmail) return { via: 'mail', fallback: input.requested !== 'mail' };
  return { refused: 'CONSOLE_ERR_SHOPPER_UNREACHABLE' };
}
