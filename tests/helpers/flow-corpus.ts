/**
 * A small bilingual corpus with the intents the dialogue flows start from (cancellation, shipping date,
 * defect, sizing, subscription changes), for flow conversation tests and their WebSocket integration
 * tests.
 */
import type { Corpus } from '../../bot/corpus/load-corpus.ts';
import type { IntentEngine } from '../../bot/nlu/intent-engine.ts';
import { HUMAN_AGENT_JA, intent, OUT_OF_SCOPE_EN, OUT_OF_SCOPE_JA, trainOn } from './small-corpus.ts';

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
    intent(
      'ja',
      'subscription.interval_change',
      'お届け周期の変更',
      [
        'お届け周期を変更したい',
        '周期を変えたい',
        '届く間隔を延ばしたい',
        '配送サイクルを変更',
        'お届け間隔の変更',
      ],
      'お届け周期は[マイページ]({{myPageUrl}})の「定期便の管理」→「お届け周期の変更」から変更できます。',
    ),
    intent(
      'ja',
      'subscription.skip',
      '次回のお届けをスキップ',
      [
        '次回をスキップしたい',
        '次の配送を飛ばしたい',
        '次回のお届けを休みたい',
        '今月はスキップ',
        '一回スキップしたい',
      ],
      '次回のスキップは[マイページ]({{myPageUrl}})の「定期便の管理」→「次回をスキップ」からできます。',
    ),
    intent(
      'ja',
      'subscription.pause',
      '定期便の休止・再開',
      ['定期便を休止したい', 'しばらく止めたい', '一時停止したい', '定期を休止', '休止と再開の方法'],
      '休止は[マイページ]({{myPageUrl}})の「定期便の管理」→「休止する」からできます。',
    ),
    intent(
      'ja',
      'subscription.change_items',
      '定期の商品・数量の変更',
      [
        '定期の商品を変更したい',
        '数量を変えたい',
        '定期便の内容を変更',
        '商品を追加したい',
        '定期の本数を減らしたい',
      ],
      '商品・数量は[マイページ]({{myPageUrl}})の「定期便の管理」→「商品・数量の変更」から変更できます。',
    ),
    intent(
      'ja',
      'subscription.next_delivery',
      '次回お届け日の確認・変更',
      [
        '次回のお届け日はいつ',
        '次の配送日を知りたい',
        '次回お届け日を確認したい',
        '次回発送日',
        '次回の日付を変えたい',
      ],
      '次回のお届け予定日は[マイページ]({{myPageUrl}})の「定期便の管理」でご確認いただけます。',
    ),
    HUMAN_AGENT_JA,
    OUT_OF_SCOPE_JA,
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
    intent(
      'en',
      'subscription.interval_change',
      'Change delivery frequency',
      [
        'change my delivery frequency',
        'change the interval',
        'deliver less often',
        'i want deliveries every 2 months',
        'change delivery cycle',
      ],
      'Change the interval on [My Page]({{myPageUrl}}) under "Manage subscription" → "Change delivery interval".',
    ),
    intent(
      'en',
      'subscription.skip',
      'Skip next delivery',
      [
        'skip next delivery',
        'skip my next shipment',
        'i want to skip one delivery',
        'skip this month',
        'skip the next order',
      ],
      'Skip on [My Page]({{myPageUrl}}) under "Manage subscription" → "Skip next delivery".',
    ),
    intent(
      'en',
      'subscription.pause',
      'Pause or resume subscription',
      [
        'pause my subscription',
        'put my subscription on hold',
        'stop deliveries for a while',
        'pause deliveries',
        'how do i pause',
      ],
      'Pause on [My Page]({{myPageUrl}}) under "Manage subscription" → "Pause".',
    ),
    intent(
      'en',
      'subscription.change_items',
      'Change subscription items',
      [
        'change the items in my subscription',
        'change quantity of my subscription',
        'add a product to my subscription',
        'swap products in my subscription',
        'change subscription items',
      ],
      'Change items on [My Page]({{myPageUrl}}) under "Manage subscription" → "Change items / quantity".',
    ),
    intent(
      'en',
      'subscription.next_delivery',
      'Next delivery date',
      [
        'when is my next delivery',
        'next delivery date',
        'check my next delivery date',
        'when is the next shipment scheduled',
        'next scheduled delivery',
      ],
      'See your next delivery date on [My Page]({{myPageUrl}}) under "Manage subscription".',
    ),
    intent('en', 'human_agent', 'Talk to a person', [
      'i want to talk to a person',
      'connect me to an operator',
      'human please',
      'can i speak to staff',
    ]),
    OUT_OF_SCOPE_EN,
  ],
};

let engine: Promise<IntentEngine> | undefined;

/** The engine trained on FLOW_CORPUS (once per test file). */
export function flowEngine(): Promise<IntentEngine> {
  engine ??= trainOn(FLOW_CORPUS);
  return engine;
}
