import { describe, expect, test } from 'vitest';
import { formatLocalTime, formatOpening, replyPromise } from '../../../bot/handoff/reply-promise.ts';
import { jst, SHOP_CALENDAR } from '../calendar/fixtures.ts';

/** The demo shop: 「2時間以内」, i.e. 120 minutes of opening hours. */
const SETTINGS = {
  calendar: SHOP_CALENDAR,
  replyPromise: { ja: '2時間以内', en: 'within 2 hours' },
  replyWithinMinutes: 120,
};

describe('replyPromise', () => {
  test('promises the in-hours reply time while the open hours hold the whole window', () => {
    expect(replyPromise(SETTINGS, jst('2026-11-24T15:00'), 'ja')).toEqual({
      open: true,
      nextOpening: null,
      text: '2時間以内を目安にご返信します。',
    });
  });

  test('keeps the in-hours words when only the rounding to the minute makes the window longer', () => {
    expect(replyPromise(SETTINGS, jst('2026-11-24T15:00:30'), 'ja').text).toBe(
      '2時間以内を目安にご返信します。',
    );
  });

  test('names Monday when the window runs past closing on a Friday (17:55: 5 minutes Friday, 115 Monday)', () => {
    expect(replyPromise(SETTINGS, jst('2026-11-27T17:55'), 'ja')).toEqual({
      open: true,
      nextOpening: null,
      text: '11月30日(月) 11:55までを目安にご返信します。',
    });
    expect(replyPromise(SETTINGS, jst('2026-11-27T17:55'), 'en').text).toBe(
      'We will reply by Mon, Nov 30, 11:55.',
    );
  });

  test('counts the lunch break out of the window (11:30: 30 minutes before, 90 after)', () => {
    expect(replyPromise(SETTINGS, jst('2026-11-24T11:30'), 'ja').text).toBe(
      '本日14:30までを目安にご返信します。',
    );
  });

  test('skips a closure that follows the day (Dec 28 at 17:00: 60 minutes, then 年末年始, then 60 on January 4)', () => {
    expect(replyPromise(SETTINGS, jst('2026-12-28T17:00'), 'ja').text).toBe(
      '1月4日(月) 11:00までを目安にご返信します。',
    );
  });

  test('names the hour later today during the lunch break', () => {
    const promise = replyPromise(SETTINGS, jst('2026-11-24T12:10'), 'ja');
    expect(promise).toEqual({
      open: false,
      nextOpening: jst('2026-11-24T13:00'),
      text: 'ただいま営業時間外のため、本日13:00以降にご返信します。',
    });
  });

  test('names the next opening with date and weekday when closed for the day', () => {
    expect(replyPromise(SETTINGS, jst('2026-11-24T20:00'), 'ja').text).toBe(
      'ただいま営業時間外のため、11月25日(水) 10:00以降にご返信します。',
    );
  });

  test('speaks English to an English shopper', () => {
    expect(replyPromise(SETTINGS, jst('2026-11-21T11:00'), 'en').text).toBe(
      "We're closed right now, so we will reply after Tue, Nov 24, 10:00.",
    );
    expect(replyPromise(SETTINGS, jst('2026-11-24T15:00'), 'en').text).toBe('We will reply within 2 hours.');
    expect(replyPromise(SETTINGS, jst('2026-11-24T11:00'), 'en').text).toBe('We will reply by 14:00 today.');
  });

  test('promises no time when the calendar never opens', () => {
    const never = {
      ...SHOP_CALENDAR,
      hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      specialDays: [],
    };
    expect(replyPromise({ ...SETTINGS, calendar: never }, jst('2026-11-24T11:00'), 'ja')).toEqual({
      open: false,
      nextOpening: null,
      text: '担当スタッフより順次ご返信します。',
    });
  });
});

describe('formatLocalTime', () => {
  test.each([
    { minutes: 600, locale: 'ja' as const, text: '10:00' },
    { minutes: 545, locale: 'ja' as const, text: '9:05' },
    { minutes: 545, locale: 'en' as const, text: '09:05' },
    { minutes: 780, locale: 'en' as const, text: '13:00' },
  ])('$minutes min in $locale → $text', ({ minutes, locale, text }) => {
    expect(formatLocalTime(minutes, locale)).toBe(text);
  });
});

describe('formatOpening', () => {
  const date = { year: 2026, month: 12, day: 4, weekday: 5 };

  test('writes one date and time format in each language, the one the widget shows', () => {
    expect(formatOpening(date, 600, 'ja')).toBe('12月4日(金) 10:00');
    expect(formatOpening(date, 600, 'en')).toBe('Fri, Dec 4, 10:00');
  });

  test.each(['ja', 'en'] as const)(
    'matches Intl in the shop zone as the widget formats it (%s)',
    (locale) => {
      const widget = new Intl.DateTimeFormat(locale, {
        month: locale === 'ja' ? 'long' : 'short',
        day: 'numeric',
        weekday: 'short',
        hour: 'numeric',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone: 'Asia/Tokyo',
      });
      expect(formatOpening(date, 9 * 60 + 5, locale)).toBe(widget.format(jst('2026-12-04T09:05')));
    },
  );
});
