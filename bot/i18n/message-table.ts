/**
 * A typed table of bot sentences, Japanese first and English second. The shared table (messages.ts) and
 * each flow's own sentences (`bot/flows/*-messages.ts`) are built with it: a key missing in one language
 * is a type error, and `{{name}}` parameters are filled the same way everywhere.
 */
import type { Locale } from '../locale.ts';

/** The sentences of one table in both languages, key by key. */
export type MessageTables<K extends string> = Record<Locale, Record<K, string>>;

/** A sentence of the table in a locale, with {{name}} parameters filled (a missing one becomes ''). */
export type MessageOf<K extends string> = (
  locale: Locale,
  key: K,
  params?: Record<string, string | number>,
) => string;

/** Fills the {{name}} parameters of a template. */
export function fillMessage(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/gu, (_, name: string) => String(params[name] ?? ''));
}

/** The lookup function of a table. */
export function messageTable<K extends string>(tables: MessageTables<K>): MessageOf<K> {
  return (locale, key, params = {}) => fillMessage(tables[locale][key], params);
}
