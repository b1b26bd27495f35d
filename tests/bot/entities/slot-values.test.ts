import { describe, expect, test } from 'vitest';
import {
  clothingSizeIn,
  dateIn,
  emailIn,
  heightIn,
  intervalIn,
  orderNumberIn,
  prefectureIn,
  quantityIn,
  shoeSizeIn,
} from '../../../bot/entities/slot-values.ts';

/** Tuesday 2026-11-24. */
const TODAY = { year: 2026, month: 11, day: 24, weekday: 2 };

describe('orderNumberIn', () => {
  test.each([
    { text: '注文番号は12345678です', want: '12345678' },
    { text: '１２３４５６７８', want: '12345678' },
    { text: 'order 87654321 please', want: '87654321' },
    { text: '電話は03-1234-5678', want: undefined },
  ])('reads $text', ({ text, want }) => {
    expect(orderNumberIn(text, '[0-9]{8}')).toBe(want);
  });

  test('uses the shop pattern, upper-casing letters', () => {
    expect(orderNumberIn('order sb-000123', 'SB-[0-9]{6}')).toBe('SB-000123');
  });
});

describe('intervalIn', () => {
  test.each([
    { text: '2ヶ月ごとにしたい', want: { unit: 'month', count: 2 } },
    { text: '２か月', want: { unit: 'month', count: 2 } },
    { text: '隔月でお願いします', want: { unit: 'month', count: 2 } },
    { text: '45日ごと', want: { unit: 'day', count: 45 } },
    { text: '45日', want: { unit: 'day', count: 45 } },
    { text: '3週間おき', want: { unit: 'week', count: 3 } },
    { text: 'every 2 months', want: { unit: 'month', count: 2 } },
    { text: 'every other month', want: { unit: 'month', count: 2 } },
    { text: '3日に届けて', want: undefined },
  ])('reads $text', ({ text, want }) => {
    expect(intervalIn(text)).toEqual(want);
  });
});

describe('dateIn', () => {
  test.each([
    { text: '11月25日', want: { year: 2026, month: 11, day: 25, weekday: 3 } },
    { text: '１月５日', want: { year: 2027, month: 1, day: 5, weekday: 2 } },
    { text: '3日', want: { year: 2026, month: 12, day: 3, weekday: 4 } },
    { text: '来月', want: { year: 2026, month: 12, day: 1, weekday: 2 } },
    { text: 'Nov 25', want: { year: 2026, month: 11, day: 25, weekday: 3 } },
    { text: 'next month', want: { year: 2026, month: 12, day: 1, weekday: 2 } },
    { text: 'tomorrow', want: { year: 2026, month: 11, day: 25, weekday: 3 } },
  ])('reads $text', ({ text, want }) => {
    expect(dateIn(text, TODAY)).toEqual(want);
  });
});

describe('size, quantity, email and prefecture extractors', () => {
  test('reads shoe sizes in centimetres, full-width included', () => {
    expect([shoeSizeIn('普段は24.5cm'), shoeSizeIn('２５センチ'), shoeSizeIn('size 9')]).toEqual([
      24.5,
      25,
      undefined,
    ]);
  });

  test('does not read the tail of a height as a shoe size', () => {
    expect([shoeSizeIn('身長160cm'), shoeSizeIn('身長160cm、靴は24.5cm')]).toEqual([undefined, 24.5]);
  });

  test('reads clothing sizes as whole words only', () => {
    expect([clothingSizeIn('Mサイズ'), clothingSizeIn('usually L'), clothingSizeIn('mail')]).toEqual([
      'M',
      'L',
      undefined,
    ]);
  });

  test('reads heights', () => {
    expect([heightIn('身長160です'), heightIn('165cm'), heightIn("I'm 172")]).toEqual([160, 165, 172]);
  });

  test('reads quantities', () => {
    expect([quantityIn('２個'), quantityIn('3本足りない'), quantityIn('2 bottles')]).toEqual([2, 3, 2]);
  });

  test('reads email addresses', () => {
    expect(emailIn('連絡先は taro@example.jp です')).toBe('taro@example.jp');
  });

  test.each([
    { text: '東京都です', want: 13 },
    { text: '東京', want: 13 },
    { text: '京都府', want: 26 },
    { text: '北海道', want: 1 },
    { text: 'Osaka please', want: 27 },
  ])('reads the prefecture in $text', ({ text, want }) => {
    expect(prefectureIn(text)?.code).toBe(want);
  });
});
