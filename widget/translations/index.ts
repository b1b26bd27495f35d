/** The translation tables and the locale choice (attribute → page → browser → Japanese). */
import { en } from './en.ts';
import { ja, type Translation } from './ja.ts';

/** Locales the widget (and the server) speak. */
const WIDGET_LOCALES = ['ja', 'en'] as const;
/** One of WIDGET_LOCALES. */
export type WidgetLocale = (typeof WIDGET_LOCALES)[number];

/** Every table, by locale. */
export const TRANSLATIONS: Record<WidgetLocale, Translation> = { ja, en };

/** Maps a BCP 47 tag (`ja-JP`, `en-GB`) to a widget locale, or undefined when we don't speak it. */
export function matchLocale(tag: string | null | undefined): WidgetLocale | undefined {
  const base = tag?.trim().toLowerCase().split(/[-_]/u)[0];
  return WIDGET_LOCALES.find((l) => l === base);
}

/**
 * The locale to use: the first supported of the explicit choice, the page's `<html lang>`, then the
 * browser's languages; Japanese when none matches (the shops are Japanese).
 */
export function resolveLocale(
  candidates: readonly (string | null | undefined)[],
  browserLanguages: readonly string[],
): WidgetLocale {
  for (const tag of [...candidates, ...browserLanguages]) {
    const locale = matchLocale(tag);
    if (locale) return locale;
  }
  return 'ja';
}

export type { Translation };
