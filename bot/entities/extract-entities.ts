/**
 * Pulls facts staff need out of what the shopper wrote, for the handoff mail: order numbers, phone
 * numbers, email addresses and postal codes. Regular expressions over NFKC text (full-width digits are
 * folded); order numbers need a keyword (注文番号, order no.) or a leading `#`, so a phone number or a
 * price is not mistaken for one. Pure; never used for a decision, only shown to staff.
 */

/** The kinds of facts extracted. */
export type EntityKind = 'orderNumber' | 'phone' | 'email' | 'postalCode';

/** One extracted fact and the transcript line it came from. */
export interface Entity {
  kind: EntityKind;
  value: string;
  /** The message's `seq` in the conversation. */
  seq: number;
}

const ORDER_KEYWORD =
  /(?:ご?注文(?:番号|no\.?|ナンバー)|受注番号|オーダー(?:番号|no\.?)|order\s*(?:number|no\.?|id|#))\s*(?:は|が|:|：|#|is\b)?\s*([a-z0-9][a-z0-9-]{3,29})/giu;
const HASH_NUMBER = /(?:^|[^\w&])#([0-9]{4,20})\b/gu;
const PHONE = /(?<![\d-])(0\d{1,4}-\d{1,4}-\d{3,4}|0[5789]0\d{8}|0\d{9})(?![\d-])/gu;
const EMAIL = /[A-Za-z0-9.!#$%&'*+/=?^_{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/gu;
const POSTAL_CODE = /(?:〒\s*)(\d{3}-?\d{4})\b|(?<![\d-])(\d{3}-\d{4})(?![\d-])/gu;

/** Extracts entities from shopper lines, in order of appearance, each distinct value once. */
export function extractEntities(lines: readonly { seq: number; text: string }[]): Entity[] {
  const found: Entity[] = [];
  const seen = new Set<string>();
  const add = (kind: EntityKind, value: string | undefined, seq: number): void => {
    if (!value) return;
    const key = `${kind}:${value.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ kind, value, seq });
  };
  for (const { seq, text } of lines) {
    const normalized = text.normalize('NFKC').replace(/[\u2010-\u2015\u2212]/gu, '-');
    for (const m of normalized.matchAll(ORDER_KEYWORD)) add('orderNumber', m[1]!.toUpperCase(), seq);
    for (const m of normalized.matchAll(HASH_NUMBER)) add('orderNumber', m[1], seq);
    for (const m of normalized.matchAll(PHONE)) add('phone', m[1], seq);
    for (const m of normalized.matchAll(EMAIL)) add('email', m[0], seq);
    for (const m of normalized.matchAll(POSTAL_CODE)) add('postalCode', m[1] ?? m[2], seq);
  }
  return found;
}
