/**
 * Turns a message into sparse features in named channels. The channels make the engine robust where
 * NLP.js's stock pipeline is not: lemmas (届いた/届かない share 届く), negation marks (neg:届く), kept
 * prefixes (不良品 keeps 不), word bigrams (order), and character n-grams over kana-folded text, which carry
 * typos, hiragana loanwords (きゃんせる ≈ キャンセル) and words the dictionary does not know.
 */
import { analyseEnglish } from './english-analyzer.ts';
import { analyseJapanese, type Morpheme } from './japanese-analyzer.ts';
import { foldKana } from './normalize.ts';
import type { Locale } from './types.ts';

/** Raw (unweighted) features of one text, by channel, and its content words for the coverage gate. */
export interface RawFeatures {
  /** Feature names; a name may repeat (term frequency). */
  features: string[];
  /** Content words (lemmas or stems) used to compute known-word coverage. */
  contentWords: string[];
}

/** Parts of speech that carry meaning for intent; particles and symbols are dropped. */
const KEPT_POS = new Set(['名詞', '動詞', '形容詞', '副詞', '接頭詞', '連体詞', '感動詞', '形容動詞']);
/** Auxiliaries that negate the word before them. */
const NEGATIONS = new Set(['ない', 'ぬ', 'ん', 'ず', 'なし', 'ません']);
/** Punctuation and spaces are not part of character n-grams. */
export const NOT_IN_NGRAMS = /[\s\p{P}\p{S}]/gu;
/** Character unigrams are kept for kanji only. */
export const KANJI = /\p{Script=Han}/u;
/** A digit, in any script (NFKC has already made full-width digits ASCII). */
export const DIGIT = /\p{Nd}/u;
const DIGITS = /\p{Nd}/gu;

/**
 * Every digit as 0 in character n-grams: an order number's digits say nothing about the intent, and
 * 「注文番号10034はどこ」 was classified otherwise than 「注文番号10021はどこ」 by their n-grams alone.
 */
export function foldDigits(text: string): string {
  return text.replace(DIGITS, '0');
}
/**
 * Character uni- (kanji only) and bigrams. Trigrams were measured too: slower to train (×2) and no
 * better on the held-out tests.
 */
const CHAR_NGRAM_SIZES = [1, 2];

/** Whether a morpheme is a content word (counted by the coverage gate). */
export function isContent(m: Morpheme): boolean {
  if (m.pos === '名詞') return !['非自立', '数', '代名詞', '接尾'].includes(m.posDetail);
  if (m.pos === '動詞' || m.pos === '形容詞') return m.posDetail === '自立';
  return m.pos === '副詞' || m.pos === '接頭詞';
}

function characterNgrams(text: string, sizes: readonly number[], out: string[], unigramTest?: RegExp): void {
  const chars = [...text];
  for (const size of sizes) {
    for (let i = 0; i + size <= chars.length; i += 1) {
      let gram = chars[i]!;
      for (let k = 1; k < size; k += 1) gram += chars[i + k]!;
      if (size === 1 && unigramTest && !unigramTest.test(gram)) continue;
      out.push(`c:${gram}`);
    }
  }
}

/**
 * Features of Japanese text already analysed: `morphemes` are the text's own (the whole message or one
 * clause of it, see clauses.ts), so a message is analysed once however many spans are classified.
 */
export function japaneseFeaturesOf(morphemes: readonly Morpheme[], text: string): RawFeatures {
  const features: string[] = [];
  const contentWords: string[] = [];
  const kept: string[] = [];
  for (const m of morphemes) {
    const own = japaneseMorphemeFeatures(m);
    if (!own) continue;
    features.push(own.word);
    if (own.kind === 'negation') {
      const previous = kept[kept.length - 1];
      if (previous) features.push(`neg:${previous}`);
      continue;
    }
    if (own.kind === 'number') continue;
    kept.push(own.lemma);
    if (own.proper) features.push(own.proper);
    if (isContent(m)) contentWords.push(own.lemma);
  }
  for (let i = 0; i + 1 < kept.length; i += 1) features.push(`b:${kept[i]}|${kept[i + 1]}`);
  characterNgrams(foldDigits(foldKana(text)).replace(NOT_IN_NGRAMS, ''), CHAR_NGRAM_SIZES, features, KANJI);
  return { features, contentWords };
}

