import { describe, expect, test } from 'vitest';
import {
  addOpenMinutes,
  type BusinessCalendar,
  isOpen,
  nextOpening,
  scheduleOn,
} from '../../../bot/calendar/business-calendar.ts';
import { jst, SHOP_CALENDAR } from './fixtures.ts';

describe('isOpen', () => {
  test.each([
    { name: 'at the first minute of the morning span', at: '2026-11-24T10:00', open: true },
    { name: 'one second before opening', at: '2026-11-24T09:59:59', open: false },
    { name: 'at the start of the lunch break', at: '2026-11-24T12:00', open: false },
    { name: 'at the end of the lunch break', at: '2026-11-24T13:00', open: true },
    { name: 'one second before closing', at: '2026-11-24T17:59:59', open: true },
    { name: 'at closing time', at: '2026-11-24T18:00', open: false },
    { name: 'at midnight', at: '2026-11-25T00:00', open: false },
    { name: 'on a Saturday', at: '2026-11-21T11:00', open: false },
    { name: 'on a national holiday (勤労感謝の日)', at: '2026-11-23T11:00', open: false },
    { name: 'on a substitute holiday (振替休日)', at: '2026-05-06T11:00', open: false },
    { name: 'during 年末年始 before the year end', at: '2026-12-30T11:00', open: false },
    { name: 'during 年末年始 after the year end', at: '2027-01-02T11:00', open: false },
    { name: 'on the first business day of the year', at: '2027-01-04T11:00', open: true },
    { name: 'during お盆', at: '2026-08-14T11:00', open: false },
    { name: 'on a one-off closure (臨時休業)', at: '2026-12-07T11:00', open: false },
    { name: 'on a special Saturday', at: '2026-12-26T14:59', open: true },
    { name: 'after a special day closes early', at: '2026-12-26T15:00', open: false },
  ])('$name: open=$open', ({ at, open }) => {
    expect(isOpen(SHOP_CALENDAR, jst(at))).toBe(open);
  });

  test('reads the shop zone, not UTC: 01:00 UTC is 10:00 in Tokyo', () => {
    expect(isOpen(SHOP_CALENDAR, new Date('2026-11-24T01:00:00Z'))).toBe(true);
    expect(isOpen(SHOP_CALENDAR, new Date('2026-11-24T00:59:59Z'))).toBe(false);
  });

  test('a special day wins over a national holiday', () => {
    const calendar: BusinessCalendar = {
      ...SHOP_CALENDAR,
      specialDays: [{ date: '2026-11-23', hours: ['10:00-12:00'] }],
    };
    expect(isOpen(calendar, jst('2026-11-23T11:00'))).toBe(true);
  });

  test('holidays count as ordinary days when the shop opens on them', () => {
    expect(isOpen({ ...SHOP_CALENDAR, closedOnNationalHolidays: false }, jst('2026-11-23T11:00'))).toBe(true);
  });

  test('a span ending at 24:00 is open until midnight', () => {
    const calendar: BusinessCalendar = {
      ...SHOP_CALENDAR,
      hours: { ...SHOP_CALENDAR.hours, tue: ['20:00-24:00'] },
    };
    expect(isOpen(calendar, jst('2026-11-24T23:59:59'))).toBe(true);
    expect(isOpen(calendar, jst('2026-11-25T00:00'))).toBe(false);
  });
});

