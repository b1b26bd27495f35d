/**
 * NLP.js's regex NER (ExtractorRegex in @nlpjs/ner 4.x) reads `match[1]` whenever a pattern has groups:
 * a shop's order-number pattern with an optional group that did not take part crashes it. We do not use
 * it; order numbers come from bot/entities with the shop's pattern matched as a whole token.
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { orderNumberIn } from '../../../bot/entities/slot-values.ts';

const require = createRequire(import.meta.url);
const { ExtractorRegex } = require('@nlpjs/ner') as {
  ExtractorRegex: new () => { extract(input: { text: string; nerRules: unknown[] }): { edges: unknown[] } };
};

/** A realistic shop pattern: an optional "SB-" prefix, then eight digits. */
const PATTERN = '(sb-)?[0-9]{8}';
const TEXT = '注文番号は12345678です';

describe('regex entities (NLP.js regex NER workaround)', () => {
  test('stock NLP.js ExtractorRegex crashes on a pattern whose optional group did not match', () => {
    const extractor = new ExtractorRegex();
    const rule = { name: 'orderNumber', type: 'regex', rules: [new RegExp(PATTERN, 'giu')] };
    expect(() => extractor.extract({ text: TEXT, nerRules: [rule] })).toThrowError(TypeError);
  });

  test('our extraction finds the order number with the same pattern', () => {
    expect(orderNumberIn(TEXT, PATTERN)).toBe('12345678');
    expect(orderNumberIn('注文番号 SB-12345678 です', PATTERN)).toBe('SB-12345678');
  });

  test('full-width digits are folded before matching', () => {
    expect(orderNumberIn('注文番号は１２３４５６７８', PATTERN)).toBe('12345678');
  });
});
