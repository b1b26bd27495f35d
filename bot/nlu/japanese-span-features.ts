/**
 * A Japanese message's features as a model's feature indices, looked up once for the whole message, so
 * that each clause's features are read off by position instead of built again as strings. A 200-character
 * message is classified whole and in up to six clauses (clauses.ts); building and hashing every clause's
 * feature names again cost a fifth of its prediction time.
 *
 * The features of a span (a run of morphemes) are exactly those japaneseFeaturesOf gives for the span's
 * morphemes and text, in the same order, minus the features the model does not know (which weighing
 * drops anyway): morpheme features in order, then word bigrams, then character unigrams and bigrams.
 * Where a clause differs from a slice of the whole, it is handled here: a negation at a clause's start
 * has no word before it, and bigrams (of words or characters) across the clause's edges are left out.
 * Tested equal to the string path on every corpus text and its clauses.
 */

import { codePointKinds } from './code-point-kinds.ts';
import { DIGIT, isContent, japaneseMorphemeFeatures, KANJI, NOT_IN_NGRAMS } from './featurize.ts';
import type { Morpheme } from './japanese-analyzer.ts';
import { KANA_OFFSET, KATAKANA_END, KATAKANA_START } from './normalize.ts';

/** A feature name's index in the model's vocabulary, or undefined when the model does not know it. */
export type FeatureLookup = (feature: string) => number | undefined;

/**
 * The model's vocabulary as the spans read it: feature names, and character n-grams by code point, so
 * that a message's few hundred n-grams are looked up without building a string for each.
 */
export interface SpanVocabulary {
  indexOf: FeatureLookup;
  /** The index of c:<first>, or of c:<first><second> when `second` is given (code points). */
  charGram(first: number, second?: number): number | undefined;
}

/** A SpanVocabulary over a name lookup alone (it builds the n-gram names). */
export function vocabularyOf(lookup: FeatureLookup): SpanVocabulary {
  return {
    indexOf: lookup,
    charGram: (first, second) =>
      lookup(`c:${String.fromCodePoint(first)}${second === undefined ? '' : String.fromCodePoint(second)}`),
  };
}

const CHAR_KNOWN = 1;
const CHAR_IN_NGRAMS = 2;
const CHAR_KANJI = 4;
const CHAR_DIGIT = 8;
const ZERO = 0x30;

/**
 * Whether a code point is part of character n-grams, whether it is a kanji, and whether it is a digit
 * (featurize.ts's rules).
 */
const charKind = codePointKinds((ch) => {
  NOT_IN_NGRAMS.lastIndex = 0;
  const kind =
    CHAR_KNOWN |
    (NOT_IN_NGRAMS.test(ch) ? 0 : CHAR_IN_NGRAMS) |
    (KANJI.test(ch) ? CHAR_KANJI : 0) |
    (DIGIT.test(ch) ? CHAR_DIGIT : 0);
  NOT_IN_NGRAMS.lastIndex = 0;
  return kind;
});

/** foldKana and foldDigits for one code point. */
function foldedCode(code: number): number {
  if (code >= KATAKANA_START && code <= KATAKANA_END) return code - KANA_OFFSET;
  return charKind(code) & CHAR_DIGIT ? ZERO : code;
}

/** Unknown to the model: left out of a span's features. */
const ABSENT = -1;

/**
 * One span's features: model feature indices in order (a view of the message's scratch buffer, valid
 * until its next span() call: encode it first), and its content words.
 */
export interface SpanFeatures {
  indices: Int32Array;
  contentWords: string[];
}

/**
 * The arrays one message's index lives in, reused from message to message and grown when a longer one
 * comes: a typed array per field per message was a fifth of a long message's garbage, and its off-heap
 * memory made every young-generation collection slower.
 */
class Scratch {
  morphemes = 0;
  characters = 0;
  own = new Int32Array(0);
  proper = new Int32Array(0);
  negated = new Int32Array(0);
  keptBefore = new Int32Array(0);
  isNegation = new Uint8Array(0);
  contentWord: (string | undefined)[] = [];
  keptLemma: (string | undefined)[] = [];
  keptAt = new Int32Array(0);
  keptBigram = new Int32Array(0);
  charStart = new Int32Array(0);
  chars = new Int32Array(0);
  unigram = new Int32Array(0);
  bigram = new Int32Array(0);
  buffer = new Int32Array(0);

