/**
 * The locale the dialogue reads one shopper message in, for callers outside bot/ that must ask the
 * engine the same question the dialogue will ask (the server predicts ahead on worker threads). One
 * function here, so the server never re-derives the bot's choice from normalize.ts.
 */
import { detectLocale, normalizeText } from './normalize.ts';
import { textLocale } from './text-locale.ts';
import type { Locale } from './types.ts';

/**
 * The locale a message in a conversation is read and predicted in: Japanese script or an English
 * sentence decide, anything else keeps the conversation's locale (detectLocale on the normalised text).
 */
export function messageLocale(text: string, conversationLocale: Locale): Locale {
  return detectLocale(normalizeText(text), conversationLocale);
}

/**
 * The locale of a message with no conversation language behind it (the first message of a conversation
 * started without `hello`, or a refused one): any Latin letters without Japanese mean English. Only the
 * first `maxChars` characters are read, so a refused oversized message costs little.
 */
export function firstMessageLocale(
  text: string,
  fallback: Locale,
  maxChars = Number.POSITIVE_INFINITY,
): Locale {
  const read = Number.isFinite(maxChars) ? text.slice(0, maxChars) : text;
  return textLocale(normalizeText(read), fallback);
}
