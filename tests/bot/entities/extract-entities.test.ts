import { describe, expect, test } from 'vitest';
import { extractEntities } from '../../../bot/entities/extract-entities.ts';

describe('extractEntities', () => {
  test.each([
    {
      name: 'an order number after 注文番号',
      text: '注文番号は12345678です',
      kind: 'orderNumber',
      value: '12345678',
    },
    {
      name: 'a full-width order number',
      text: 'ご注文番号：ＡＢ－１２３４５',
      kind: 'orderNumber',
      value: 'AB-12345',
    },
    {
      name: 'an English order number',
      text: 'my order number is sk-2024-0042',
      kind: 'orderNumber',
      value: 'SK-2024-0042',
    },
    { name: 'a #number', text: '#20261124 の件です', kind: 'orderNumber', value: '20261124' },
    { name: 'a mobile number', text: '090-1234-5678に電話ください', kind: 'phone', value: '090-1234-5678' },
    { name: 'a mobile number without hyphens', text: '09012345678', kind: 'phone', value: '09012345678' },
    {
      name: 'an email address',
      text: '連絡先は hanako@example.jp です',
      kind: 'email',
      value: 'hanako@example.jp',
    },
    { name: 'a postal code', text: '〒150-0001 東京都渋谷区', kind: 'postalCode', value: '150-0001' },
  ])('finds $name', ({ text, kind, value }) => {
    expect(extractEntities([{ seq: 3, text }])).toContainEqual({ kind, value, seq: 3 });
  });

  test('does not take a price, a date or a phone number for an order number', () => {
    const found = extractEntities([{ seq: 1, text: '3,980円を11月24日に払いました。電話 03-1234-5678' }]);
    expect(found.filter((e) => e.kind === 'orderNumber')).toEqual([]);
    expect(found.filter((e) => e.kind === 'postalCode')).toEqual([]);
  });

  test('lists a value once, from the first line that has it', () => {
    const found = extractEntities([
      { seq: 1, text: '注文番号 1234567' },
      { seq: 3, text: 'もう一度：注文番号 1234567' },
    ]);
    expect(found).toEqual([{ kind: 'orderNumber', value: '1234567', seq: 1 }]);
  });
});
