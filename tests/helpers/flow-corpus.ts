/**
 * A small bilingual corpus with the intents the dialogue flows start from (cancellation, shipping date,
 * defect, sizing), for flow conversation tests and their WebSocket integration tests.
 */
import type { Corpus, LoadedIntent } from '../../bot/corpus/load-corpus.ts';
import { IntentEngine } from '../../bot/nlu/intent-engine.ts';

function intent(
  locale: 'ja' | 'en',
  id: string,
  title: string,
  utterances: string[],
  answer?: string,
): LoadedIntent {
  return { locale, domain: 'test', file: 'inline', id, title, utterances, ...(answer ? { answer } : {}) };
}

/** The flow corpus. */
export const FLOW_CORPUS: Corpus = {
  intents: [
    intent(
      'ja',
      'subscription.cancel',
      '定期便の解約',
      [
        '定期便を解約したい',
        '定期をやめたい',
        '解約方法を教えて',
        '定期購入を止めたい',
        '定期コースを解約',
        '解約したいです',
      ],
      '解約は[マイページ]({{myPageUrl}})からどうぞ。',
    ),
    intent(
      'ja',
      'shipping.when',
      '発送日',
      [
        'いつ届きますか',
        'いつ発送されますか',
        '今注文したらいつ届く',
        '発送日を知りたい',
        'お届け日はいつ',
        '何日に届く',
      ],
      '{{cutoffTime}}までのご注文は当日発送です。',
    ),
    intent(
      'ja',
      'returns.defective',
      '不良品・誤配送',
      [
        '商品が壊れていた',
        '不良品が届いた',
        '違う商品が届いた',
        '割れていました',
        '中身が漏れていた',
        '注文と違うものが届いた',
      ],
      '申し訳ございません。',
    ),
    intent(
      'ja',
      'shipping.fee',
      '送料',
      ['送料はいくら', '送料無料になる条件', '配送料を知りたい', '送料', '送料かかりますか'],
      '送料は{{shippingFee}}です。',
    ),
    intent(
      'ja',
      'sizing.guide',
      'サイズの選び方',
      [
        'サイズの選び方を教えて',
        'どのサイズを買えばいい',
        'サイズが分からない',
        '靴のサイズ選びに迷う',
        '何サイズがおすすめ',
        'サイズ感を知りたい',
      ],
      'サイズ選びの目安です。合わなければ{{returnDays}}日以内に交換できます。',
    ),
    intent('ja', 'human_agent', 'スタッフと話す', [
      '人と話したい',
      'オペレーターにつないで',
      'スタッフに相談したい',
      '担当者と話したい',
    ]),
    intent('ja', 'none', 'その他', [
      '猫が好き',
      '今日の天気は',
      '宇宙の大きさ',
      'ラーメン食べたい',
      'あいうえお',
      '株価を教えて',
    ]),
    intent(
      'en',
      'subscription.cancel',
      'Cancel subscription',
      [
        'i want to cancel my subscription',
        'how do i cancel',
        'cancel my subscription',
        'stop my subscription',
        'i want to quit the subscription',
      ],
      'You can cancel on [My Page]({{myPageUrl}}).',
    ),
    intent(
      'en',
      'shipping.when',
      'When will it ship',
      [
        'when will my order arrive',
        'when will it ship',
        'when does it arrive',
        'delivery date',
        'if i order now when will it come',
      ],
      'Orders before {{cutoffTime}} ship the same day.',
    ),
    intent(
      'en',
      'returns.defective',
      'Defective or wrong item',
      [
        'the item arrived broken',
        'i received the wrong item',
        'the product is damaged',
        'it was broken when it arrived',
        'wrong product delivered',
      ],
      'We are sorry.',
    ),
    intent(
      'en',
      'shipping.fee',
      'Shipping fee',
      ['how much is shipping', 'shipping cost', 'is delivery free', 'postage fee', 'what does shipping cost'],
      'Shipping is {{shippingFee}}.',
    ),
    intent(
      'en',
      'sizing.guide',
      'Size guide',
      [
        'which size should i buy',
        'help me choose a size',
        'what size should i get',
        'size guide',
        'how do the sizes run',
      ],
      'Here is how to choose. Exchanges within {{returnDays}} days.',
    ),
    intent('en', 'human_agent', 'Talk to a person', [
      'i want to talk to a person',
      'connect me to an operator',
      'human please',
      'can i speak to staff',
    ]),
    intent('en', 'none', 'Other', [
      'i like cats',
      'what is the weather',
      'tell me a joke',
      'stock prices today',
      'asdf',
    ]),
  ],
};

let engine: Promise<IntentEngine> | undefined;

/** The engine trained on FLOW_CORPUS (once per test file). */
export function flowEngine(): Promise<IntentEngine> {
  const examples = (locale: 'ja' | 'en') =>
    FLOW_CORPUS.intents
      .filter((i) => i.locale === locale)
      .flatMap((i) => i.utterances.map((text) => ({ text, intent: i.id })));
  engine ??= IntentEngine.train({ ja: examples('ja'), en: examples('en') });
  return engine;
}
