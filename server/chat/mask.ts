/**
 * The mask step: the shopper message as it will be stored, its personal data masked first, so the
 * stored text, the bot, the handoff mail, logs and the console only ever see the masked one
 * (server/privacy/).
 */
import { maskText } from '../privacy/mask-text.ts';
import type { Locale, NewShopperMessage } from '../storage/repository.ts';
import { newMessageId } from './message-id.ts';

/** Masks a shopper's text in `locale`. */
export type Masker = (text: string, locale: Locale) => string;

/** Masking without the shop's patterns (card numbers only), for sessions built without a masker. */
const CARDS_ONLY = { patterns: [], redactedLabel: '' };

/** Card numbers only: what is masked when the shop gave no patterns. */
export const maskCardsOnly: Masker = (text) => maskText(text, CARDS_ONLY);

/** The shopper message to store for admitted `text`, masked, with a new id. */
export function maskedShopperMessage(
  mask: Masker,
  input: { conversationId: string; clientSeq: number | null; text: string; locale: Locale; now: Date },
): NewShopperMessage {
  return {
    id: newMessageId(),
    conversationId: input.conversationId,
    clientSeq: input.clientSeq,
    text: mask(input.text, input.locale),
    createdAt: input.now,
  };
}
