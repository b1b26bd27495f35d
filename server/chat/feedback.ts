/**
 * The feedback step: helpful / not helpful on a bot message of the bound conversation, acknowledged
 * once stored; a message of another conversation (or none bound yet) is unknown.
 */
import type { ServerFrame } from '../schemas/protocol.ts';
import type { Storage } from '../storage/repository.ts';
import type { ConversationBinding } from './conversation-binding.ts';
import { errorFrame } from './error-frame.ts';

/** What the feedback step needs. */
export interface FeedbackDependencies {
  storage: Pick<Storage, 'setFeedback'>;
  maxTextLength: number;
  send(frame: ServerFrame): void;
}

/** Stores the shopper's rating of `messageId` and acknowledges it, or answers CHAT_ERR_UNKNOWN_MESSAGE. */
export async function recordFeedback(
  deps: FeedbackDependencies,
  binding: ConversationBinding,
  messageId: string,
  value: 'helpful' | 'not-helpful',
): Promise<void> {
  const { conversation } = binding;
  const stored =
    conversation !== undefined &&
    (await deps.storage.setFeedback(conversation.id, messageId, value === 'helpful' ? 1 : -1));
  if (!stored) {
    deps.send(errorFrame('CHAT_ERR_UNKNOWN_MESSAGE', null, binding.locale, deps.maxTextLength));
    return;
  }
  deps.send({ type: 'feedback-ack', messageId, value });
}
