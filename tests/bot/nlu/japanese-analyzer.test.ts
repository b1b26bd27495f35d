import { beforeAll, describe, expect, test } from 'vitest';
import { loadCorpus } from '../../../bot/corpus/load-corpus.ts';
import {
  analyseJapanese,
  analyseJapaneseWithTokenize,
  loadJapaneseAnalyzer,
} from '../../../bot/nlu/japanese-analyzer.ts';
import {
  installBoundedLatticeBuilder,
  installStockLatticeBuilder,
} from '../../../bot/nlu/kuromoji-lattice.ts';
import { normalizeText } from '../../../bot/nlu/normalize.ts';
import { HARDER_JAPANESE_TEXTS, LONE_SURROGATE_TEXTS } from '../../helpers/hard-japanese-texts.ts';

let texts: string[];

beforeAll(async () => {
  await loadJapaneseAnalyzer();
  const corpus = await loadCorpus('corpus');
  texts = corpus.intents
    .filter((intent) => intent.locale === 'ja')
    .flatMap((intent) => [...intent.utterances, ...(intent.tests ?? [])])
    .map(normalizeText);
});

describe('analyseJapanese', () => {
  test('gives the morphemes of kuromoji’s tokenize() for every Japanese corpus text, twice (cached entries)', () => {
    const joined = texts.slice(0, 200).join('');
    for (const text of [...texts, joined, 'アイウエオカキクケコ未知語ﾃｽﾄ𠮷', '']) {
      const expected = analyseJapaneseWithTokenize(text);
      expect(analyseJapanese(text)).toEqual(expected);
      expect(analyseJapanese(text)).toEqual(expected);
    }
  });

  test('gives the stock tokenizer’s morphemes on hard texts (long, unpunctuated, surrogate pairs)', () => {
    installStockLatticeBuilder();
    try {
      for (const text of [...HARDER_JAPANESE_TEXTS, texts.slice(0, 400).join('')]) {
        expect(analyseJapanese(text)).toEqual(analyseJapaneseWithTokenize(text));
      }
    } finally {
      installBoundedLatticeBuilder();
    }
  });

  test('analyses text with lone surrogates (stock kuromoji throws on some) into morphemes that spell it', () => {
    for (const text of LONE_SURROGATE_TEXTS) {
      expect(
        analyseJapanese(text)
          .map((m) => m.surface)
          .join(''),
      ).toBe(text);
    }
  });

  test('reads lemma, part of speech and sub-category from the entry, and the surface for unknown words', () => {
    const [first, ...rest] = analyseJapanese('届かないﾃｽﾄｱｲﾃﾑ');
    expect(first).toEqual({ surface: '届か', lemma: '届く', pos: '動詞', posDetail: '自立' });
    expect(rest.map((m) => m.surface).join('')).toBe('ないﾃｽﾄｱｲﾃﾑ');
  });
});
