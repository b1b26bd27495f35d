/**
 * Lints one answer's Markdown as the widget renders it (`marked`, the same options: see
 * bot/answers/answer-markdown.ts). Every check is linear in the answer's length: a few passes over the
 * characters refuse an answer too long or too deeply nested for `marked` (whose lexer is quadratic on
 * nested quotes and lists, emphasis marks and unclosed `[` `<` `!`), then the answer is lexed once and its
 * tokens walked once: with those counts capped, `marked`'s work is at most a constant times the length.
 * No regular expression here can backtrack over the answer: the link-target regex this replaces took
 * 168 s on 8 KB of repeated `"](` (#17).
 */
import { lexAnswer, walkTokens } from '../answers/answer-markdown.ts';
import { fillPlaceholders, placeholderValues, type ShopFacts } from '../answers/render-answer.ts';
import type { Locale } from '../nlu/types.ts';
import { MAX_ANSWER_LENGTH } from './corpus-schema.ts';

/** A problem in one answer (the caller adds where it is). */
export interface AnswerIssue {
  code:
    | 'CORPUS_ANSWER_TOO_LONG'
    | 'CORPUS_ANSWER_TOO_COMPLEX'
    | 'CORPUS_BROKEN_PLACEHOLDER'
    | 'CORPUS_UNSAFE_LINK'
    | 'CORPUS_LIST_PARAGRAPH_GLUED'
    | 'CORPUS_LITERAL_EMPHASIS';
  message: string;
}

/**
 * Most `*`, `_` and `~` marks in one answer. `marked` pairs emphasis delimiters in time that grows with
 * their number times the answer's length; shipped answers use at most 28.
 */
export const MAX_EMPHASIS_MARKS = 100;
/**
 * Most `[`, `<` and `!` in one answer: from each, `marked` looks ahead for a link, an autolink or an
 * image, to the end of the answer when nothing closes it. Shipped answers use at most 1 of each.
 */
export const MAX_LINK_OPENERS = 60;
/**
 * Most containers a line may open (`>` quotes and list markers, `> - > -` nests four), and most leading
 * spaces of a line: `marked` recurses per container, slower than linear and with a stack limit.
 */
export const MAX_NESTING = 4;
export const MAX_INDENT = 12;

/**
 * Typical shop values the answer is rendered with before lexing: a placeholder's braces are punctuation
 * to Markdown and its value usually is not, so `**{{shippingFee}}**です` reads differently before and
 * after filling. The URL is the one thing that must look like the shop's (an https link).
 */
const SAMPLE_SHOP: ShopFacts = {
  name: { ja: 'ショップ', en: 'Shop' },
  supportEmail: 'support@shop.example',
  supportPhone: '0120-000-000',
  supportHours: { ja: '平日10:00〜18:00', en: 'weekdays 10:00–18:00' },
  myPageUrl: 'https://shop.example/mypage',
  cutoffTime: '14:00',
  shippingFee: 550,
  freeShippingThreshold: 5000,
  codFee: 330,
  carrier: { ja: 'ヤマト運輸', en: 'Yamato Transport' },
  returnDays: 8,
  changeDeadlineDays: 7,
};
const SAMPLE_VALUES: Record<Locale, Record<string, string>> = {
  ja: placeholderValues(SAMPLE_SHOP, 'ja'),
  en: placeholderValues(SAMPLE_SHOP, 'en'),
};

/** Link targets the widget keeps (its DOMPurify allow-list): https and mailto. */
function safeTarget(href: string): boolean {
  return href.startsWith('https://') || href.startsWith('mailto:');
}

