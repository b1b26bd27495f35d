/**
 * The locale of a text with no conversation language behind it: the first message of a conversation
 * started without `hello`. Inside a conversation, detectLocale keeps the conversation's locale unless
 * the shopper writes Japanese or an English sentence; here there is nothing to keep, so any Latin
 * letters without Japanese (「hello」) mean English.
 */
import { detectLocale } from './normalize.ts';
import type { Locale } from './types.ts';

/** Japanese for Japanese script, English for Latin letters, else `fallback`; `text` is normalised. */
export function textLocale(text: string, fallback: Locale): Locale {
  return detectLocale(text, /[a-z]/iu.test(text) ? 'en' : fallback);
}
