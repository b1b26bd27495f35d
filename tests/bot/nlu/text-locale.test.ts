import { describe, expect, test } from 'vitest';
import { normalizeText } from '../../../bot/nlu/normalize.ts';
import { textLocale } from '../../../bot/nlu/text-locale.ts';

describe('textLocale', () => {
  test.each([
    { name: 'one English word', text: 'hello', locale: 'en' },
    { name: 'Japanese', text: '送料はいくら', locale: 'ja' },
    { name: 'Japanese with a brand', text: 'Amazon Pay使える？', locale: 'ja' },
    { name: 'digits only', text: '12345678', locale: 'ja' },
  ] as const)('$name is $locale', ({ text, locale }) => {
    expect(textLocale(normalizeText(text), 'ja')).toBe(locale);
  });
});
