import { describe, expect, test } from 'vitest';
import { fillPlaceholders, renderAnswer } from '../../../bot/answers/render-answer.ts';
import { TEST_SHOP } from '../../helpers/shop-facts.ts';

describe('fillPlaceholders', () => {
  test.each([
    { name: 'a known placeholder', text: '{{shopName}}です', expected: 'テスト店です' },
    { name: 'spaces inside the braces', text: '{{ shopName }}', expected: 'テスト店' },
    { name: 'an unknown placeholder stays as written', text: '{{noSuchValue}}', expected: '{{noSuchValue}}' },
    {
      name: 'an inherited property name is not a value',
      text: '{{constructor}}',
      expected: '{{constructor}}',
    },
  ])('$name', ({ text, expected }) => {
    expect(fillPlaceholders(text, { shopName: 'テスト店' })).toBe(expected);
  });
});

describe('renderAnswer', () => {
  test('fills the shop facts in the locale, yen formatted', () => {
    expect(renderAnswer('{{shopName}}の送料は{{shippingFee}}', TEST_SHOP, 'ja')).toBe(
      'テスト店の送料は550円',
    );
    expect(renderAnswer('{{shopName}}: {{shippingFee}}', TEST_SHOP, 'en')).toBe('Test Shop: ¥550');
  });
});
