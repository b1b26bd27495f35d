import { describe, expect, test } from 'vitest';
import { shopStatus } from '../../../bot/calendar/shop-status.ts';
import {
  dayPartAt,
  greetingDone,
  type ProactiveGreetingInput,
  proactiveGreeting,
  withGreetingDismissed,
  withGreetingShown,
} from '../../../bot/greeting/proactive-greeting.ts';
import type { ConversationState } from '../../../bot/respond.ts';
import { jst, SHOP_CALENDAR } from '../calendar/fixtures.ts';

/** The state of a new conversation. */
const FRESH: ConversationState = { misses: 0 };

/** A fresh conversation in Japanese on the demo calendar at a Tokyo wall-clock time. */
function input(local: string, overrides: Partial<ProactiveGreetingInput> = {}): ProactiveGreetingInput {
  return {
    now: jst(local),
    calendar: SHOP_CALENDAR,
    locale: 'ja',
    state: {},
    shopperHasWritten: false,
    ...overrides,
  };
}

describe('proactiveGreeting', () => {
  test('thanks a late-night shopper and says the bot answers now and when staff are back', () => {
    // Tuesday 23:40: closed since 18:00, open again on Wednesday at 10:00.
    expect(proactiveGreeting(input('2026-11-24T23:40'))).toEqual({
      text: '遅くまでお疲れさまです。ただいま営業時間外ですが、チャットの自動応答ならいますぐお答えします。スタッフは11月25日(水) 10:00から対応します。',
      dayPart: 'late-night',
      open: false,
    });
  });

  test('says good morning before opening and names the hour later today', () => {
    expect(proactiveGreeting(input('2026-11-24T09:00'))).toEqual({
      text: 'おはようございます。ただいま営業時間外ですが、チャットの自動応答ならいますぐお答えします。スタッフは本日10:00から対応します。',
      dayPart: 'morning',
      open: false,
    });
  });

  test('invites questions during opening hours', () => {
    expect(proactiveGreeting(input('2026-11-24T14:00'))).toEqual({
      text: 'こんにちは。ご不明な点はありませんか？ 定期便・お届け・お支払いのことなど、チャットでお気軽にどうぞ。',
      dayPart: 'daytime',
      open: true,
    });
  });

  test('on a national holiday says staff are back on the next business day', () => {
    // Monday 2026-11-23 is 勤労感謝の日: closed all day although Mondays are open.
    const greeting = proactiveGreeting(input('2026-11-23T14:00'));
    expect(greeting?.open).toBe(false);
    expect(greeting?.text).toBe(
      'こんにちは。ただいま営業時間外ですが、チャットの自動応答ならいますぐお答えします。スタッフは11月24日(火) 10:00から対応します。',
    );
  });

  test('speaks English to an English shopper', () => {
    expect(proactiveGreeting(input('2026-11-24T23:40', { locale: 'en' }))?.text).toBe(
      "Thank you for stopping by so late. We're closed right now, but I can answer your questions straight away. Our staff are back Wed, Nov 25, 10:00.",
    );
    expect(proactiveGreeting(input('2026-11-24T19:00', { locale: 'en' }))?.text).toBe(
      "Good evening! We're closed right now, but I can answer your questions straight away. Our staff are back Wed, Nov 25, 10:00.",
    );
  });

  test('names no time when the calendar never opens', () => {
    const never = {
      ...SHOP_CALENDAR,
      hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      specialDays: [],
    };
    expect(proactiveGreeting(input('2026-11-24T14:00', { calendar: never }))?.text).toBe(
      'こんにちは。ただいま営業時間外ですが、チャットの自動応答ならいますぐお答えします。',
    );
  });

  test('is not offered again once shown', () => {
    const shown = withGreetingShown(FRESH, jst('2026-11-24T23:40'));
    expect(shown).toEqual({ misses: 0, greeting: { shownAt: '2026-11-24T14:40:00.000Z' } });
    expect(proactiveGreeting(input('2026-11-25T09:00', { state: shown }))).toBeUndefined();
  });

  test('is not offered again once dismissed', () => {
    const dismissed = withGreetingDismissed(FRESH, jst('2026-11-24T23:41'));
    expect(greetingDone(dismissed)).toBe(true);
    expect(proactiveGreeting(input('2026-11-25T09:00', { state: dismissed }))).toBeUndefined();
  });

  test('is not offered to a shopper who has already written', () => {
    expect(proactiveGreeting(input('2026-11-24T14:00', { shopperHasWritten: true }))).toBeUndefined();
  });

  test('follows the shop time zone, not the server clock', () => {
    // 23:40 in Tokyo is 14:40 UTC: still late night for a Tokyo shop.
    expect(proactiveGreeting(input('2026-11-24T23:40'))?.dayPart).toBe('late-night');
    const london = { ...SHOP_CALENDAR, timeZone: 'Europe/London' };
    expect(proactiveGreeting(input('2026-11-24T23:40', { calendar: london }))?.dayPart).toBe('daytime');
  });
});

describe('dayPartAt', () => {
  test.each([
    { time: '00:00', part: 'late-night' },
    { time: '04:59', part: 'late-night' },
    { time: '05:00', part: 'morning' },
    { time: '10:59', part: 'morning' },
    { time: '11:00', part: 'daytime' },
    { time: '17:59', part: 'daytime' },
    { time: '18:00', part: 'evening' },
    { time: '21:59', part: 'evening' },
    { time: '22:00', part: 'late-night' },
    { time: '23:59', part: 'late-night' },
  ])('$time is $part', ({ time, part }) => {
    const [hours, minutes] = time.split(':').map(Number);
    expect(dayPartAt(hours! * 3600 + minutes! * 60)).toBe(part);
  });
});

describe('shopStatus', () => {
  test('is open without a next opening during opening hours', () => {
    expect(shopStatus(SHOP_CALENDAR, jst('2026-11-24T14:00'))).toEqual({ open: true, nextOpening: null });
  });

  test('is closed with the next opening at night and on a holiday', () => {
    expect(shopStatus(SHOP_CALENDAR, jst('2026-11-24T23:40'))).toEqual({
      open: false,
      nextOpening: jst('2026-11-25T10:00'),
    });
    expect(shopStatus(SHOP_CALENDAR, jst('2026-11-23T14:00')).nextOpening).toEqual(jst('2026-11-24T10:00'));
  });
});
