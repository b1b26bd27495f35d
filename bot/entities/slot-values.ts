/**
 * Slot values the dialogue flows read from one shopper line, in Japanese and English: order numbers
 * (pattern from the shop config), email addresses, delivery intervals, dates, shoe and clothing sizes,
 * quantities and prefectures. Text is NFKC-folded first, so full-width digits and letters count. Pure;
 * dates are resolved against a `today` that the caller passes in.
 */
import { type Static, Type } from '@sinclair/typebox';
import { addDays, type LocalDate, weekdayOf } from '../calendar/zoned-time.ts';

/** A delivery interval (「2ヶ月」, 「隔月」, "every 45 days"); a schema because flows persist it. */
export const IntervalSchema = Type.Object({
  unit: Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')]),
  count: Type.Number(),
});
/** A delivery interval (「2ヶ月」, 「隔月」, "every 45 days"). */
export type Interval = Static<typeof IntervalSchema>;

/** A prefecture: its code (1 = 北海道 … 47 = 沖縄県), Japanese and English names. */
export interface Prefecture {
  code: number;
  ja: string;
  en: string;
}

/** The 47 prefectures in JIS order. */
export const PREFECTURES: readonly Prefecture[] = [
  ['北海道', 'Hokkaido'],
  ['青森県', 'Aomori'],
  ['岩手県', 'Iwate'],
  ['宮城県', 'Miyagi'],
  ['秋田県', 'Akita'],
  ['山形県', 'Yamagata'],
  ['福島県', 'Fukushima'],
  ['茨城県', 'Ibaraki'],
  ['栃木県', 'Tochigi'],
  ['群馬県', 'Gunma'],
  ['埼玉県', 'Saitama'],
  ['千葉県', 'Chiba'],
  ['東京都', 'Tokyo'],
  ['神奈川県', 'Kanagawa'],
  ['新潟県', 'Niigata'],
  ['富山県', 'Toyama'],
  ['石川県', 'Ishikawa'],
  ['福井県', 'Fukui'],
  ['山梨県', 'Yamanashi'],
  ['長野県', 'Nagano'],
  ['岐阜県', 'Gifu'],
  ['静岡県', 'Shizuoka'],
  ['愛知県', 'Aichi'],
  ['三重県', 'Mie'],
  ['滋賀県', 'Shiga'],
  ['京都府', 'Kyoto'],
  ['大阪府', 'Osaka'],
  ['兵庫県', 'Hyogo'],
  ['奈良県', 'Nara'],
  ['和歌山県', 'Wakayama'],
  ['鳥取県', 'Tottori'],
  ['島根県', 'Shimane'],
  ['岡山県', 'Okayama'],
  ['広島県', 'Hiroshima'],
  ['山口県', 'Yamaguchi'],
  ['徳島県', 'Tokushima'],
  ['香川県', 'Kagawa'],
  ['愛媛県', 'Ehime'],
  ['高知県', 'Kochi'],
  ['福岡県', 'Fukuoka'],
  ['佐賀県', 'Saga'],
  ['長崎県', 'Nagasaki'],
  ['熊本県', 'Kumamoto'],
  ['大分県', 'Oita'],
  ['宮崎県', 'Miyazaki'],
  ['鹿児島県', 'Kagoshima'],
  ['沖縄県', 'Okinawa'],
].map(([ja, en], i) => ({ code: i + 1, ja: ja!, en: en! }));

/** NFKC, unified dashes, lower case: the form every extractor reads. */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212ー](?=\d)/gu, '-')
    .toLowerCase();
}

/**
 * The first token that matches the shop's order-number pattern (a regular expression source, matched
 * against whole tokens of letters, digits and dashes), upper-cased; undefined when none does.
 */
export function orderNumberIn(text: string, pattern: string): string | undefined {
  const whole = new RegExp(`^(?:${pattern})$`, 'iu');
  for (const [token] of fold(text).matchAll(/[a-z0-9][a-z0-9-]*/gu)) {
    if (whole.test(token)) return token.toUpperCase();
  }
  return undefined;
}

/** The first email address in the text. */
export function emailIn(text: string): string | undefined {
  return /[a-z0-9.!#$%&'*+/=?^_{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/iu.exec(text.normalize('NFKC'))?.[0];
}

const MONTHS_EN = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A delivery interval: 2ヶ月 / 隔月 / 45日 / 3週間おき / every 2 months / every other month / monthly. */
export function intervalIn(text: string): Interval | undefined {
  const t = fold(text);
  if (/隔月|every other month|bimonthly/u.test(t)) return { unit: 'month', count: 2 };
  if (/隔週|every other week|biweekly/u.test(t)) return { unit: 'week', count: 2 };
  const ja =
    /(\d{1,3})\s*(?:(ヶ|か|カ|ヵ|箇|ケ)月|(週間?)|(日))(?:ごと|毎|おき|間隔|に1回|周期|サイクル)?/u.exec(t);
  if (ja) {
    const count = Number(ja[1]);
    // 「3日」 alone is a date; a day count needs an interval word or a count beyond a month's days.
    if (ja[4] && !/日(?:ごと|毎|おき|間隔|に1回|周期|サイクル)/u.test(t) && count <= 31) return undefined;
    return { unit: ja[2] ? 'month' : ja[3] ? 'week' : 'day', count };
  }
  const en =
    /(?:every|each)\s+(\d{1,3})\s*(day|week|month)s?/u.exec(t) ??
    /(\d{1,3})\s*-?\s*(day|week|month)s?\b/u.exec(t);
  if (en) return { unit: en[2] as Interval['unit'], count: Number(en[1]) };
  if (/\bmonthly\b|every month|毎月/u.test(t)) return { unit: 'month', count: 1 };
  if (/\bweekly\b|every week|毎週/u.test(t)) return { unit: 'week', count: 1 };
  return undefined;
}

function localDate(year: number, month: number, day: number): LocalDate | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return { year, month, day, weekday: weekdayOf(year, month, day) };
}

