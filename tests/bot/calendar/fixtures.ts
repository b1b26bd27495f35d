/**
 * The demo shop's calendar (as in shop.yaml) plus a one-off closure and a special day, and a helper for
 * Japan wall-clock instants, shared by the calendar and handoff tests.
 */
import type { BusinessCalendar } from '../../../bot/calendar/business-calendar.ts';

const WEEKDAY_HOURS = ['10:00-12:00', '13:00-18:00'];

/** Weekdays 10–18 with a lunch break; holidays, 年末年始 and お盆 closed; one 臨時休業; one Saturday open. */
export const SHOP_CALENDAR: BusinessCalendar = {
  timeZone: 'Asia/Tokyo',
  hours: {
    mon: WEEKDAY_HOURS,
    tue: WEEKDAY_HOURS,
    wed: WEEKDAY_HOURS,
    thu: WEEKDAY_HOURS,
    fri: WEEKDAY_HOURS,
    sat: [],
    sun: [],
  },
  closedOnNationalHolidays: true,
  closures: [
    { from: '12-29', to: '01-03', name: '年末年始' },
    { from: '08-13', to: '08-16', name: 'お盆' },
    { from: '2026-12-07', to: '2026-12-07', name: '臨時休業' },
  ],
  specialDays: [{ date: '2026-12-26', hours: ['10:00-15:00'], name: '年末特別営業' }],
};

/** The instant a Japanese wall clock shows `local` (`2026-11-24T20:00` or with seconds). */
export function jst(local: string): Date {
  return new Date(`${local.length === 16 ? `${local}:00` : local}+09:00`);
}
