import { afterEach, describe, expect, test, vi } from 'vitest';
import { LocalizeController } from '../../../widget/controllers/localize-controller.ts';
import { FakeHost } from '../../helpers/controller-host.ts';

/** A widget component whose `lang` attribute is `lang` (null: none). */
class Element extends FakeHost {
  constructor(private readonly lang: string | null) {
    super();
  }
  getAttribute(name: string): string | null {
    return name === 'lang' ? this.lang : null;
  }
}

/** A page with `<html lang=pageLang>` in a browser that prefers `languages`. */
function page(pageLang: string, languages: string[]): void {
  vi.stubGlobal('document', { documentElement: { lang: pageLang } });
  vi.stubGlobal('navigator', { languages });
}

function localize(lang: string | null, explicit?: string): LocalizeController {
  return new LocalizeController(
    new Element(lang) as unknown as ConstructorParameters<typeof LocalizeController>[0],
    () => explicit,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('LocalizeController (widget)', () => {
  test.each([
    {
      name: "the component's lang wins",
      lang: 'en',
      explicit: 'ja',
      pageLang: 'ja',
      languages: ['ja'],
      locale: 'en',
    },
    {
      name: "then the shopper's choice",
      lang: null,
      explicit: 'en',
      pageLang: 'ja',
      languages: ['ja'],
      locale: 'en',
    },
    {
      name: 'then the page language',
      lang: null,
      explicit: undefined,
      pageLang: 'en-US',
      languages: ['ja'],
      locale: 'en',
    },
    {
      name: 'then the browser',
      lang: null,
      explicit: undefined,
      pageLang: '',
      languages: ['fr', 'en-GB'],
      locale: 'en',
    },
    {
      name: 'else Japanese',
      lang: null,
      explicit: undefined,
      pageLang: 'ko',
      languages: ['zh'],
      locale: 'ja',
    },
  ])('$name', ({ lang, explicit, pageLang, languages, locale }) => {
    page(pageLang, languages);
    expect(localize(lang, explicit).locale).toBe(locale);
  });

  test('terms follow the locale', () => {
    page('ja', ['ja']);
    expect(localize('en').term('close')).not.toBe(localize('ja').term('close'));
  });

  test('an opening is written as the bot writes it: month, day, weekday and a 24-hour time', () => {
    page('ja', ['ja']);
    // 12:05 UTC is afternoon in any zone from UTC−12 to UTC+11: same day, a 24-hour clock.
    expect(localize('ja').dateTime('2026-11-24T12:05:00.000Z')).toMatch(/^11月24日\(火\) \d{1,2}:05$/u);
    expect(localize('en').dateTime('2026-11-24T12:05:00.000Z')).toMatch(/^Tue, Nov 24, \d{2}:05$/u);
  });
});
