/**
 * kuromoji's lattice builder in linear time. The stock ViterbiBuilder.build looks words up at every
 * position with the whole rest of the sentence: the trie converts that tail to UTF-8 bytes and re-scans it
 * for unknown words, so a 200-character message without 。 costs 200 × 200 steps (measured: more than
 * half of a long message's analysis). No IPADIC entry is longer than LONGEST_ENTRY_BYTES bytes (the trie's
 * deepest word; a test walks the trie to prove it), so a tail of that many characters finds every word
 * the whole tail would. Unknown-word grouping reads the sentence in place instead of copying the tail.
 * The lattice, and so every token, is the same as the stock builder's (tested on the corpus and on long,
 * unpunctuated, surrogate-pair and Latin-run texts).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The longest IPADIC entry, in UTF-8 bytes (every character takes at least one). */
export const LONGEST_ENTRY_BYTES = 78;

interface SurrogateAwareString {
  readonly str: string;
  readonly length: number;
  readonly index_mapping: number[];
  charAt(index: number): string;
  slice(index: number): string;
  toString(): string;
}

interface CharacterClass {
  class_id: number;
  class_name: string;
  is_always_invoke: number;
  is_grouping: number;
}

interface Dictionary {
  /** Trie id (or character class) → entry offsets, numbers read from the dictionary file. */
  target_map: Record<number, number[]>;
  dictionary: { getShort(offset: number): number };
}

/** doublearray's trie: base and check arrays over UTF-8 bytes, 0 as the terminal code. */
export interface DoubleArrayTrie {
  bc: { getBaseBuffer(): Int32Array; getCheckBuffer(): Int32Array };
  commonPrefixSearch(key: string): { k: string; v: number }[];
}

interface ViterbiBuilderInstance {
  trie: DoubleArrayTrie;
  token_info_dictionary: Dictionary;
  unknown_dictionary: Dictionary & { lookup(character: string): CharacterClass };
}

type Build = (this: ViterbiBuilderInstance, sentence: string) => unknown;

const ViterbiBuilder = require('kuromoji/src/viterbi/ViterbiBuilder.js') as { prototype: { build: Build } };
const ViterbiLattice = require('kuromoji/src/viterbi/ViterbiLattice.js') as new () => {
  append(node: unknown): void;
  appendEos(): void;
};
const ViterbiNode = require('kuromoji/src/viterbi/ViterbiNode.js') as new (
  ...args: [number, number, number, number, 'KNOWN' | 'UNKNOWN', number, number, string]
) => unknown;
const SurrogateAware = require('kuromoji/src/util/SurrogateAwareString.js') as new (
  text: string,
) => SurrogateAwareString;

/**
 * The words of the trie that `text` has at `from`, reading at most up to `to`: what
 * trie.commonPrefixSearch(text.slice(from, to)) returns, without converting the text to a byte array and
 * each match back to a string. A dictionary word ends on a character boundary, so a match is a slice.
 * Unlike doublearray (which throws on it), a lone high surrogate just ends the search.
 */
export function prefixWords(trie: DoubleArrayTrie, text: string, from: number, to: number): PrefixWord[] {
  const ends = new Int32Array(to - from + 1);
  const ids = new Int32Array(to - from + 1);
  const found = prefixWordsInto(trie, text, from, to, ends, ids);
  const words: PrefixWord[] = [];
  for (let w = 0; w < found; w += 1)
    words.push({ k: text.slice(from, ends[w]), v: ids[w]! < 0 ? Number.NaN : ids[w]! });
  return words;
}

/**
 * prefixWords without allocating: writes each word's end (UTF-16 offset in `text`) and trie id (-1 for
 * a terminal without an id, which doublearray reports as NaN) into `ends` and `ids`, and returns how many.
 * The arrays must hold one more entry than `to - from` characters can end words at.
 */
export function prefixWordsInto(
  trie: DoubleArrayTrie,
  text: string,
  from: number,
  to: number,
  ends: Int32Array,
  ids: Int32Array,
): number {
  const base = trie.bc.getBaseBuffer();
  const check = trie.bc.getCheckBuffer();
  let found = 0;
  let parent = 0;
  let i = from;
  while (i < to) {
    let code = text.charCodeAt(i);
    let units = 1;
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) return found;
      code = (code - 0xd800) * 0x400 + 0x10000 + (low - 0xdc00);
      units = 2;
    }
    const length = utf8(code, UTF8_BYTES);
    for (let b = 0; b < length; b += 1) {
      const child = (base[parent] ?? 0) + UTF8_BYTES[b]!;
      if (check[child] !== parent) return found;
      parent = child;
    }
    i += units;
    const terminal = (base[parent] ?? 0) + TERMINAL_CODE;
    if (check[terminal] === parent) {
      const value = base[terminal]!;
      ends[found] = i;
      ids[found] = value <= 0 ? -value - 1 : -1;
      found += 1;
    }
  }
  return found;
}

