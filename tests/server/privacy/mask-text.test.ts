import { describe, expect, test } from 'vitest';
import { passesLuhn } from '../../../server/privacy/luhn.ts';
import { compileMaskPatterns, isCardNumber, maskText } from '../../../server/privacy/mask-text.ts';

/** A phone pattern a shop might configure (Japanese numbers, hyphens optional, not inside longer digits). */
const PHONE = '(?<![0-9])0[0-9]{1,4}-?[0-9]{1,4}-?[0-9]{4}(?![0-9])';

function compiled(sources: string[]): RegExp[] {
  const result = compileMaskPatterns(sources);
  if (!result.ok) throw new Error(result.problem.message);
  return result.patterns;
}

const cardsOnly = { patterns: [], redactedLabel: '[非表示]' };

describe('passesLuhn', () => {
  test.each([
    { name: 'Visa test card', digits: '4111111111111111', valid: true },
    { name: 'JCB test card', digits: '3530111333300000', valid: true },
    { name: 'one digit off', digits: '4111111111111112', valid: false },
    { name: 'non-digits', digits: '4111a11111111111', valid: false },
  ])('$name', ({ digits, valid }) => {
    expect(passesLuhn(digits)).toBe(valid);
  });
});

describe('isCardNumber', () => {
  test.each([
    { name: 'Visa 16', digits: '4111111111111111', card: true },
    { name: 'Visa 13', digits: '4111111111119', card: true },
    { name: 'Amex 15', digits: '378282246310005', card: true },
    { name: 'Mastercard 2-series', digits: '2223003122003222', card: true },
    { name: 'Diners 14', digits: '30569309025904', card: true },
    { name: 'UnionPay', digits: '6200000000000005', card: true },
    // Passes Luhn, but no card brand starts with 20: a date-shaped order number stays readable.
    { name: 'order number 2026112300127 (Luhn-valid)', digits: '2026112300127', card: false },
    { name: 'order number 2026112300123 (not Luhn)', digits: '2026112300123', card: false },
    { name: 'card prefix but not Luhn', digits: '4111111111111112', card: false },
    { name: '12 digits', digits: '411111111113', card: false },
    { name: '20 digits', digits: '41111111111111111113', card: false },
  ])('$name', ({ digits, card }) => {
    expect(isCardNumber(digits)).toBe(card);
  });
});

describe('maskText', () => {
  test.each([
    {
      name: 'Japanese, full-width digits and spaces',
      text: 'カード番号は４１１１　１１１１　１１１１　１１１１です',
      masked: 'カード番号は**** **** **** 1111です',
    },
    {
      name: 'Japanese, 「ー」 typed for hyphens',
      text: 'カードは3530ー1113ー3330ー0000で払いました',
      masked: 'カードは**** **** **** 0000で払いました',
    },
    {
      name: 'English, hyphens, expiry after it',
      text: 'My card is 4111-1111-1111-1111 12/28, please refund',
      masked: 'My card is **** **** **** 1111 12/28, please refund',
    },
    {
      name: 'no separators',
      text: 'card 5555555555554444',
      masked: 'card **** **** **** 4444',
    },
    {
      name: 'two cards in a row',
      text: '4111111111111111 378282246310005',
      masked: '**** **** **** 1111 **** **** **** 0005',
    },
    {
      // NFKC turns each of these into an ASCII digit: a card typed in them is still a card.
      name: 'mathematical bold digits',
      text: 'card 𝟒𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏 thanks',
      masked: 'card **** **** **** 1111 thanks',
    },
    {
      name: 'order number that passes Luhn',
      text: '注文番号2026112300127の件です',
      masked: '注文番号2026112300127の件です',
    },
    {
      name: 'order number of 8 digits',
      text: 'order 12345678 has not arrived',
      masked: 'order 12345678 has not arrived',
    },
    {
      name: 'card-like digits failing Luhn',
      text: '4111 1111 1111 1112',
      masked: '4111 1111 1111 1112',
    },
    {
      name: 'a long digit run is not a card',
      text: '41111111111111111113',
      masked: '41111111111111111113',
    },
  ])('cards: $name', ({ text, masked }) => {
    expect(maskText(text, cardsOnly)).toBe(masked);
  });

  test('masks configured patterns on the NFKC form and keeps the rest as typed', () => {
    const options = { patterns: compiled([PHONE]), redactedLabel: '[非表示]' };
    expect(maskText('電話は０９０－１２３４－５６７８（平日）です', options)).toBe(
      '電話は[非表示]（平日）です',
    );
    expect(maskText('call me on 03-1234-5678', { ...options, redactedLabel: '[redacted]' })).toBe(
      'call me on [redacted]',
    );
    // Not a phone number: the lookarounds keep it out of longer digit runs.
    expect(maskText('注文番号2026112300127', options)).toBe('注文番号2026112300127');
  });

  test('masks cards before patterns, so the last four stay', () => {
    const options = { patterns: compiled(['[0-9]{4}-[0-9]{4}']), redactedLabel: '[x]' };
    expect(maskText('4111-1111-1111-1111 and 1234-5678', options)).toBe('**** **** **** 1111 and [x]');
  });
});

describe('compileMaskPatterns', () => {
  test('refuses a pattern that does not compile, naming it', () => {
    const result = compileMaskPatterns([PHONE, '([0-9]+']);
    expect(result).toMatchObject({ ok: false, problem: { index: 1, pattern: '([0-9]+' } });
  });

  test('refuses a pattern that matches the empty text', () => {
    expect(compileMaskPatterns(['[0-9]*'])).toMatchObject({
      ok: false,
      problem: { index: 0, message: 'matches the empty text' },
    });
  });
});