  /** Room for `n` morphemes spelling `units` UTF-16 code units (a code point is at least one). */
  reserve(n: number, units: number): void {
    if (n > this.morphemes) {
      const size = Math.max(n, this.morphemes * 2);
      this.morphemes = size;
      this.own = new Int32Array(size);
      this.proper = new Int32Array(size);
      this.negated = new Int32Array(size);
      this.keptBefore = new Int32Array(size);
      this.isNegation = new Uint8Array(size);
      this.keptAt = new Int32Array(size);
      this.keptBigram = new Int32Array(size);
      this.charStart = new Int32Array(size + 1);
    }
    if (units > this.characters) {
      const size = Math.max(units, this.characters * 2);
      this.characters = size;
      this.chars = new Int32Array(size);
      this.unigram = new Int32Array(size);
      this.bigram = new Int32Array(size);
    }
    // Three features per morpheme, a bigram per kept word, two n-grams per character at most.
    const needed = 4 * this.morphemes + 2 * this.characters;
    if (this.buffer.length < needed) this.buffer = new Int32Array(needed);
  }
}

const scratch = new Scratch();

/**
 * A message's features as model feature indices. It lives in shared scratch memory: it is valid until the
 * next `JapaneseSpanFeatures.of()` (read its spans first; predict() does, synchronously).
 */
export class JapaneseSpanFeatures {
  /** Per morpheme: the index of its own word feature (w:lemma, w:<num> or w:<neg>), or ABSENT. */
  private readonly own: Int32Array;
  /** Per morpheme: the index of its proper-noun class feature (p:…), or ABSENT. */
  private readonly proper: Int32Array;
  /** Per negation: the index of neg:<the kept word before it>, or ABSENT. */
  private readonly negated: Int32Array;
  /** Per negation: the position of the kept word before it in the message, or -1. */
  private readonly keptBefore: Int32Array;
  private readonly isNegation: Uint8Array;
  /** Per morpheme: its folded lemma when it is a content word. */
  private readonly contentWord: (string | undefined)[];
  /** Per morpheme: its folded lemma when it is kept (named again by neg: and b: features). */
  private readonly keptLemma: (string | undefined)[];
  /** Positions of the kept words (`kept` of them), and the index of the bigram of each with the next. */
  private readonly keptAt: Int32Array;
  private readonly keptBigram: Int32Array;
  private readonly kept: number;
  /** Per morpheme: where its characters start among the message's n-gram characters (length n + 1). */
  private readonly charStart: Int32Array;
  /** Per n-gram character: the index of its unigram (kanji only) and of its bigram with the next. */
  private readonly unigram: Int32Array;
  private readonly bigram: Int32Array;
  /** Where span() writes its indices (no span has more than the whole message). */
  private readonly buffer: Int32Array;

