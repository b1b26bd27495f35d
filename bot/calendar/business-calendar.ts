/**
 * The shop's business calendar: weekly opening hours (several spans a day, for lunch breaks), Japanese
 * national holidays, the shop's own closures (年末年始, お盆, 臨時休業) and special days. Pure functions of
 * the calendar and an instant; the server passes the clock in.
 *
 * Precedence for one local date: a special day's hours, else closed during a closure, else closed on a
 * national holiday (when configured), else the weekly hours.
 */
import holidayJp from '@holiday-jp/holiday_jp';
import { addDays, fromLocal, type LocalDate, toLocal } from './zoned-time.ts';

/** Weekday keys, index = `Date#getUTCDay()` (0 = Sunday). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A closed period: `MM-DD` dates recur every year (`12-29`…`01-03` wraps), `YYYY-MM-DD` dates happen once. */
export interface Closure {
  /** First closed day, inclusive. */
  from: string;
  /** Last closed day, inclusive; the same form as `from`. */
  to: string;
  /** For people reading the config and the logs (年末年始). */
  name?: string;
}

/** A date with its own hours (open on a holiday, short hours); empty `hours` closes the day. */
export interface SpecialDay {
  /** `YYYY-MM-DD`. */
  date: string;
  /** `HH:MM-HH:MM` spans, as in the weekly hours. */
  hours: string[];
  name?: string;
}

/** The calendar as the shop config gives it. */
export interface BusinessCalendar {
  /** IANA zone of every time in this calendar (default Asia/Tokyo). */
  timeZone: string;
  /**
   * Opening spans per weekday, `HH:MM-HH:MM` local time, start inclusive and end exclusive; `24:00` ends
   * at midnight. A span cannot cross midnight: split it over two days.
   */
  hours: Record<Weekday, string[]>;
  /** Closed on Japanese national holidays (祝日, 振替休日, 国民の休日; data from @holiday-jp/holiday_jp to 2050). */
  closedOnNationalHolidays: boolean;
  closures: Closure[];
  specialDays: SpecialDay[];
}

/** Why a day is closed or open. */
export type DayKind = 'weekly' | 'special' | 'closure' | 'holiday';

/** The opening hours of one local date. */
export interface DaySchedule {
  kind: DayKind;
  /** Minutes after local midnight, `[start, end)`, sorted; empty when closed all day. */
  spans: [number, number][];
  /** The closure, special day or holiday name, when `kind` is not `weekly`. */
  name?: string;
}

/** When the shop next opens, as an instant and as the shop's wall clock shows it. */
export interface Opening {
  at: Date;
  date: LocalDate;
  /** Minutes after local midnight. */
  minutes: number;
}

/** How far ahead `nextOpening` looks before giving up (a calendar with no hours at all). */
export const MAX_LOOKAHEAD_DAYS = 800;

const SPAN_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]|24):([0-5]\d)$/u;
const HOLIDAYS = holidayJp.holidays as Record<string, { name: string }>;

/** `HH:MM-HH:MM` → minutes; undefined when malformed, empty or reversed (validation reports it). */
export function parseSpan(span: string): [number, number] | undefined {
  const m = SPAN_PATTERN.exec(span);
  if (!m) return undefined;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  return start < end && end <= 24 * 60 ? [start, end] : undefined;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD` of a local date. */
export function isoDate(date: Pick<LocalDate, 'year' | 'month' | 'day'>): string {
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** True when `date` lies in the closure. */
function inClosure(closure: Closure, date: LocalDate): boolean {
  if (closure.from.length === 10) {
    const iso = isoDate(date);
    return closure.from <= iso && iso <= closure.to;
  }
  const md = `${pad(date.month)}-${pad(date.day)}`;
  // A recurring range that wraps the year end (12-29 … 01-03) is two ranges.
  return closure.from <= closure.to
    ? closure.from <= md && md <= closure.to
    : md >= closure.from || md <= closure.to;
}

function spans(list: readonly string[]): [number, number][] {
  return list
    .map(parseSpan)
    .filter((s): s is [number, number] => s !== undefined)
    .sort((a, b) => a[0] - b[0]);
}

/** The opening hours of one local date, with the reason they differ from the weekly ones. */
export function scheduleOn(calendar: BusinessCalendar, date: LocalDate): DaySchedule {
  const iso = isoDate(date);
  const special = calendar.specialDays.find((d) => d.date === iso);
  if (special) return { kind: 'special', spans: spans(special.hours), ...named(special.name) };
  const closure = calendar.closures.find((c) => inClosure(c, date));
  if (closure) return { kind: 'closure', spans: [], ...named(closure.name) };
  const holiday = calendar.closedOnNationalHolidays ? HOLIDAYS[iso] : undefined;
  if (holiday) return { kind: 'holiday', spans: [], name: holiday.name };
  return { kind: 'weekly', spans: spans(calendar.hours[WEEKDAYS[date.weekday]!]) };
}

function named(name: string | undefined): { name?: string } {
  return name === undefined ? {} : { name };
}

/** True when the shop is open at `now`. */
export function isOpen(calendar: BusinessCalendar, now: Date): boolean {
  const local = toLocal(now, calendar.timeZone);
  return scheduleOn(calendar, local).spans.some(
    ([s, e]) => local.seconds >= s * 60 && local.seconds < e * 60,
  );
}

/**
 * The first moment at or after `now` when the shop is open: `now` itself while open, else the start of
 * the next opening span (later today after a lunch break, or a later day). Undefined when the calendar
 * has no opening within MAX_LOOKAHEAD_DAYS.
 */
export function nextOpening(calendar: BusinessCalendar, now: Date): Opening | undefined {
  const local = toLocal(now, calendar.timeZone);
  const today: LocalDate = { year: local.year, month: local.month, day: local.day, weekday: local.weekday };
  for (let offset = 0; offset <= MAX_LOOKAHEAD_DAYS; offset++) {
    const date = addDays(today, offset);
    for (const [start, end] of scheduleOn(calendar, date).spans) {
      if (offset === 0 && local.seconds >= end * 60) continue;
      if (offset === 0 && local.seconds >= start * 60) {
        return { at: now, date, minutes: Math.floor(local.seconds / 60) };
      }
      return { at: fromLocal(date, start, calendar.timeZone), date, minutes: start };
    }
  }
  return undefined;
}

/**
 * The moment `minutes` of opening hours after `now` have passed, counting only open time (a lunch
 * break, the evening, weekends and closures do not count): when a reply promised "within 2 hours of
 * opening hours" is due. `now` may be outside the hours (counting starts at the next opening). Undefined
 * when the calendar has too few hours within MAX_LOOKAHEAD_DAYS.
 */
export function addOpenMinutes(calendar: BusinessCalendar, now: Date, minutes: number): Opening | undefined {
  const local = toLocal(now, calendar.timeZone);
  const today: LocalDate = { year: local.year, month: local.month, day: local.day, weekday: local.weekday };
  const nowMinute = local.seconds / 60;
  let left = minutes;
  for (let offset = 0; offset <= MAX_LOOKAHEAD_DAYS; offset++) {
    const date = addDays(today, offset);
    for (const [start, end] of scheduleOn(calendar, date).spans) {
      const from = offset === 0 ? Math.max(start, nowMinute) : start;
      if (from >= end) continue;
      if (from + left <= end) {
        const due = from + left;
        const whole = Math.ceil(due);
        return { at: fromLocal(date, whole, calendar.timeZone), date, minutes: whole };
      }
      left -= end - from;
    }
  }
  return undefined;
}
