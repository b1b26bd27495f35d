import { describe, expect, test } from 'vitest';
import { formatLocalDate, formatLocalTime, replyPromise } from '../../../bot/handoff/reply-promise.ts';
import { jst, SHOP_CALENDAR } from '../calendar/fixtures.ts';

const PROMISE = { ja: '2時間以内', en: 'within 2 hours' };

describe('replyPromise', () => {
  test('promises the in-hours reply time while open', () => {
    expect(replyPromise(SHOP_CALENDAR, PROMISE, jst('2026-11-24T15:00'), 'ja')).toEqual({
      open: true,
      nextOpening: null,
      text: '2時間以内を目安にご返信します。',
    });
  });

  test('names the hour later today during the lunch break', () => {
    const promise = replyPromise(SHOP_CALENDAR, PROMISE, jst('2026-11-24T12:10'), 'ja');
    expect(promise).toEqual({
      open: false,
      nextOpening: jst('2026-11-24T13:00'),
      text: 'ただいま営業時間外のため、本日13時以降にご返信します。',
    });
  });

  test('names the next business day with date and weekday when closed for the day', () => {
    expect(replyPromise(SHOP_CALENDAR, PROMISE, jst('2026-11-24T20:00'), 'ja').text).toBe(
      'ただいま営業時間外のため、翌営業日（11月25日 水曜）10時以降にご返信します。',
    );
  });

  test('speaks English to an English shopper', () => {
    expect(replyPromise(SHOP_CALENDAR, PROMISE, jst('2026-11-21T11:00'), 'en').text).toBe(
      "We're closed right now, so we will reply after 10:00 on our next business day (Tue, Nov 24).",
    );
    expect(replyPromise(SHOP_CALENDAR, PROMISE, jst('2026-11-24T11:00'), 'en').text).toBe(
      'We will reply within 2 hours.',
    );
  });

  test('promises no time when the calendar never opens', () => {
    const never = {
      ...SHOP_CALENDAR,
      hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    };
    expect(replyPromise({ ...never, specialDays: [] }, PROMISE, jst('2026-11-24T11:00'), 'ja')).toEqual({
      open: false,
      nextOpening: null,
      text: '担当スタッフより順次ご返信します。',
    });
  });
});

describe('formatLocalTime', () => {
  test.each([
    { minutes: 600, locale: 'ja' as const, text: '10時' },
    { minutes: 630, locale: 'ja' as const, text: '10時30分' },
    { minutes: 605, locale: 'en' as const, text: '10:05' },
    { minutes: 780, locale: 'en' as const, text: '13:00' },
  ])('$minutes min in $locale → $text', ({ minutes, locale, text }) => {
    expect(formatLocalTime(minutes, locale)).toBe(text);
  });
});

describe('formatLocalDate', () => {
  test('writes month, day and weekday in each language', () => {
    const date = { year: 2027, month: 1, day: 4, weekday: 1 };
    expect(formatLocalDate(date, 'ja')).toBe('1月4日 月曜');
    expect(formatLocalDate(date, 'en')).toBe('Mon, Jan 4');
  });
});
