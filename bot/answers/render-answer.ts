/**
 * Fills {{placeholders}} in corpus answers from the shop config, formatted for the locale.
 */
import type { Locale } from '../nlu/types.ts';

/** The shop facts answers may use; the server maps its shop config onto this (bot/ never reads files). */
export interface ShopFacts {
  name: Record<Locale, string>;
  supportEmail: string;
  supportPhone: string;
  supportHours: Record<Locale, string>;
  myPageUrl: string;
  cutoffTime: string;
  shippingFee: number;
  freeShippingThreshold: number;
  codFee: number;
  carrier: Record<Locale, string>;
  returnDays: number;
  changeDeadlineDays: number;
}

/** Every placeholder an answer may use (corpus:lint reports any other). */
export const PLACEHOLDERS = [
  'shopName',
  'supportEmail',
  'supportPhone',
  'supportHours',
  'myPageUrl',
  'cutoffTime',
  'freeShippingThreshold',
  'shippingFee',
  'carrier',
  'returnDays',
  'changeDeadlineDays',
  'codFee',
] as const;

export type Placeholder = (typeof PLACEHOLDERS)[number];

const PLACEHOLDER_PATTERN = /\{\{\s*([A-Za-z]+)\s*\}\}/gu;

/**
 * Digits grouped as in Japan (12,000). One formatter for the process: `toLocaleString` builds a new one
 * per call, which was most of a rendered answer's time (CPU profile under `npm run bench`, 2026-12-05).
 */
const JAPANESE_DIGITS = new Intl.NumberFormat('ja-JP');

function yen(amount: number, locale: Locale): string {
  const digits = JAPANESE_DIGITS.format(amount);
  return locale === 'ja' ? `${digits}円` : `¥${digits}`;
}

/** Placeholder values for a locale. */
export function placeholderValues(shop: ShopFacts, locale: Locale): Record<Placeholder, string> {
  return {
    shopName: shop.name[locale],
    supportEmail: shop.supportEmail,
    supportPhone: shop.supportPhone,
    supportHours: shop.supportHours[locale],
    myPageUrl: shop.myPageUrl,
    cutoffTime: shop.cutoffTime,
    freeShippingThreshold: yen(shop.freeShippingThreshold, locale),
    shippingFee: yen(shop.shippingFee, locale),
    carrier: shop.carrier[locale],
    returnDays: String(shop.returnDays),
    changeDeadlineDays: String(shop.changeDeadlineDays),
    codFee: yen(shop.codFee, locale),
  };
}

/** The placeholder names used in a text (for the linter). */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[1]!);
}

/**
 * Replaces the placeholders `values` knows; unknown ones are left as they are (the linter reports them).
 * Also the console's answer preview, with the values from `GET /api/console/shop`.
 */
export function fillPlaceholders(markdown: string, values: Readonly<Record<string, string>>): string {
  return markdown.replace(PLACEHOLDER_PATTERN, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name]! : whole,
  );
}

/** Fills an answer's placeholders with the shop's values for the locale. */
export function renderAnswer(markdown: string, shop: ShopFacts, locale: Locale): string {
  return fillPlaceholders(markdown, placeholderValues(shop, locale));
}
