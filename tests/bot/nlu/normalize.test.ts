import { describe, expect, test } from 'vitest';
import { detectLocale, foldKana, normalizeText } from '../../../bot/nlu/normalize.ts';

describe('normalizeText', () => {
  test.each([
    { name: 'full-width digits and letters', input: '２４．５ｃｍ', expected: '24.5cm' },
    { name: 'half-width katakana', input: 'ｷｬﾝｾﾙ', expected: 'キャンセル' },
    { name: 'upper case', input: 'PayPay', expected: 'paypay' },
    { name: 'wave dashes', input: '10時～18時', expected: '10時〜18時' },
    { name: 'full-width space', input: '定期便　解約', expected: '定期便 解約' },
  ])('folds $name', ({ input, expected }) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('foldKana', () => {
  test('turns katakana into hiragana so キャンセル and きゃんせる match', () => {
    expect(foldKana('キャンセル')).toBe(foldKana('きゃんせる'));
  });
});

describe('detectLocale', () => {
  test.each([
    { text: '定期便の周期を変えたい', locale: 'ja' },
    { text: 'amazon pay使える？', locale: 'ja' },
    { text: 'can i skip my next delivery', locale: 'en' },
    { text: 'ｷｬﾝｾﾙ', locale: 'ja' },
  ])('$text is $locale by script', ({ text, locale }) => {
    expect(detectLocale(normalizeText(text))).toBe(locale);
  });

  test('a text without letters keeps the fallback locale', () => {
    expect(detectLocale('123?', 'en')).toBe('en');
  });

  test.each([
    { text: 'OK', fallback: 'ja' },
    { text: '<img src=x>', fallback: 'ja' },
    { text: 'OK', fallback: 'en' },
  ] as const)('$text keeps the conversation locale $fallback', ({ text, fallback }) => {
    expect(detectLocale(normalizeText(text), fallback)).toBe(fallback);
  });
});
