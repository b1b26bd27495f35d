/**
 * Shipping and delivery dates from the shop's calendar: an order placed before the cut-off on a shipping
 * day ships that day, otherwise on the next shipping day (weekends, national holidays and the shop's
 * closures such as 年末年始 are skipped). Delivery adds the prefecture's lead time in calendar days
 * (carriers deliver every day). Pure: the instant is passed in.
 */
import { type BusinessCalendar, scheduleOn } from '../calendar/business-calendar.ts';
import { addDays, type LocalDate, toLocal } from '../calendar/zoned-time.ts';

/** How far ahead to look for a shipping day before giving up (a calendar that never opens). */
const MAX_SEARCH_DAYS = 60;

/** True when the shop ships on this date (the calendar has opening hours that day). */
export function isShippingDay(calendar: BusinessCalendar, date: LocalDate): boolean {
  return scheduleOn(calendar, date).spans.length > 0;
}

/** `HH:MM` → minutes after midnight. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** When an order placed at `now` ships; undefined when no shipping day comes within 60 days. */
export function shipDate(calendar: BusinessCalendar, cutoffTime: string, now: Date): LocalDate | undefined {
  const local = toLocal(now, calendar.timeZone);
  const today: LocalDate = { year: local.year, month: local.month, day: local.day, weekday: local.weekday };
  const beforeCutoff = local.seconds < minutesOf(cutoffTime) * 60;
  for (let offset = beforeCutoff ? 0 : 1; offset <= MAX_SEARCH_DAYS; offset++) {
    const date = addDays(today, offset);
    if (isShippingDay(calendar, date)) return date;
  }
  return undefined;
}

/** The delivery date: `ship` plus the lead days for the prefecture code (1–47). */
export function deliveryDate(
  ship: LocalDate,
  leadDays: { default: number; prefectures: Record<string, number> },
  prefectureCode: number,
): LocalDate {
  return addDays(ship, leadDays.prefectures[String(prefectureCode)] ?? leadDays.default);
}