/** What one morpheme contributes on its own (japaneseMorphemeFeatures). Shared between calls: read only. */
export type MorphemeFeatures =
  | { readonly kind: 'negation'; readonly word: string }
  | { readonly kind: 'number'; readonly word: string }
  | {
      readonly kind: 'word';
      readonly word: string;
      readonly lemma: string;
      readonly proper: string | undefined;
    };

const NEGATION_FEATURES: MorphemeFeatures = { kind: 'negation', word: 'w:<neg>' };
const NUMBER_FEATURES: MorphemeFeatures = { kind: 'number', word: 'w:<num>' };

/**
 * A kept word's features by lemma, part of speech and detail. Morphemes come from the dictionary's cached
 * entries, so the same few thousand words recur from message to message: building their feature names
 * again for each was a tenth of a long message's garbage. Cleared when it holds MAX_CACHED_LEMMAS.
 */
const wordFeatures = new Map<string, { pos: string; posDetail: string; features: MorphemeFeatures }[]>();
const MAX_CACHED_LEMMAS = 50_000;

/**
 * What one morpheme contributes on its own: a negating auxiliary (w:<neg>; the word it negates is the
 * kept word before it, named by the caller), a number (w:<num>), or a kept word (w:lemma, and p:… for a
 * proper noun). Undefined for what is dropped (particles, symbols). japaneseFeaturesOf and the indexed
 * spans (japanese-span-features.ts) both read morphemes through this, so their rules cannot drift.
 */
export function japaneseMorphemeFeatures(m: Morpheme): MorphemeFeatures | undefined {
  if (m.pos === '助動詞' && NEGATIONS.has(m.lemma)) return NEGATION_FEATURES;
  if (!KEPT_POS.has(m.pos)) return undefined;
  if (m.pos === '名詞' && m.posDetail === '数') return NUMBER_FEATURES;
  const known = wordFeatures.get(m.lemma);
  const cached = known?.find((w) => w.pos === m.pos && w.posDetail === m.posDetail);
  if (cached) return cached.features;
  // Latin words inside Japanese (Amazon Pay, PayPay) are looked up like English stems would be.
  const lemma = foldKana(m.lemma);
  const features: MorphemeFeatures = {
    kind: 'word',
    word: `w:${lemma}`,
    lemma,
    // Proper nouns (組織 Spotify, 地域 上海, 人名) mostly name things outside the shop; the class lets the
    // out-of-scope intent learn that without having seen the name itself.
    proper: m.posDetail === '固有名詞' ? `p:${m.pos}-${m.posDetail}` : undefined,
  };
  if (wordFeatures.size >= MAX_CACHED_LEMMAS) wordFeatures.clear();
  if (known) known.push({ pos: m.pos, posDetail: m.posDetail, features });
  else wordFeatures.set(m.lemma, [{ pos: m.pos, posDetail: m.posDetail, features }]);
  return features;
}

/** Features of normalised English text. */
export function englishFeatures(text: string): RawFeatures {
  const features: string[] = [];
  const contentWords: string[] = [];
  const words = analyseEnglish(text);
  for (const word of words) {
    features.push(word.isStopword ? `s:${word.stem}` : `w:${word.stem}`);
    if (!word.isStopword) contentWords.push(word.stem);
  }
  for (let i = 0; i + 1 < words.length; i += 1) features.push(`b:${words[i]!.stem}|${words[i + 1]!.stem}`);
  for (const word of words) {
    if (word.surface.length > 2) characterNgrams(`<${foldDigits(word.surface)}>`, [3, 4], features);
  }
  return { features, contentWords };
}

/** Raw features of normalised text in a locale. Japanese needs loadJapaneseAnalyzer() first. */
export function extractFeatures(normalizedText: string, locale: Locale): RawFeatures {
  return locale === 'ja'
    ? japaneseFeaturesOf(analyseJapanese(normalizedText), normalizedText)
    : englishFeatures(normalizedText);
}

/** The channel of a feature name (the part before the first colon). */
export function channelOf(feature: string): string {
  const colon = feature.indexOf(':');
  return colon === -1 ? feature : feature.slice(0, colon);
}
