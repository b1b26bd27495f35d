/**
 * Whether a message is written in English, as opposed to Latin letters that say nothing about the
 * shopper's language: 「OK」, 「ok!」, a brand (「PayPay」), a size (「24.5cm」), a link, an address, or a
 * pasted tag (「<img src=x>」). A conversation switches to English only on such a sentence.
 */

/** Latin runs that are not words the shopper wrote: tags, links, addresses. */
const NOT_WORDS = /<[^>]*>?|https?:\/\/\S+|\S+@\S+/gu;
/** One English word (with an apostrophe form: don't, it's). */
const WORD = /[a-z]+(?:'[a-z]+)?/gu;
/** Distinct words a message needs to count as English: a phrase, not a token or a name. */
const MIN_WORDS = 2;

/** True for a message with at least MIN_WORDS distinct Latin words, one of them 3+ letters; `text` is normalised. */
export function isEnglishSentence(text: string): boolean {
  const words = text.toLowerCase().replace(NOT_WORDS, ' ').match(WORD) ?? [];
  return new Set(words).size >= MIN_WORDS && words.some((word) => word.length >= 3);
}
