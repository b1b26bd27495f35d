/**
 * Text normalisation shared by every feature channel. Pure functions, no state.
 */
import { isEnglishSentence } from './english-sentence.ts';
import type { Locale } from './types.ts';

export const KATAKANA_START = 0x30a1;
export const KATAKANA_END = 0x30f6;
/** Katakana − this = the same hiragana. */
export const KANA_OFFSET = 0x60;

/** Japanese script (hiragana, katakana, CJK ideographs, iteration marks); one such character makes a text Japanese. */
const JAPANESE_SCRIPT = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006\u30fc]/u;

/**
 * NFKC folds full-width ASCII and digits (２４．５ｃｍ → 24.5cm) and half-width katakana (ｷｬﾝｾﾙ → キャンセル);
 * lower case makes English and romaji case-blind. Wave dashes and long-vowel variants are unified so
 * 〜/～/~ and ｰ/－ do not split features.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[~〜～]/gu, '〜')
    .replace(/[\u2010-\u2015\u2212]/gu, '-')
    .replace(/\s+/gu, ' ')
    .trim();
}

const HAS_KATAKANA = /[\u30a1-\u30f6]/u;

/** Katakana → hiragana, so キャンセル and きゃんせる share character n-grams. */
export function foldKana(text: string): string {
  // Most words have no katakana: give them back as they are rather than rebuild them a character at a time.
  if (!HAS_KATAKANA.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += code >= KATAKANA_START && code <= KATAKANA_END ? String.fromCodePoint(code - KANA_OFFSET) : ch;
  }
  return out;
}

/**
 * The locale of one message, by script rather than NLP.js's guesser (which calls short Japanese
 * messages Chinese and mixed 「Amazon Pay使える？」 English): any Japanese character means Japanese; an
 * English sentence (isEnglishSentence) means English; anything else (「OK」, an emoji, a tag, a size)
 * keeps `fallback`, the conversation's locale.
 */
export function detectLocale(text: string, fallback: Locale = 'ja'): Locale {
  if (JAPANESE_SCRIPT.test(text)) return 'ja';
  return isEnglishSentence(text) ? 'en' : fallback;
}
