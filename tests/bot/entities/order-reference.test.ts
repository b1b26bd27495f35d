import { describe, expect, test } from 'vitest';
import { orderNumbersIn, withoutOrderReferences } from '../../../bot/entities/order-reference.ts';

const PATTERN = '[0-9]{8}';

describe('orderNumbersIn', () => {
  test.each([
    { name: 'after 注文', text: '注文10034の配送状況は？', numbers: ['10034'] },
    { name: 'after a hash', text: '#10034 はいつ届きますか', numbers: ['10034'] },
    { name: 'after 注文番号', text: '注文番号10034の荷物どこ？', numbers: ['10034'] },
    { name: 'full-width, after は', text: 'ご注文番号は１００３４です', numbers: ['10034'] },
    { name: 'letters and dashes', text: 'オーダー番号 ab-1234 について', numbers: ['AB-1234'] },
    { name: 'English', text: 'where is order no. 10034?', numbers: ['10034'] },
    { name: "a token of the shop's pattern", text: '12345678の配送状況', numbers: ['12345678'] },
    { name: 'two, each once', text: '注文10034と#10035と注文10034', numbers: ['10034', '10035'] },
  ])('finds the number $name', ({ text, numbers }) => {
    expect(orderNumbersIn(text, PATTERN)).toEqual(numbers);
  });

  test.each([
    { name: 'a day count', text: '注文3日前にしました' },
    { name: 'a quantity', text: '注文1000個したい' },
    { name: 'a year', text: '注文2026年分' },
    { name: 'a phone number', text: '電話は09012345678です' },
    { name: 'no digits', text: '注文abcdの件' },
    { name: 'a hash inside a word', text: 'C#1234 のコード' },
    { name: 'no keyword', text: '10034の配送状況' },
  ])('finds none in $name', ({ text }) => {
    expect(orderNumbersIn(text, PATTERN)).toEqual([]);
  });
});

describe('withoutOrderReferences', () => {
  test.each([
    { text: '注文10034の配送状況は？', rest: '配送状況は?' },
    { text: '#10034 はいつ届きますか', rest: 'いつ届きますか' },
    { text: '注文番号10034の荷物どこ？', rest: '荷物どこ?' },
    { text: 'where is order 10034', rest: 'where is order' },
  ])('drops the reference of 「$text」', ({ text, rest }) => {
    expect(withoutOrderReferences(text, PATTERN)).toBe(rest);
  });

  test('is undefined for a line without a reference, or with nothing else', () => {
    expect(withoutOrderReferences('配送状況は？', PATTERN)).toBeUndefined();
    expect(withoutOrderReferences('#10034', PATTERN)).toBeUndefined();
    expect(withoutOrderReferences('注文番号：10034', PATTERN)).toBeUndefined();
  });
});