/** The next occurrence of month/day on or after `today` (this year or next). */
function upcoming(today: LocalDate, month: number, day: number): LocalDate | undefined {
  const thisYear = localDate(today.year, month, day);
  if (!thisYear) return undefined;
  const passed = month < today.month || (month === today.month && day < today.day);
  return passed ? localDate(today.year + 1, month, day) : thisYear;
}

/**
 * A date: 11月25日 / 11/25 / Nov 25 / 25 November, 3日 (the next 3rd), 来月 / next month (its first day),
 * 明日 / tomorrow. Dates without a year are the next occurrence on or after `today`.
 */
export function dateIn(text: string, today: LocalDate): LocalDate | undefined {
  const t = fold(text);
  const md = /(\d{1,2})\s*月\s*(\d{1,2})\s*日/u.exec(t) ?? /(?<![\d/])(\d{1,2})\/(\d{1,2})(?![\d/])/u.exec(t);
  if (md) return upcoming(today, Number(md[1]), Number(md[2]));
  const en =
    /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b/u.exec(t);
  if (en) return upcoming(today, MONTHS_EN.indexOf(en[1]!) + 1, Number(en[2]));
  const enDm = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/u.exec(t);
  if (enDm) return upcoming(today, MONTHS_EN.indexOf(enDm[2]!) + 1, Number(enDm[1]));
  if (/明日|あした|\btomorrow\b/u.test(t)) return addDays(today, 1);
  if (/来月|next month/u.test(t)) {
    return today.month === 12 ? localDate(today.year + 1, 1, 1) : localDate(today.year, today.month + 1, 1);
  }
  const day = /(?<![\d.])(\d{1,2})\s*日(?!\s*(?:ごと|毎|おき|間隔|に1回|周期|サイクル))/u.exec(t);
  if (day) {
    const n = Number(day[1]);
    if (n >= today.day) return localDate(today.year, today.month, n);
    return today.month === 12 ? localDate(today.year + 1, 1, n) : localDate(today.year, today.month + 1, n);
  }
  return undefined;
}

/** A shoe size in centimetres (24.5cm, 24.5センチ, 24cm), 15–35. */
export function shoeSizeIn(text: string): number | undefined {
  const m = /(?<![\d.])(\d{2}(?:\.\d)?)\s*(?:cm|センチ|せんち)/u.exec(fold(text));
  const size = m ? Number(m[1]) : Number.NaN;
  return size >= 15 && size <= 35 ? size : undefined;
}

/** A clothing size letter (XS … 3L, M), as a whole word, upper-cased. */
export function clothingSizeIn(text: string): string | undefined {
  const m = /(?<![a-z0-9])(xxs|xs|s|m|l|xl|xxl|xxxl|[2-4]l)(?:\s*サイズ|\s*size)?(?![a-z0-9])/u.exec(
    fold(text),
  );
  return m?.[1]?.toUpperCase();
}

/** A height in centimetres (160cm / 身長160), 100–220. */
export function heightIn(text: string): number | undefined {
  const t = fold(text);
  const m =
    /(?:身長|height|i'?m)\s*(?:は|:|is)?\s*(\d{3})/u.exec(t) ?? /(?<![\d.])(\d{3})\s*(?:cm|センチ)/u.exec(t);
  const height = m ? Number(m[1]) : Number.NaN;
  return height >= 100 && height <= 220 ? height : undefined;
}

/** A quantity of items: 2個 / 3本 / 2袋 / 1点 / 2つ / 2 bottles / 3 items. */
export function quantityIn(text: string): number | undefined {
  const t = fold(text);
  const m =
    /(\d{1,3})\s*(?:個|本|袋|点|つ|箱|セット)/u.exec(t) ??
    /(\d{1,3})\s*(?:pieces?|items?|bottles?|packs?|boxes?|sets?|units?)\b/u.exec(t);
  return m ? Number(m[1]) : undefined;
}

/** The first prefecture named (東京都 / 東京 / Tokyo); 東京都 is not read as 京都. */
export function prefectureIn(text: string): Prefecture | undefined {
  const t = fold(text);
  let best: { at: number; length: number; prefecture: Prefecture } | undefined;
  for (const prefecture of PREFECTURES) {
    const short = prefecture.ja === '北海道' ? '北海道' : prefecture.ja.replace(/[都府県]$/u, '');
    for (const name of [prefecture.ja, short]) {
      const at = t.indexOf(name);
      if (at === -1) continue;
      if (!best || at < best.at || (at === best.at && name.length > best.length)) {
        best = { at, length: name.length, prefecture };
      }
    }
    const en = new RegExp(`\\b${prefecture.en.toLowerCase()}\\b`, 'u').exec(t);
    if (en && (!best || en.index < best.at)) best = { at: en.index, length: en[0].length, prefecture };
  }
  return best?.prefecture;
}
