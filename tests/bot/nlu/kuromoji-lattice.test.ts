import kuromoji from 'kuromoji';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { loadCorpus } from '../../../bot/corpus/load-corpus.ts';
import { dictionaryPath } from '../../../bot/nlu/japanese-analyzer.ts';
import {
  installBoundedLatticeBuilder,
  installStockLatticeBuilder,
  LONGEST_ENTRY_BYTES,
  prefixWords,
} from '../../../bot/nlu/kuromoji-lattice.ts';
import { normalizeText } from '../../../bot/nlu/normalize.ts';
import { HARD_JAPANESE_TEXTS } from '../../helpers/hard-japanese-texts.ts';

type Tokenizer = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;
interface Trie {
  bc: { getBaseBuffer(): Int32Array; getCheckBuffer(): Int32Array };
  commonPrefixSearch(key: string): { k: string; v: number }[];
}
const trieOf = (tokenizer: Tokenizer): Trie =>
  (tokenizer as unknown as { viterbi_builder: { trie: Trie } }).viterbi_builder.trie;

let tokenizer: Tokenizer;
let texts: string[];

const HARD_TEXTS = HARD_JAPANESE_TEXTS;

beforeAll(async () => {
  tokenizer = await new Promise<Tokenizer>((resolve, reject) =>
    kuromoji
      .builder({ dicPath: dictionaryPath() })
      .build((error, built) => (error ? reject(error) : resolve(built))),
  );
  const corpus = await loadCorpus('corpus');
  texts = corpus.intents
    .filter((intent) => intent.locale === 'ja')
    .flatMap((intent) => [...intent.utterances, ...(intent.tests ?? [])])
    .map(normalizeText);
});

afterEach(() => {
  installBoundedLatticeBuilder();
});

describe('the bounded lattice builder', () => {
  test('no dictionary entry is longer than LONGEST_ENTRY_BYTES (walks the whole trie)', () => {
    const { bc } = trieOf(tokenizer);
    const base = bc.getBaseBuffer();
    const check = bc.getCheckBuffer();
    let frontier = [0];
    let depth = 0;
    let deepestWord = 0;
    while (frontier.length > 0) {
      const next: number[] = [];
      for (const parent of frontier) {
        for (let code = 0; code < 256; code += 1) {
          const child = base[parent]! + code;
          if (child === parent || check[child] !== parent) continue;
          if (code === 0) deepestWord = depth;
          else next.push(child);
        }
      }
      frontier = next;
      depth += 1;
    }
    expect(deepestWord).toBe(LONGEST_ENTRY_BYTES);
  });

  test('finds the same words as the trie’s own prefix search', () => {
    const trie = trieOf(tokenizer);
    for (const text of [...texts.slice(0, 300), ...HARD_TEXTS]) {
      for (let at = 0; at < text.length; at += 1) {
        const own = trie.commonPrefixSearch(text.slice(at)).map((w) => ({ k: w.k, v: w.v }));
        expect(prefixWords(trie, text, at, text.length)).toEqual(own);
      }
    }
  });

  test('gives the stock builder’s tokens on the shipped corpus and on long, unpunctuated texts', () => {
    const all = [...texts, ...HARD_TEXTS];
    installStockLatticeBuilder();
    const stock = all.map((text) => tokenizer.tokenize(text));
    installBoundedLatticeBuilder();
    const bounded = all.map((text) => tokenizer.tokenize(text));
    expect(bounded).toEqual(stock);
    expect(bounded.flat().length).toBeGreaterThan(50_000);
  });
});
