/** The console's translation tables and the locale choice (the browser's language; Japanese by default). */
import { en } from './en.ts';
import { ja, type Translation } from './ja.ts';

/** Locales the console speaks. */
export const CONSOLE_LOCALES = ['ja', 'en'] as const;
/** One of CONSOLE_LOCALES. */
export type ConsoleLocale = (typeof CONSOLE_LOCALES)[number];

/** Every table, by locale. */
export const TRANSLATIONS: Record<ConsoleLocale, Translation> = { ja, en };

/** The console's locale for a BCP 47 tag (`navigator.language`): English for `en-*`, else Japanese. */
export function consoleLocale(tag: string | null | undefined): ConsoleLocale {
  const base = tag?.trim().toLowerCase().split(/[-_]/u)[0];
  return CONSOLE_LOCALES.find((l) => l === base) ?? 'ja';
}

export type { Translation };
