/**
 * Formatting shared by the flows: short dates with the weekday (「11月25日(水)」 / "Wed, Nov 25"),
 * delivery intervals (「2ヶ月ごと」 / "every 2 months") and shopper text quoted in markdown. Pure.
 */
import type { LocalDate } from '../calendar/zoned-time.ts';
import type { Interval } from '../entities/slot-values.ts';
import { message } from '../i18n/messages.ts';
import type { Locale } from '../nlu/types.ts';

/** The parameters every date message takes: month, day, and the weekday and month names in `locale`. */
export function dateParams(date: LocalDate, locale: Locale) {
  return {
    month: date.month,
    day: date.day,
    weekday: message(locale, 'weekdayNames').split(',')[date.weekday] ?? '',
    monthName: message(locale, 'monthNames').split(',')[date.month - 1] ?? '',
  };
}

/** `11月25日(水)` / `Wed, Nov 25`. */
export function formatShortDate(date: LocalDate, locale: Locale): string {
  return message(locale, 'shortDate', dateParams(date, locale));
}

/** `2ヶ月ごと` / `every 2 months`. */
export function formatInterval(interval: Interval, locale: Locale): string {
  const key =
    interval.unit === 'month'
      ? 'intervalMonths'
      : interval.unit === 'week'
        ? 'intervalWeeks'
        : 'intervalDays';
  return message(locale, key, { count: interval.count });
}

/** Shopper text quoted in bot markdown: ASCII markdown punctuation escaped, so it stays text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/gu, (c) => `\\${c}`);
}
