import { describe, expect, test } from 'vitest';
import type { BusinessCalendar } from '../../../bot/calendar/business-calendar.ts';
import { validateCalendar } from '../../../bot/calendar/validate-calendar.ts';
import { SHOP_CALENDAR } from './fixtures.ts';

describe('validateCalendar', () => {
  test('accepts the demo calendar', () => {
    expect(validateCalendar(SHOP_CALENDAR)).toEqual([]);
  });

  test.each([
    {
      name: 'an unknown time zone',
      patch: { timeZone: 'Asia/Tokio' },
      path: '/timeZone',
    },
    {
      name: 'a span that ends before it starts',
      patch: { hours: { ...SHOP_CALENDAR.hours, mon: ['18:00-10:00'] } },
      path: '/hours/mon/0',
    },
    {
      name: 'overlapping spans',
      patch: { hours: { ...SHOP_CALENDAR.hours, tue: ['10:00-13:00', '12:00-18:00'] } },
      path: '/hours/tue',
    },
    {
      name: 'a closure mixing MM-DD and YYYY-MM-DD',
      patch: { closures: [{ from: '12-29', to: '2027-01-03' }] },
      path: '/closures/0',
    },
    {
      name: 'a closure on a date that does not exist',
      patch: { closures: [{ from: '02-30', to: '03-01' }] },
      path: '/closures/0',
    },
    {
      name: 'a one-off closure that ends before it starts',
      patch: { closures: [{ from: '2026-12-08', to: '2026-12-07' }] },
      path: '/closures/0/to',
    },
    {
      name: 'a special day that is not a date',
      patch: { specialDays: [{ date: '2026-13-01', hours: [] }] },
      path: '/specialDays/0/date',
    },
  ])('reports $name at $path', ({ patch, path }) => {
    const calendar = { ...SHOP_CALENDAR, ...patch } as BusinessCalendar;
    expect(validateCalendar(calendar).map((p) => p.path)).toContain(path);
  });
});
