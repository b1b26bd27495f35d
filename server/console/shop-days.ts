/**
 * Calendar days and hours in the shop's time zone for the console's filters and reports: a shop runs its
 * numbers on its own clock, so a message at 00:30 in Tokyo (15:30 UTC the day before) belongs to the
 * next day and to hour 00 — the night matters. Pure; the zone is always passed in.
 */
import { addDays, fromLocal, toLocal } from '../../bot/calendar/zoned-time.ts';

/** A day as `YYYY-MM-DD`. */
export type DayKey = string;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function parseDay(day: DayKey): { year: number; month: number; day: number } {
  const [year, month, date] = day.split('-').map(Number);
  return { year: year!, month: month!, day: date! };
}

/** True for a real calendar date written as YYYY-MM-DD (rejects 2026-02-30). */
export function isValidDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(day)) return false;
  const { year, month, day: date } = parseDay(day);
  const d = new Date(Date.UTC(year, month - 1, date));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === date;
}

/** The shop-time day of an instant. */
export function dayOf(instant: Date, timeZone: string): DayKey {
  const l = toLocal(instant, timeZone);
  return `${l.year}-${pad(l.month)}-${pad(l.day)}`;
}

/** The shop-time hour of day of an instant, "00"–"23". */
export function hourOf(instant: Date, timeZone: string): string {
  return pad(Math.floor(toLocal(instant, timeZone).seconds / 3600));
}

/** The day `days` after (or before) a day. */
export function shiftDay(day: DayKey, days: number): DayKey {
  const d = addDays({ ...parseDay(day), weekday: 0 }, days);
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** Number of days from `from` to `to`, both included (0 or less when `to` is before `from`). */
export function daysInRange(from: DayKey, to: DayKey): number {
  const a = parseDay(from);
  const b = parseDay(to);
  return (
    Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000) + 1
  );
}

/** Every day from `from` to `to`, both included. */
export function eachDay(from: DayKey, to: DayKey): DayKey[] {
  const days: DayKey[] = [];
  for (let i = 0; i < daysInRange(from, to); i++) days.push(shiftDay(from, i));
  return days;
}

/** The instants that bound shop-time days `from`…`to` (both included): `start` inclusive, `end` exclusive. */
export function instantRange(from: DayKey, to: DayKey, timeZone: string): { start: Date; end: Date } {
  return {
    start: fromLocal(parseDay(from), 0, timeZone),
    end: fromLocal(parseDay(shiftDay(to, 1)), 0, timeZone),
  };
}
