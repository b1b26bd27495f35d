import { describe, expect, test } from 'vitest';
import { normalizeText } from '../../../bot/nlu/normalize.ts';
import { otherCompanyMatcher } from '../../../bot/nlu/other-company.ts';

const matcher = otherCompanyMatcher(['すこやか定期便ストア', 'ヤマト運輸']);
const find = (text: string): string | null => matcher.find(normalizeText(text));

describe('otherCompanyMatcher', () => {
  test.each([
    ['a marketplace’s subscription', 'Amazon定期便を解約したい', 'amazon'],
    ['full-width Latin letters', 'ＡＭＡＺＯＮで返品したい', 'amazon'],
    ['a marketplace in katakana', 'アマゾンの注文をキャンセルしたい', 'アマゾン'],
    ['Rakuten’s shipping', '楽天 配送先変更 注文後', '楽天'],
    ['a mobile carrier', 'ドコモの解約手続きは？', 'ドコモ'],
    ['a gym', 'エニタイムの退会方法', 'エニタイム'],
    ['a convenience store’s membership', 'ローソンWEB会員を退会したい', 'ローソン'],
  ])('finds %s', (_, text, name) => {
    expect(find(text)).toBe(name);
  });

  test.each([
    ['a payment brand that contains a marketplace’s name', 'Amazon Payで支払えますか'],
    ['Rakuten Pay', '楽天ペイは使えますか'],
    ['carrier billing', 'ドコモ払いに対応していますか'],
    ['paying at a convenience store', 'ローソンで支払いできますか'],
    ['the shop’s own carrier', 'ヤマト運輸の追跡番号を知りたい'],
    ['the shop’s own question', '定期便を解約したい'],
  ])('leaves %s in scope', (_, text) => {
    expect(find(text)).toBeNull();
  });

  test('matches short Latin names as whole words only', () => {
    const withAu = otherCompanyMatcher([], ['au']);
    expect(withAu.find('auの解約')).toBe('au');
    expect(withAu.find('aurora cream')).toBeNull();
  });

  test('adds the shop’s own names to what stays in scope', () => {
    expect(otherCompanyMatcher([], ['楽天']).find('楽天堂の定期便')).toBe('楽天');
    expect(otherCompanyMatcher(['楽天堂'], ['楽天']).find('楽天堂の定期便')).toBeNull();
  });
});
