/**
 * Masks personal data in a shopper message before it is stored (and so before the bot, the handoff
 * mail, the logs and the console see it): payment card numbers always, and the shop's own patterns
 * (`privacy.maskPatterns` in shop.yaml, e.g. phone numbers). Pure.
 *
 * Matching runs on the NFKC form of each character (full-width ４１１１ and 　 read as 4111 and a
 * space), but only the matched characters of the original text are replaced; the rest stays as typed.
 *
 * Card numbers: 13–19 digits, optionally grouped by single spaces or hyphens (ASCII, full-width, the
 * dash family and 「ー」, which Japanese input often gives for a hyphen), that pass the Luhn check AND
 * start like a card brand (3–6, or 2221–2720 for Mastercard's 2-series). They become
 * `**** **** **** 1234` (the last four kept, so staff can ask "the card ending 1234"; the length is
 * hidden). The trade-off: Luhn alone also passes one random number in ten, so a 13–19 digit order or
 * tracking number would be masked one time in ten; the brand prefix removes the common date-shaped
 * numbers (2026112300127 passes Luhn but no card starts with 20). A 13–19 digit number that starts with
 * 3–6 and passes Luhn is still masked even when it is an order number; we prefer hiding an order number
 * (staff can ask again) to storing a card number. A run of more than 19 digits without separators is
 * not a card and stays. Within a longer grouped run ("4111 1111 1111 1111 12/28") the longest card-like
 * run of whole groups is masked.
 */
import { passesLuhn } from './luhn.ts';

/** Characters that may separate digit groups of a card number, after NFKC. */
const SEPARATORS = ' \\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc';
/** Digit groups joined by single separators, on the NFKC view. */
const DIGIT_RUN = new RegExp(`[0-9]+(?:[${SEPARATORS}][0-9]+)*`, 'gu');
const GROUP = /[0-9]+/gu;

/** Shortest and longest card number, in digits (ISO/IEC 7812). */
export const CARD_MIN_DIGITS = 13;
export const CARD_MAX_DIGITS = 19;

/** What replaces a card number: the last four digits stay. */
export function maskedCard(lastFour: string): string {
  return `**** **** **** ${lastFour}`;
}

/** Options of `maskText`. */
export interface MaskOptions {
  /** The shop's patterns, compiled by `compileMaskPatterns` (global, unicode). */
  patterns: readonly RegExp[];
  /** Replaces each pattern match: 「[非表示]」 / "[redacted]" in the shopper's language. */
  redactedLabel: string;
}

/** A span of the original text to replace. */
interface Replacement {
  start: number;
  end: number;
  text: string;
}

/**
 * The NFKC form of a text, character by character, with the way back: `owner[i]` is the original
 * character (code point index) that produced UTF-16 unit i of `text`; `starts`/`ends` are each original
 * character's UTF-16 range in the original.
 */
interface NormalizedView {
  text: string;
  owner: number[];
  starts: number[];
  ends: number[];
}

function normalizedView(original: string): NormalizedView {
  let text = '';
  const owner: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const character of original) {
    const normalized = character.normalize('NFKC');
    const index = starts.length;
    starts.push(offset);
    ends.push(offset + character.length);
    for (let i = 0; i < normalized.length; i++) owner.push(index);
    text += normalized;
    offset += character.length;
  }
  return { text, owner, starts, ends };
}

/** The original range of the normalized range [start, end). */
function originalRange(view: NormalizedView, start: number, end: number): { start: number; end: number } {
  return { start: view.starts[view.owner[start]!]!, end: view.ends[view.owner[end - 1]!]! };
}

function applyReplacements(text: string, replacements: readonly Replacement[]): string {
  let result = text;
  // From the end, so earlier offsets stay valid; callers never produce overlapping spans.
  for (const r of [...replacements].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, r.start) + r.text + result.slice(r.end);
  }
  return result;
}