/** Scratch for one character's UTF-8 bytes. */
const UTF8_BYTES = [0, 0, 0, 0];

/** A dictionary word found by prefixWords: its surface and trie id (doublearray's own field names). */
export interface PrefixWord {
  k: string;
  v: number;
}

const TERMINAL_CODE = 0;

/** Writes the UTF-8 bytes of a code point into `out`; returns how many. */
function utf8(code: number, out: number[]): number {
  if (code < 0x80) {
    out[0] = code;
    return 1;
  }
  if (code < 0x800) {
    out[0] = (code >>> 6) | 0xc0;
    out[1] = (code & 0x3f) | 0x80;
    return 2;
  }
  if (code < 0x10000) {
    out[0] = (code >>> 12) | 0xe0;
    out[1] = ((code >> 6) & 0x3f) | 0x80;
    out[2] = (code & 0x3f) | 0x80;
    return 3;
  }
  out[0] = (code >>> 18) | 0xf0;
  out[1] = ((code >> 12) & 0x3f) | 0x80;
  out[2] = ((code >> 6) & 0x3f) | 0x80;
  out[3] = (code & 0x3f) | 0x80;
  return 4;
}

/** kuromoji's own builder, kept for the equality test. */
export const stockBuild: Build = ViterbiBuilder.prototype.build;

/**
 * The same lattice as stockBuild, in O(length × LONGEST_ENTRY_BYTES). Written as the stock loop with two
 * changes (bounded tail, grouping in place), including its quirk that a grouped unknown word's length
 * counts UTF-16 units while a single character's counts code points.
 */
export const boundedBuild: Build = function build(this: ViterbiBuilderInstance, sentenceText: string) {
  const lattice = new ViterbiLattice();
  const sentence = new SurrogateAware(sentenceText);
  const { index_mapping: start, str } = sentence;
  const known = this.token_info_dictionary;
  const unknown = this.unknown_dictionary;
  for (let pos = 0; pos < sentence.length; pos += 1) {
    const end = pos + LONGEST_ENTRY_BYTES < sentence.length ? start[pos + LONGEST_ENTRY_BYTES] : str.length;
    const vocabulary = prefixWords(this.trie, str, start[pos]!, end!);
    for (const { k: key, v: trieId } of vocabulary) {
      for (const tokenInfoId of known.target_map[trieId] ?? []) {
        const left = known.dictionary.getShort(tokenInfoId);
        const right = known.dictionary.getShort(tokenInfoId + 2);
        const cost = known.dictionary.getShort(tokenInfoId + 4);
        lattice.append(new ViterbiNode(tokenInfoId, cost, pos + 1, key.length, 'KNOWN', left, right, key));
      }
    }
    const headChar = sentence.charAt(pos);
    const headClass = unknown.lookup(headChar);
    if (vocabulary.length > 0 && headClass.is_always_invoke !== 1) continue;
    // Stock kuromoji keeps the head character wrapped (its length counts code points: 1) unless a
    // character is appended, when the key becomes a string whose length counts UTF-16 units.
    let key = headChar;
    let keyLength = 1;
    if (headClass.is_grouping === 1) {
      for (let k = pos + 1; k < sentence.length; k += 1) {
        const next = sentence.charAt(k);
        if (unknown.lookup(next).class_name !== headClass.class_name) break;
        key += next;
        keyLength = key.length;
      }
    }
    for (const unknownId of unknown.target_map[headClass.class_id] ?? []) {
      const left = unknown.dictionary.getShort(unknownId);
      const right = unknown.dictionary.getShort(unknownId + 2);
      const cost = unknown.dictionary.getShort(unknownId + 4);
      lattice.append(new ViterbiNode(unknownId, cost, pos + 1, keyLength, 'UNKNOWN', left, right, key));
    }
  }
  lattice.appendEos();
  return lattice;
};

/** Makes every kuromoji tokenizer of this thread build lattices with boundedBuild. */
export function installBoundedLatticeBuilder(): void {
  ViterbiBuilder.prototype.build = boundedBuild;
}

/** Puts kuromoji's own builder back (for tests that compare the two). */
export function installStockLatticeBuilder(): void {
  ViterbiBuilder.prototype.build = stockBuild;
}
