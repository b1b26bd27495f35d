import { describe, expect, test } from 'vitest';
import { matchLocale, resolveLocale, TRANSLATIONS } from '../../../widget/translations/index.ts';

describe('widget translations', () => {
  test('every Japanese term has an English term of the same kind', () => {
    const kinds = (table: object) =>
      Object.fromEntries(Object.entries(table).map(([key, value]) => [key, typeof value]));
    expect(kinds(TRANSLATIONS.en)).toEqual(kinds(TRANSLATIONS.ja));
  });

  test('no term is empty and parameterised terms use their parameter', () => {
    for (const table of Object.values(TRANSLATIONS)) {
      for (const [key, value] of Object.entries(table)) {
        const rendered = typeof value === 'function' ? (value as (x: unknown) => string)('⟨X⟩') : value;
        expect(rendered.trim(), key).not.toBe('');
        if (typeof value === 'function') expect(rendered, key).toContain('⟨X⟩');
      }
    }
  });
});

describe('matchLocale', () => {
  test.each([
    { tag: 'ja', locale: 'ja' },
    { tag: 'ja-JP', locale: 'ja' },
    { tag: 'EN_gb', locale: 'en' },
    { tag: 'fr-FR', locale: undefined },
    { tag: '', locale: undefined },
    { tag: null, locale: undefined },
  ])('$tag → $locale', ({ tag, locale }) => {
    expect(matchLocale(tag)).toBe(locale);
  });
});

describe('resolveLocale', () => {
  test.each([
    { name: 'the explicit choice wins', candidates: ['en', 'ja'], browser: ['ja'], locale: 'en' },
    { name: 'then the page language', candidates: [undefined, 'en-US'], browser: ['ja'], locale: 'en' },
    { name: 'then the browser', candidates: ['', 'fr'], browser: ['de', 'en-GB'], locale: 'en' },
    { name: 'Japanese when nothing matches', candidates: ['ko'], browser: ['zh-TW'], locale: 'ja' },
  ])('$name', ({ candidates, browser, locale }) => {
    expect(resolveLocale(candidates, browser)).toBe(locale);
  });
});
