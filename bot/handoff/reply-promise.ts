/**
 * What the shopper is told about when a reply will come: during opening hours the shop's promise
 * (「2時間以内を目安にご返信します」), when closed the next opening from the calendar
 * (「翌営業日（11月24日 火曜）10時以降にご返信します」). Pure.
 */
import { type BusinessCalendar, isOpen, nextOpening } from '../calendar/business-calendar.ts';
import { type LocalDate, toLocal } from '../calendar/zoned-time.ts';
import { dateParams } from '../flows/format.ts';
import { message } from '../i18n/messages.ts';
import type { Locale } from '../nlu/types.ts';

/** The promise and the facts behind it (the mail and the reply frame carry them too). */
export interface ReplyPromise {
  /** The shop was open at the handoff. */
  open: boolean;
  /** When closed: the next opening; null while open or when the calendar never opens. */
  nextOpening: Date | null;
  /** The sentence for the shopper. */
  text: string;
}

/** `11月24日 火曜` / `Tue, Nov 24`. */
export function formatLocalDate(date: LocalDate, locale: Locale): string {
  return message(locale, 'dateWithWeekday', dateParams(date, locale));
}

/** `10時` / `10時30分` / `10:00` for minutes after midnight. */
export function formatLocalTime(minutes: number, locale: Locale): string {
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  return minute === 0
    ? message(locale, 'timeOnTheHour', { hour })
    : message(locale, 'timeWithMinutes', { hour, minute: String(minute).padStart(2, '0') });
}

/** The reply promise at `now`; `promise` is the shop's in-hours wording (「2時間以内」, "within 2 hours"). */
export function replyPromise(
  calendar: BusinessCalendar,
  promise: Record<Locale, string>,
  now: Date,
  locale: Locale,
): ReplyPromise {
  if (isOpen(calendar, now)) {
    return {
      open: true,
      nextOpening: null,
      text: message(locale, 'handoffPromiseOpen', { promise: promise[locale] }),
    };
  }
  const opening = nextOpening(calendar, now);
  if (!opening) return { open: false, nextOpening: null, text: message(locale, 'handoffPromiseUnknown') };
  const today = toLocal(now, calendar.timeZone);
  const time = formatLocalTime(opening.minutes, locale);
  const sameDay =
    today.year === opening.date.year && today.month === opening.date.month && today.day === opening.date.day;
  const text = sameDay
    ? message(locale, 'handoffPromiseLaterToday', { time })
    : message(locale, 'handoffPromiseNextDay', { time, date: formatLocalDate(opening.date, locale) });
  return { open: false, nextOpening: opening.at, text };
}