describe('nextOpening', () => {
  test.each([
    { name: 'before opening: later the same morning', at: '2026-11-24T08:00', next: '2026-11-24T10:00' },
    { name: 'in the lunch break: after lunch', at: '2026-11-24T12:30', next: '2026-11-24T13:00' },
    { name: 'on a weekday evening: the next morning', at: '2026-11-24T20:00', next: '2026-11-25T10:00' },
    { name: 'at exactly midnight: that morning', at: '2026-11-25T00:00', next: '2026-11-25T10:00' },
    {
      name: 'a second before midnight on Friday: Monday',
      at: '2026-11-27T23:59:59',
      next: '2026-11-30T10:00',
    },
    {
      name: 'on a Saturday before a holiday Monday: Tuesday',
      at: '2026-11-21T11:00',
      next: '2026-11-24T10:00',
    },
    { name: 'on a national holiday: the next day', at: '2026-11-23T15:00', next: '2026-11-24T10:00' },
    {
      name: 'before 年末年始: the first business day of January',
      at: '2026-12-28T18:30',
      next: '2027-01-04T10:00',
    },
    { name: 'on New Year’s Day: the first business day', at: '2027-01-01T09:00', next: '2027-01-04T10:00' },
    { name: 'before a one-off closure: the day after it', at: '2026-12-06T12:00', next: '2026-12-08T10:00' },
    { name: 'before a special Saturday: that Saturday', at: '2026-12-25T19:00', next: '2026-12-26T10:00' },
  ])('$name', ({ at, next }) => {
    expect(nextOpening(SHOP_CALENDAR, jst(at))?.at).toEqual(jst(next));
  });

  test('while open it is now', () => {
    const now = jst('2026-11-24T15:42:10');
    expect(nextOpening(SHOP_CALENDAR, now)).toEqual({
      at: now,
      date: { year: 2026, month: 11, day: 24, weekday: 2 },
      minutes: 15 * 60 + 42,
    });
  });

  test('gives the local date, weekday and minutes of the opening', () => {
    expect(nextOpening(SHOP_CALENDAR, jst('2026-11-21T11:00'))).toMatchObject({
      date: { year: 2026, month: 11, day: 24, weekday: 2 },
      minutes: 600,
    });
  });

  test('is undefined when the calendar never opens', () => {
    const never: BusinessCalendar = {
      ...SHOP_CALENDAR,
      hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      specialDays: [],
    };
    expect(nextOpening(never, jst('2026-11-24T10:00'))).toBeUndefined();
  });

  test('works in a zone with daylight saving time', () => {
    const berlin: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      hours: { mon: ['09:00-17:00'], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      closedOnNationalHolidays: false,
      closures: [],
      specialDays: [],
    };
    // Clocks went forward on Sunday 2026-03-29: Monday 09:00 is CEST (UTC+2).
    expect(nextOpening(berlin, new Date('2026-03-28T12:00:00Z'))?.at).toEqual(
      new Date('2026-03-30T07:00:00Z'),
    );
  });
});

describe('addOpenMinutes', () => {
  test.each([
    { name: 'inside one span', from: '2026-11-24T15:00', minutes: 120, due: '2026-11-24T17:00' },
    { name: 'across the lunch break', from: '2026-11-24T11:30', minutes: 120, due: '2026-11-24T14:30' },
    { name: 'from Friday 17:55 to Monday', from: '2026-11-27T17:55', minutes: 120, due: '2026-11-30T11:55' },
    { name: 'from a closed evening', from: '2026-11-24T20:00', minutes: 30, due: '2026-11-25T10:30' },
    { name: 'over 年末年始', from: '2026-12-28T17:00', minutes: 120, due: '2027-01-04T11:00' },
    { name: 'to the last open minute', from: '2026-11-24T17:00', minutes: 60, due: '2026-11-24T18:00' },
  ])('counts only opening hours: $name', ({ from, minutes, due }) => {
    expect(addOpenMinutes(SHOP_CALENDAR, jst(from), minutes)?.at).toEqual(jst(due));
  });

  test('rounds a due time with seconds up to the minute', () => {
    const due = addOpenMinutes(SHOP_CALENDAR, jst('2026-11-24T15:00:30'), 10);
    expect(due).toMatchObject({ at: jst('2026-11-24T15:11'), minutes: 15 * 60 + 11 });
  });

  test('is undefined when the calendar never opens', () => {
    const never = {
      ...SHOP_CALENDAR,
      hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    };
    expect(addOpenMinutes({ ...never, specialDays: [] }, jst('2026-11-24T11:00'), 60)).toBeUndefined();
  });
});

describe('scheduleOn', () => {
  test.each([
    {
      name: 'a weekday',
      date: { year: 2026, month: 11, day: 24, weekday: 2 },
      kind: 'weekly',
      label: undefined,
    },
    {
      name: 'a national holiday',
      date: { year: 2026, month: 11, day: 23, weekday: 1 },
      kind: 'holiday',
      label: '勤労感謝の日',
    },
    {
      name: 'a closure',
      date: { year: 2026, month: 12, day: 31, weekday: 4 },
      kind: 'closure',
      label: '年末年始',
    },
    {
      name: 'a special day',
      date: { year: 2026, month: 12, day: 26, weekday: 6 },
      kind: 'special',
      label: '年末特別営業',
    },
  ])('names why $name has its hours', ({ date, kind, label }) => {
    const schedule = scheduleOn(SHOP_CALENDAR, date);
    expect(schedule.kind).toBe(kind);
    expect(schedule.name).toBe(label);
  });
});
