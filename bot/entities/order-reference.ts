/**
 * Order numbers a shopper names in a line (「注文10034の配送状況は？」, 「#10034 はいつ届きますか」,
 * 「注文番号10034の荷物どこ？」, "where is order 10034"): a number after an order keyword or a `#`, or a
 * whole token of the shop's order-number pattern. A number counts only with four or more letters or
 * digits, at least one a digit, so 「注文3日前」 or 「注文2個」 name no order.
 *
 * Two uses, both pure: the tracking flow reads which order the line is about, and the dialogue
 * classifies a line the engine could not answer once more without the reference (the number and its
 * keyword say which order, not what is asked: their digits are noise to the classifier, whose character
 * bigrams of 「10034」 pull towards whatever intent saw those digits in training).
 */

/** NFKC (full-width digits and letters folded), unified dashes, lower case. */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212]/gu, '-')
    .toLowerCase();
}

const KEYWORD =
  '(?:ご?注文(?:番号|no\\.?|ナンバー)?|受注番号|オーダー(?:番号|no\\.?)?|order\\s*(?:number|no\\.?|id)?)';
/**
 * A candidate number: letters, digits and dashes, checked further by `isOrderNumber`; not a quantity
 * or a date (「注文1000個」, 「注文2026年」).
 */
const NUMBER =
  '([a-z0-9][a-z0-9-]{3,29})(?![a-z0-9-])(?!\\s*(?:個|点|本|円|件|回|枚|箱|袋|セット|日|月|年|時|分|人|週|ヶ|か月|カ月|%))';
/** The particle or comma after a reference, dropped with it (「注文10034の配送状況」 → 「配送状況」). */
const AFTER = '(?:\\s*(?:の|は|が|を|って|、|,))?';
/** An order keyword or `#`, then the number. */
const MARKED = new RegExp(
  `(?:${KEYWORD}\\s*(?:は|が|:|is)?\\s*#?\\s*|(?<![\\w&])#\\s*)${NUMBER}${AFTER}`,
  'gu',
);

function isOrderNumber(candidate: string): boolean {
  return /\d/u.test(candidate);
}

/**
 * One order number named in a line: the number as typed (upper-cased), the span that names it, and
 * what stands for it when the line is classified without it (English keeps its noun: "where is order").
 */
interface OrderReference {
  number: string;
  start: number;
  end: number;
  standIn: string;
}

/** The references of folded text: marked ones, then whole tokens of the shop's pattern. */
function referencesOf(folded: string, pattern: string | undefined): OrderReference[] {
  const found: OrderReference[] = [];
  for (const m of folded.matchAll(MARKED)) {
    const number = m[1] ?? '';
    if (!isOrderNumber(number)) continue;
    const standIn = m[0].startsWith('order') ? ' order ' : ' ';
    found.push({ number: number.toUpperCase(), start: m.index, end: m.index + m[0].length, standIn });
  }
  if (pattern) {
    const whole = new RegExp(`^(?:${pattern})$`, 'iu');
    const bare = new RegExp(`(?<![a-z0-9-])([a-z0-9][a-z0-9-]*)${AFTER}`, 'gu');
    for (const m of folded.matchAll(bare)) {
      const token = m[1] ?? '';
      const inside = found.some((r) => m.index >= r.start && m.index < r.end);
      if (!inside && whole.test(token) && isOrderNumber(token)) {
        found.push({ number: token.toUpperCase(), start: m.index, end: m.index + m[0].length, standIn: ' ' });
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The order numbers a line names, in order of appearance, each once, upper-cased. `pattern`: the shop's
 * order-number pattern (a regular expression source matched against whole tokens), if any.
 */
export function orderNumbersIn(text: string, pattern?: string): string[] {
  return [...new Set(referencesOf(fold(text), pattern).map((r) => r.number))];
}

/**
 * The line without the order numbers it names (with their keyword and the particle after them),
 * folded as orderNumbersIn reads it; undefined when it names none, or nothing but them (no words left
 * to classify).
 */
export function withoutOrderReferences(text: string, pattern?: string): string | undefined {
  const folded = fold(text);
  const references = referencesOf(folded, pattern);
  if (references.length === 0) return undefined;
  let rest = '';
  let from = 0;
  for (const r of references) {
    if (r.start < from) continue;
    rest += `${folded.slice(from, r.start)}${r.standIn}`;
    from = r.end;
  }
  rest = `${rest}${folded.slice(from)}`.replace(/\s+/gu, ' ').trim();
  return /[\p{L}]/u.test(rest) ? rest : undefined;
}
