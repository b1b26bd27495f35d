import { beforeAll, describe, expect, test } from 'vitest';
import { extractFeatures } from '../../../bot/nlu/featurize.ts';
import { loadJapaneseAnalyzer } from '../../../bot/nlu/japanese-analyzer.ts';
import { normalizeText } from '../../../bot/nlu/normalize.ts';

const ja = (text: string) => extractFeatures(normalizeText(text), 'ja');
const words = (text: string) => ja(text).features.filter((f) => f.startsWith('w:'));

describe('Japanese features', () => {
  beforeAll(async () => {
    await loadJapaneseAnalyzer();
  });

  test('keeps the prefix of 不良品 so it differs from 良品', () => {
    expect(words('不良品が届いた')).toContain('w:不');
    expect(words('良品が届いた')).not.toContain('w:不');
  });

  test('keeps 未 in 未発送', () => {
    expect(words('未発送です')).toContain('w:未');
  });

  test('届いた and 届かない share the lemma 届く, and only the negated one is marked', () => {
    expect(words('届いた')).toContain('w:届く');
    expect(words('届かない')).toContain('w:届く');
    expect(ja('届かない').features).toContain('neg:届く');
    expect(ja('届いた').features).not.toContain('neg:届く');
  });

  test('keeps numbers as a number feature instead of dropping them', () => {
    expect(ja('2ヶ月ごとにしたい').features).toContain('w:<num>');
  });

  test('gives two order numbers of the same length the same features', () => {
    expect(ja('注文番号20416の荷物はどこ').features).toEqual(ja('注文番号10034の荷物はどこ').features);
    expect(ja('注文番号10034の荷物はどこ').features).toContain('c:号0');
  });

  test('does not merge homophones 保証 and 補償', () => {
    expect(words('保証')).not.toEqual(words('補償'));
  });

  test('full-width and half-width input give the same features', () => {
    expect(ja('ＰａｙＰａｙで払える？').features).toEqual(ja('PayPayで払える?').features);
  });

  test('hiragana loanwords share character n-grams with katakana', () => {
    const katakana = new Set(ja('キャンセル').features.filter((f) => f.startsWith('c:')));
    const hiragana = ja('きゃんせる').features.filter((f) => f.startsWith('c:'));
    expect(hiragana.length).toBeGreaterThan(0);
    expect(hiragana.every((f) => katakana.has(f))).toBe(true);
  });

  test('Latin words inside Japanese are features too', () => {
    expect(words('Amazon Pay使える？')).toEqual(expect.arrayContaining(['w:amazon', 'w:pay', 'w:使える']));
  });
});

describe('English features', () => {
  test('stems words so orders and order match', () => {
    expect(extractFeatures('cancel my orders', 'en').features).toContain('w:order');
  });

  test("an order number's digits do not change its character n-grams", () => {
    expect(extractFeatures('where is order 20416', 'en').features.filter((f) => f.startsWith('c:'))).toEqual(
      extractFeatures('where is order 10034', 'en').features.filter((f) => f.startsWith('c:')),
    );
  });

  test('function words are a separate, lighter channel', () => {
    const features = extractFeatures('where is my parcel', 'en');
    expect(features.features).toContain('s:is');
    expect(features.contentWords).not.toContain('is');
  });
});
