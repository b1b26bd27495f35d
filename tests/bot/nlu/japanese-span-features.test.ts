import { beforeAll, describe, expect, test } from 'vitest';
import { loadCorpus, testExamples, trainingExamples } from '../../../bot/corpus/load-corpus.ts';
import { japaneseClauses } from '../../../bot/nlu/clauses.ts';
import { japaneseFeaturesOf } from '../../../bot/nlu/featurize.ts';
import { IntentModel } from '../../../bot/nlu/intent-model.ts';
import { analyseJapanese, loadJapaneseAnalyzer } from '../../../bot/nlu/japanese-analyzer.ts';
import { JapaneseSpanFeatures, vocabularyOf } from '../../../bot/nlu/japanese-span-features.ts';
import { normalizeText } from '../../../bot/nlu/normalize.ts';

/**
 * Texts whose clauses start with a negation, hold spaces, proper nouns, numbers, Latin words and emoji.
 */
const EDGE_CASES = [
  '定期便を頼んだのですが、届かない。来ないので解約したい',
  'Amazon Pay 使えますか？ 楽天 ペイは？',
  '注文番号 12345678 の荷物が届かないけど、いつ届きますか',
  'ないです。ありません。解約したい',
  'お試しのつもりが2回目が届いた。解約したいが電話がつながらない',
  // Digits fold to 0 in the character n-grams on both paths, full-width ones after NFKC.
  '注文番号２０４１６と10034、どちらも未着です',
  '　',
  '。。。',
  // kuromoji drops the 。 after an emoji: the morphemes spell 「…🙄🙄送信…」.
  'あーむかつく。🙄🙄。送信テスト中です',
];

describe('JapaneseSpanFeatures', () => {
  let model: IntentModel;
  let texts: string[];
  beforeAll(async () => {
    await loadJapaneseAnalyzer();
    const corpus = await loadCorpus('corpus');
    model = IntentModel.train('ja', trainingExamples(corpus, 'ja'));
    const held = testExamples(corpus, 'ja').map((e) => e.text);
    // Held-out questions joined into long messages: many clauses, edges between them.
    const joined: string[] = [];
    for (let i = 0; i + 6 <= held.length; i += 6) joined.push(held.slice(i, i + 6).join('。'));
    texts = [...trainingExamples(corpus, 'ja').map((e) => e.text), ...held, ...joined, ...EDGE_CASES].map(
      normalizeText,
    );
  }, 60_000);

  test('encodes the whole message and every clause exactly as the string features do', () => {
    let clausesCompared = 0;
    let indexedMessages = 0;
    for (const text of texts) {
      const morphemes = analyseJapanese(text);
      const indexed = model.indexJapanese(morphemes, text);
      if (!indexed) continue;
      indexedMessages += 1;
      expect(model.encodeSpan(indexed.span(0, morphemes.length))).toEqual(
        model.encodeFeatures(japaneseFeaturesOf(morphemes, text)),
      );
      for (const clause of japaneseClauses(morphemes)) {
        expect(model.encodeSpan(indexed.span(clause.start, clause.start + clause.morphemes.length))).toEqual(
          model.encodeFeatures(japaneseFeaturesOf(clause.morphemes, clause.text)),
        );
        clausesCompared += 1;
      }
    }
    // Nearly every message is indexed, and the long ones give many clauses.
    expect(indexedMessages).toBeGreaterThan(texts.length * 0.99);
    expect(clausesCompared).toBeGreaterThan(1_000);
  });

  test('classifies a span through scratch buffers exactly as the encoded span is classified', () => {
    let compared = 0;
    for (const text of texts.filter((_, i) => i % 7 === 0)) {
      const morphemes = analyseJapanese(text);
      const indexed = model.indexJapanese(morphemes, text);
      if (!indexed) continue;
      const runs: [number, number][] = [[0, morphemes.length]];
      for (const c of japaneseClauses(morphemes)) runs.push([c.start, c.start + c.morphemes.length]);
      for (const [start, end] of runs) {
        const encoded = model.encodeSpan(indexed.span(start, end));
        const expected = {
          classification: model.classify(encoded),
          coverage: {
            contentWords: encoded.contentWords.length,
            knownContentWords: encoded.knownContentWords,
          },
        };
        expect(model.classifySpan(indexed.span(start, end))).toEqual(expected);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(1_000);
  });

  test('gives any run of morphemes the features that run alone gives, in the same order', () => {
    // A lookup that knows every feature, so nothing is dropped and the order is compared in full.
    const ids = new Map<string, number>();
    const lookup = (feature: string): number => {
      let id = ids.get(feature);
      if (id === undefined) {
        id = ids.size;
        ids.set(feature, id);
      }
      return id;
    };
    let spans = 0;
    for (const text of [...EDGE_CASES.map(normalizeText), normalizeText('届かない。来ない')]) {
      const morphemes = analyseJapanese(text);
      const indexed = JapaneseSpanFeatures.of(morphemes, text, vocabularyOf(lookup));
      if (!indexed) throw new Error(`expected the morphemes to spell ${text}`);
      for (let start = 0; start < morphemes.length; start += 1) {
        for (let end = start + 1; end <= morphemes.length; end += 1) {
          const run = morphemes.slice(start, end);
          const alone = japaneseFeaturesOf(run, run.map((m) => m.surface).join(''));
          const span = indexed.span(start, end);
          expect([...span.indices]).toEqual(alone.features.map(lookup));
          expect(span.contentWords).toEqual(alone.contentWords);
          spans += 1;
        }
      }
    }
    // A negation at a span's start (「ない」 of 「届かない」 alone) is among them.
    expect(ids.has('w:<neg>')).toBe(true);
    expect(spans).toBeGreaterThan(300);
  });

  test('indexes a text whose morphemes leave out punctuation after an emoji', () => {
    const text = normalizeText('あーむかつく。🙄🙄。送信テスト中です');
    const morphemes = analyseJapanese(text);
    expect(morphemes.map((m) => m.surface).join('')).not.toBe(text);
    expect(model.indexJapanese(morphemes, text)).toBeDefined();
  });

  test('refuses morphemes that do not spell the text', () => {
    const morphemes = analyseJapanese('解約したい');
    expect(
      JapaneseSpanFeatures.of(
        morphemes,
        '退会したい',
        vocabularyOf(() => 0),
      ),
    ).toBeUndefined();
    expect(
      JapaneseSpanFeatures.of(
        morphemes,
        '解約 したい',
        vocabularyOf(() => 0),
      ),
    ).toBeDefined();
  });
});