  private constructor(morphemes: readonly Morpheme[], units: number, vocabulary: SpanVocabulary) {
    const n = morphemes.length;
    scratch.reserve(n, units);
    this.own = scratch.own.fill(ABSENT, 0, n);
    this.proper = scratch.proper.fill(ABSENT, 0, n);
    this.negated = scratch.negated.fill(ABSENT, 0, n);
    this.keptBefore = scratch.keptBefore.fill(-1, 0, n);
    this.isNegation = scratch.isNegation.fill(0, 0, n);
    this.contentWord = scratch.contentWord;
    this.keptLemma = scratch.keptLemma;
    for (let i = 0; i < n; i += 1) {
      this.contentWord[i] = undefined;
      this.keptLemma[i] = undefined;
    }
    this.keptAt = scratch.keptAt;
    this.keptBigram = scratch.keptBigram;
    this.charStart = scratch.charStart;
    this.unigram = scratch.unigram;
    this.bigram = scratch.bigram;
    this.buffer = scratch.buffer;
    const at = (feature: string): number => vocabulary.indexOf(feature) ?? ABSENT;
    const { chars } = scratch;
    let charCount = 0;
    let kept = 0;
    let lastKept = -1;
    for (let i = 0; i < n; i += 1) {
      const m = morphemes[i]!;
      this.charStart[i] = charCount;
      const { surface } = m;
      for (let u = 0; u < surface.length; u += 1) {
        const code = surface.codePointAt(u)!;
        if (code > 0xffff) u += 1;
        const folded = foldedCode(code);
        if (charKind(folded) & CHAR_IN_NGRAMS) chars[charCount++] = folded;
      }
      const features = japaneseMorphemeFeatures(m);
      if (!features) continue;
      if (features.kind === 'negation') {
        this.isNegation[i] = 1;
        this.own[i] = at(features.word);
        this.keptBefore[i] = lastKept;
        if (lastKept !== -1) this.negated[i] = at(`neg:${this.keptLemma[lastKept]}`);
        continue;
      }
      this.own[i] = at(features.word);
      if (features.kind === 'number') continue;
      if (features.proper) this.proper[i] = at(features.proper);
      if (isContent(m)) this.contentWord[i] = features.lemma;
      if (lastKept !== -1) this.keptBigram[kept - 1] = at(`b:${this.keptLemma[lastKept]}|${features.lemma}`);
      this.keptLemma[i] = features.lemma;
      this.keptAt[kept++] = i;
      lastKept = i;
    }
    this.kept = kept;
    this.charStart[n] = charCount;
    this.unigram.fill(ABSENT, 0, charCount);
    this.bigram.fill(ABSENT, 0, charCount);
    for (let p = 0; p < charCount; p += 1) {
      const code = chars[p]!;
      if (charKind(code) & CHAR_KANJI) this.unigram[p] = vocabulary.charGram(code) ?? ABSENT;
      if (p + 1 < charCount) this.bigram[p] = vocabulary.charGram(code, chars[p + 1]) ?? ABSENT;
    }
  }

  /**
   * The message's features over `lookup`, or undefined when its morphemes do not spell its text (the
   * character n-grams of the whole would then differ from the string path's; the caller uses that path).
   */
  static of(
    morphemes: readonly Morpheme[],
    text: string,
    vocabulary: SpanVocabulary,
  ): JapaneseSpanFeatures | undefined {
    let spelled = '';
    for (const m of morphemes) spelled += m.surface;
    // Spaces, punctuation and symbols are not part of n-grams: a text whose morphemes leave some out still
    // fits (kuromoji drops the 。 after an emoji: 「🙄🙄。送信」 is spelled 「🙄🙄送信」).
    if (spelled !== text && spelled.replace(NOT_IN_NGRAMS, '') !== text.replace(NOT_IN_NGRAMS, ''))
      return undefined;
    return new JapaneseSpanFeatures(morphemes, spelled.length, vocabulary);
  }

  /** Features of the morphemes from `start` up to (not including) `end`. */
  span(start: number, end: number): SpanFeatures {
    const { buffer } = this;
    let size = 0;
    const contentWords: string[] = [];
    const push = (index: number): void => {
      if (index !== ABSENT) buffer[size++] = index;
    };
    for (let i = start; i < end; i += 1) {
      push(this.own[i]!);
      // Only a word inside the span negates: at a clause's start the string path has none before it.
      if (this.isNegation[i] === 1 && this.keptBefore[i]! >= start) push(this.negated[i]!);
      push(this.proper[i]!);
      const word = this.contentWord[i];
      if (word !== undefined) contentWords.push(word);
    }
    for (let k = 0; k + 1 < this.kept; k += 1) {
      if (this.keptAt[k]! >= start && this.keptAt[k + 1]! < end) push(this.keptBigram[k]!);
    }
    const from = this.charStart[start]!;
    const to = this.charStart[end]!;
    for (let p = from; p < to; p += 1) push(this.unigram[p]!);
    for (let p = from; p + 1 < to; p += 1) push(this.bigram[p]!);
    return { indices: buffer.subarray(0, size), contentWords };
  }
}
