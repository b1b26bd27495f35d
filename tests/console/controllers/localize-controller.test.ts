import { afterEach, describe, expect, test, vi } from 'vitest';
import { LocalizeController } from '../../../console/controllers/localize-controller.ts';
import { FakeHost } from '../../helpers/controller-host.ts';

/** A localize controller in a browser whose language is `language` (undefined: no navigator). */
function localizeIn(language?: string): LocalizeController {
  if (language !== undefined) vi.stubGlobal('navigator', { language });
  return new LocalizeController(new FakeHost());
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('LocalizeController', () => {
  test.each([
    { name: 'English browsers get English', language: 'en-GB', locale: 'en' },
    { name: 'Japanese browsers get Japanese', language: 'ja-JP', locale: 'ja' },
    { name: 'other languages get Japanese', language: 'fr-FR', locale: 'ja' },
    { name: 'no navigator gets Japanese', language: undefined, locale: 'ja' },
  ])('$name', ({ language, locale }) => {
    expect(localizeIn(language).locale).toBe(locale);
  });

  test('terms come from the table of the locale', () => {
    expect(localizeIn('ja').term('reason_empty')).toBe('空の入力');
    expect(localizeIn('en').term('reason_empty')).not.toBe('空の入力');
  });

  test('an error code without a sentence in the table has none', () => {
    expect(localizeIn('ja').errorTerm('NO_SUCH_CODE_EVER')).toBeUndefined();
  });

  test.each([
    { name: 'a share with one decimal', value: 0.875, text: '87.5%' },
    { name: 'no value as a dash', value: null, text: '—' },
    { name: 'NaN as a dash', value: Number.NaN, text: '—' },
  ])('percent: $name', ({ value, text }) => {
    expect(localizeIn('en').percent(value)).toBe(text);
  });

  test.each([
    { name: 'a whole percentage', value: 0.874, text: '87%' },
    { name: 'a fixed confidence above 1 shows as 100 %, never more', value: 1.7, text: '100%' },
    { name: 'below 0 shows as 0 %', value: -0.2, text: '0%' },
    { name: 'no score as a dash', value: undefined, text: '—' },
  ])('score: $name', ({ value, text }) => {
    expect(localizeIn('en').score(value)).toBe(text);
  });

  test('counts are grouped and dates without a value are a dash', () => {
    const localize = localizeIn('en');
    expect(localize.count(1234567)).toBe('1,234,567');
    expect(localize.dateTime(null)).toBe('—');
    expect(localize.dateTime('2026-11-23T14:41:00.000Z')).toMatch(/2026/u);
  });
});