/** The containers (quotes, list markers) a line opens before its text; stops at MAX_NESTING + 1. */
function containerDepth(line: string): number {
  let depth = 0;
  let i = 0;
  const blank = (at: number) => line[at] === ' ' || line[at] === '\t';
  while (depth <= MAX_NESTING) {
    while (blank(i)) i++;
    const c = line[i];
    if (c === '>') {
      i++;
    } else if ((c === '-' || c === '*' || c === '+') && blank(i + 1)) {
      i += 2;
    } else {
      let j = i;
      while (j - i < 9 && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
      if (j === i || (line[j] !== '.' && line[j] !== ')') || !blank(j + 1)) return depth;
      i = j + 2;
    }
    depth++;
  }
  return depth;
}

/** Length in code points, emphasis marks, deepest nesting and indentation, in one pass per line. */
function shape(answer: string): {
  length: number;
  marks: number;
  openers: number;
  nesting: number;
  indent: number;
} {
  let length = 0;
  let marks = 0;
  let openers = 0;
  for (const char of answer) {
    length++;
    if (char === '*' || char === '_' || char === '~') marks++;
    else if (char === '[' || char === '<' || char === '!') openers++;
  }
  let nesting = 0;
  let indent = 0;
  // Only counted on answers within the length limit, so the lines' total stays bounded.
  if (length <= MAX_ANSWER_LENGTH) {
    for (const line of answer.split('\n')) {
      nesting = Math.max(nesting, containerDepth(line));
      let spaces = 0;
      while (spaces < line.length && (line[spaces] === ' ' || line[spaces] === '\t')) spaces++;
      indent = Math.max(indent, spaces);
    }
  }
  return { length, marks, openers, nesting, indent };
}

/**
 * The first line of a list item's source, after its first line, that starts at column 0: a paragraph
 * the item swallowed (a "lazy continuation line" in CommonMark), shown indented under the item.
 */
function lazyLine(raw: string): string | undefined {
  let at = raw.indexOf('\n');
  while (at !== -1 && at + 1 < raw.length) {
    const next = raw.charCodeAt(at + 1);
    if (next !== 10 && next !== 13 && next !== 32 && next !== 9) {
      const end = raw.indexOf('\n', at + 1);
      return raw.slice(at + 1, end === -1 ? raw.length : end);
    }
    at = raw.indexOf('\n', at + 1);
  }
  return undefined;
}

/** The first characters of a text on one line, for messages. */
function excerpt(text: string): string {
  const chars = [...text.slice(0, 80)].slice(0, 30).join('').replace(/\s+/gu, ' ');
  return chars.length < text.length ? `${chars}…` : chars;
}

/**
 * The issues of one answer (non-empty, trimmed) in `locale`: placeholders are filled with typical values
 * for that locale, then the answer is read as the widget reads it.
 */
export function lintAnswerMarkdown(answer: string, locale: Locale): AnswerIssue[] {
  const { length, marks, openers, nesting, indent } = shape(answer);
  if (length > MAX_ANSWER_LENGTH) {
    return [
      {
        code: 'CORPUS_ANSWER_TOO_LONG',
        message: `the answer has ${length} characters; at most ${MAX_ANSWER_LENGTH}`,
      },
    ];
  }
  if (
    marks > MAX_EMPHASIS_MARKS ||
    openers > MAX_LINK_OPENERS ||
    nesting > MAX_NESTING ||
    indent > MAX_INDENT
  ) {
    return [
      {
        code: 'CORPUS_ANSWER_TOO_COMPLEX',
        message: `the answer nests too deep or has too many emphasis marks (${marks} * _ ~ of at most ${MAX_EMPHASIS_MARKS}, ${openers} [ < ! of at most ${MAX_LINK_OPENERS}, quotes and lists ${nesting} deep on one line of at most ${MAX_NESTING}, indent ${indent} of ${MAX_INDENT} spaces)`,
      },
    ];
  }
  const issues: AnswerIssue[] = [];
  const lastOpen = answer.lastIndexOf('{{');
  const unclosed = lastOpen !== -1 && answer.indexOf('}}', lastOpen) === -1;
  if (unclosed || answer.split('{{').length !== answer.split('}}').length) {
    issues.push({ code: 'CORPUS_BROKEN_PLACEHOLDER', message: 'unbalanced {{ }} in the answer' });
  }
  for (const token of walkTokens(lexAnswer(fillPlaceholders(answer, SAMPLE_VALUES[locale])))) {
    if (token.type === 'link' || token.type === 'image') {
      const href = String(token.href);
      if (!safeTarget(href)) {
        issues.push({
          code: 'CORPUS_UNSAFE_LINK',
          message: `link target "${excerpt(href)}" must be https:, mailto: or a placeholder that holds one`,
        });
      }
    } else if (token.type === 'list_item') {
      const swallowed = lazyLine(token.raw);
      if (swallowed !== undefined) {
        issues.push({
          code: 'CORPUS_LIST_PARAGRAPH_GLUED',
          message: `"${excerpt(swallowed)}" is shown as part of the list item above it: put a blank line after the list`,
        });
      }
    } else if (token.type === 'text' && !('tokens' in token && token.tokens) && /\*\*|__/u.test(token.text)) {
      issues.push({
        code: 'CORPUS_LITERAL_EMPHASIS',
        message: `"${excerpt(token.text)}" shows ** or __ as text (a closing ** right after 」）, followed by a letter, does not close): move the bracket outside or add a space`,
      });
    }
  }
  return issues;
}
