/**
 * Questions that name an order number, with the bot over the shipped corpus (issue #19): a verified
 * shopper asking where their order is gets its tracking answer, a number that is not theirs gets their
 * recent orders, and an anonymous shopper gets the general answer and nothing about the order. The
 * lines were written for this test; they are not in the corpus or in the real-shopper development set.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { loadCorpus, trainingExamples } from '../../bot/corpus/load-corpus.ts';
import { IntentEngine } from '../../bot/nlu/intent-engine.ts';
import { type Bot, createBot } from '../../bot/respond.ts';
import type { Order, ShopperContext } from '../../bot/shop/shop-data.ts';
import { jst, SHOP_CALENDAR } from '../bot/calendar/fixtures.ts';
import { FLOW_FACTS } from '../bot/flows/flow-facts.ts';
import { TEST_SHOP } from '../helpers/shop-facts.ts';
import { SHOPPER_A } from '../helpers/shopper-fixtures.ts';

const PARCEL: Order = {
  id: 'ord-10034',
  orderNumber: '10034',
  orderedOn: '2026-11-20',
  status: 'shipped',
  shippedOn: '2026-11-22',
  carrier: 'ヤマト運輸',
  trackingNumber: '1234-5678-9012',
  trackingUrl: 'https://track.example/yamato?number=123456789012',
};
const SHOPPER: ShopperContext = { shopper: SHOPPER_A, subscriptions: [], orders: [PARCEL] };

let bot: Bot;
beforeAll(async () => {
  const corpus = await loadCorpus('corpus');
  const engine = await IntentEngine.train({
    ja: trainingExamples(corpus, 'ja'),
    en: trainingExamples(corpus, 'en'),
  });
  bot = createBot({
    engine,
    corpus,
    shop: TEST_SHOP,
    handoff: {
      calendar: SHOP_CALENDAR,
      replyPromise: { ja: '2時間以内', en: 'within 2 hours' },
      replyWithinMinutes: 120,
    },
    flows: {
      ...FLOW_FACTS,
      enabled: { cancellation: true, 'shipping-date': true, tracking: true, shopperSubscription: true },
    },
  });
}, 180_000);

function reply(text: string, shopper?: ShopperContext) {
  return bot.respond({
    text,
    locale: 'ja',
    state: bot.initialState(),
    now: jst('2026-11-24T10:00'),
    ...(shopper ? { shopper } : {}),
  });
}

describe('questions naming an order number, over the shipped corpus', () => {
  test.each([
    { name: 'order and tracking', text: '注文10034の配送状況は？' },
    { name: 'hash and when', text: '#10034 はいつ届きますか' },
    { name: 'order number and parcel', text: '注文番号10034の荷物どこ？' },
    { name: 'full-width digits', text: 'ご注文１００３４の荷物、今どのあたりですか' },
    { name: 'order number and where, nothing else', text: '注文番号10034はどこですか' },
    { name: 'order number and status', text: '注文番号 10034 の状況は？' },
  ])('a verified shopper gets the tracking answer of their order ($name)', ({ text }) => {
    const answer = reply(text, SHOPPER);
    expect(answer.decision).toBe('answer');
    expect(answer.markdown).toContain('ご注文 #10034 は11月22日(日)にヤマト運輸で発送済みです。');
    expect(answer.markdown).toContain('https://track.example/yamato?number=123456789012');
  });

  test('a number that is none of theirs: not found, and their recent orders instead', () => {
    const answer = reply('注文10099の配送状況は？', SHOPPER);
    expect(answer.decision).toBe('answer');
    expect(answer.markdown).toContain('ご注文番号 10099 は、お客さまのご注文の中に見つかりませんでした。');
    expect(answer.markdown).toContain('- #10034（11月20日(金)のご注文・発送済み）');
    expect(answer.markdown).not.toContain('track.example');
  });

  test('an anonymous shopper gets the general tracking answer, nothing about the order', () => {
    const answer = reply('注文10034の配送状況は？');
    expect(answer).toMatchObject({ decision: 'answer', intent: 'shipping.tracking' });
    expect(answer.markdown).not.toContain('10034');
    expect(answer.markdown).not.toContain('track.example');
  });
});
