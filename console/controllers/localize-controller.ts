/**
 * Localisation as a reactive controller (Shoelace's pattern): a component asks `term('key', …args)`.
 * Staff see Japanese unless their browser's language is English (navigator.language).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type ConsoleLocale, consoleLocale, TRANSLATIONS, type Translation } from '../translations/index.ts';

/** Terms are strings, or functions of their parameters (counts, names). */
export type TermArgs<K extends keyof Translation> = Translation[K] extends (...args: infer A) => string
  ? A
  : [];

/** Gives a component its locale, typed terms and number and date formats. */
export class LocalizeController implements ReactiveController {
  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The locale in force (from the browser's language; Japanese by default). */
  get locale(): ConsoleLocale {
    return consoleLocale(typeof navigator === 'undefined' ? undefined : navigator.language);
  }

  /** The translation of `key` in the current locale. */
  term<K extends keyof Translation>(key: K, ...args: TermArgs<K>): string {
    const value = TRANSLATIONS[this.locale][key] as string | ((...a: unknown[]) => string);
    return typeof value === 'function' ? value(...args) : value;
  }

  /** The sentence for an error code (`error_<CODE>` in the table), or undefined for a code it lacks. */
  errorTerm(code: string): string | undefined {
    const value: unknown = (TRANSLATIONS[this.locale] as Record<string, unknown>)[`error_${code}`];
    return typeof value === 'string' ? value : undefined;
  }

  /** A date and time in the browser's zone (`2026/11/23 23:41`). */
  dateTime(iso: string | null | undefined): string {
    if (!iso) return '—';
    return new Intl.DateTimeFormat(this.locale, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(iso));
  }

  /** A share 0–1 as a percentage with one decimal (`87.5%`). */
  percent(share: number | null | undefined): string {
    if (share === null || share === undefined || Number.isNaN(share)) return '—';
    return new Intl.NumberFormat(this.locale, {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    }).format(share);
  }

  /**
   * A model score as a whole percentage (`87%`). Scores are estimates in 0–1, but some paths (a flow's
   * fixed confidence, older rows) store more than 1: shown clamped to 0–100 %, never above.
   */
  score(score: number | null | undefined): string {
    if (score === null || score === undefined || Number.isNaN(score)) return '—';
    return new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: 0 }).format(
      Math.min(1, Math.max(0, score)),
    );
  }

  /** A count with grouping (`1,234`). */
  count(n: number): string {
    return new Intl.NumberFormat(this.locale).format(n);
  }
}