/** True for digits that start like a payment card: 3–6 (Amex, JCB, Diners, Visa, Mastercard, Discover, UnionPay), or Mastercard's 2221–2720. */
function hasCardPrefix(digits: string): boolean {
  const first = digits[0];
  if (first === '3' || first === '4' || first === '5' || first === '6') return true;
  const four = Number(digits.slice(0, 4));
  return four >= 2221 && four <= 2720;
}

/** True when the digits (ASCII) look like a payment card number. */
export function isCardNumber(digits: string): boolean {
  return (
    digits.length >= CARD_MIN_DIGITS &&
    digits.length <= CARD_MAX_DIGITS &&
    hasCardPrefix(digits) &&
    passesLuhn(digits)
  );
}

function digitCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) count++;
  }
  return count;
}

/** The card numbers in a text, as original spans with their masked form. */
function cardReplacements(original: string): Replacement[] {
  // Most messages hold fewer digits than the shortest card: no need for the view, built character by
  // character (NFKC only adds digits from single characters, so the whole text's form counts them all).
  if (digitCount(original.normalize('NFKC')) < CARD_MIN_DIGITS) return [];
  const view = normalizedView(original);
  const replacements: Replacement[] = [];
  for (const run of view.text.matchAll(DIGIT_RUN)) {
    const groups = [...run[0].matchAll(GROUP)].map((g) => ({
      digits: g[0],
      start: run.index + g.index,
      end: run.index + g.index + g[0].length,
    }));
    // Whole groups only, leftmost first, the longest card-like span from each start.
    let i = 0;
    while (i < groups.length) {
      let found = -1;
      let digits = '';
      for (let j = i; j < groups.length; j++) {
        digits += groups[j]!.digits;
        if (digits.length > CARD_MAX_DIGITS) break;
        if (isCardNumber(digits)) found = j;
      }
      if (found === -1) {
        i++;
        continue;
      }
      const all = groups
        .slice(i, found + 1)
        .map((g) => g.digits)
        .join('');
      const range = originalRange(view, groups[i]!.start, groups[found]!.end);
      replacements.push({ ...range, text: maskedCard(all.slice(-4)) });
      i = found + 1;
    }
  }
  return replacements;
}

/** The matches of one configured pattern, as original spans. */
function patternReplacements(original: string, pattern: RegExp, label: string): Replacement[] {
  const view = normalizedView(original);
  const replacements: Replacement[] = [];
  for (const match of view.text.matchAll(pattern)) {
    if (match[0].length === 0) continue;
    const range = originalRange(view, match.index, match.index + match[0].length);
    const last = replacements.at(-1);
    // Two matches inside one original character (an NFKC expansion) become one replacement.
    if (last && range.start < last.end) last.end = Math.max(last.end, range.end);
    else replacements.push({ ...range, text: label });
  }
  return replacements;
}

/** The text with card numbers and the configured patterns masked. */
export function maskText(text: string, options: MaskOptions): string {
  let masked = applyReplacements(text, cardReplacements(text));
  for (const pattern of options.patterns) {
    masked = applyReplacements(masked, patternReplacements(masked, pattern, options.redactedLabel));
  }
  return masked;
}

/** Why a configured pattern was refused. */
export interface MaskPatternProblem {
  /** Position in `privacy.maskPatterns`. */
  index: number;
  pattern: string;
  message: string;
}

/**
 * Compiles `privacy.maskPatterns` (JavaScript regular expressions, unicode mode, matched anywhere in
 * the NFKC form of a message). Refuses a pattern that does not compile or that matches the empty text
 * (it would mask nothing and everything at once).
 */
export function compileMaskPatterns(
  sources: readonly string[],
): { ok: true; patterns: RegExp[] } | { ok: false; problem: MaskPatternProblem } {
  const patterns: RegExp[] = [];
  for (const [index, pattern] of sources.entries()) {
    let compiled: RegExp;
    try {
      compiled = new RegExp(pattern, 'gu');
    } catch (error) {
      return { ok: false, problem: { index, pattern, message: (error as Error).message } };
    }
    if (new RegExp(pattern, 'u').test('')) {
      return { ok: false, problem: { index, pattern, message: 'matches the empty text' } };
    }
    patterns.push(compiled);
  }
  return { ok: true, patterns };
}
