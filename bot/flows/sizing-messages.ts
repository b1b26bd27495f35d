/** The sentences of the sizing flow (sizing-flow.ts), Japanese first and English second. */
import type { MessageTables } from '../i18n/message-table.ts';

const ja = {
  sizingAskSize:
    'サイズ選びをお手伝いします。普段のサイズを教えてください。シューズなら「24.5cm」のようにcmで、ウェアならS・M・Lからお選びください。',
  sizingAskSizeAgain:
    'サイズが読み取れませんでした。シューズは「24.5cm」のように、ウェアはS・M・Lで教えてください。',
  sizingAskShoeSize:
    'シューズのサイズ選びをお手伝いします。普段の靴のサイズを「24.5cm」のようにcmで教えてください。',
  sizingAskShoeSizeAgain:
    'サイズが読み取れませんでした。普段の靴のサイズを「24.5cm」のように教えてください。',
  sizingAskFoot: '普段は{{size}}ですね。足の形はどれに近いですか？',
  sizingAskFootAgain: '足の形を「甲高」「幅広」「普通」からお選びください。',
  sizingFootHigh: '甲高',
  sizingFootWide: '幅広',
  sizingFootNormal: '普通',
  sizingFootHighPhrase: '甲高',
  sizingFootWidePhrase: '幅広',
  sizingFootHighWidePhrase: '甲高・幅広',
  sizingAskHeight: '普段は{{size}}サイズですね。身長を教えてください（例: 160cm）。',
  sizingAskHeightAgain: '身長が読み取れませんでした。「160cm」のように教えてください。',
  sizingShoeUsual: '普段どおりの**{{size}}**がおすすめです。',
  sizingShoeLarger: '{{foot}}の方には、普段より{{adjust}}大きい**{{size}}**がおすすめです。',
  sizingShoeOutOfRange:
    '申し訳ありません。シューズは{{min}}〜{{max}}の展開のため、おすすめの{{size}}はご用意がありません。',
  sizingApparel:
    '身長{{height}}cmでしたら**{{size}}サイズ**がおすすめです（{{size}}は身長{{range}}が目安です）。',
  sizingApparelBetween: '普段の{{usual}}サイズと迷われる場合は、大きいほうの{{larger}}サイズが安心です。',
  sizingApparelOutOfRange:
    '申し訳ありません。ウェアのサイズ表は身長{{max}}cmまでのため、身長{{height}}cmに合うサイズをご案内できません。各商品ページのサイズ表（着丈・身幅）をご確認ください。',
  sizingHeightRange: '{{from}}〜{{to}}cm',
  sizingHeightUpTo: '〜{{to}}cm',
  sizingExchange:
    '万一合わなかった場合も、商品到着から{{days}}日以内・未着用であれば**別サイズへの交換が1回無料**です（[マイページ]({{myPageUrl}})の「注文履歴」からお申し込みください）。',
} as const;

/** A sentence of the sizing flow (sizing-flow.ts). */
export type SizingMessageKey = keyof typeof ja;

const en = {
  sizingAskSize:
    'Happy to help you choose a size. What size do you usually wear? For shoes, type it in cm (like 24.5cm); for apparel, choose S, M or L.',
  sizingAskSizeAgain:
    "Sorry, I couldn't read the size. For shoes, type it like 24.5cm; for apparel, choose S, M or L.",
  sizingAskShoeSize:
    'Happy to help you choose a shoe size. What size do you usually wear, in cm (like 24.5cm)?',
  sizingAskShoeSizeAgain:
    "Sorry, I couldn't read the size. Please type your usual shoe size in cm, like 24.5cm.",
  sizingAskFoot: 'You usually wear {{size}}. Which is closest to your feet?',
  sizingAskFootAgain: 'Please choose High instep, Wide feet or Regular.',
  sizingFootHigh: 'High instep',
  sizingFootWide: 'Wide feet',
  sizingFootNormal: 'Regular',
  sizingFootHighPhrase: 'a high instep',
  sizingFootWidePhrase: 'wide feet',
  sizingFootHighWidePhrase: 'a high instep and wide feet',
  sizingAskHeight: 'You usually wear size {{size}}. How tall are you? (for example 160cm)',
  sizingAskHeightAgain: "Sorry, I couldn't read your height. Please type it like 160cm.",
  sizingShoeUsual: 'We recommend your usual size, **{{size}}**.',
  sizingShoeLarger: 'With {{foot}}, we recommend **{{size}}**, {{adjust}} larger than usual.',
  sizingShoeOutOfRange:
    "Sorry, our shoes come in {{min}} to {{max}}, so we don't have the {{size}} we would recommend.",
  sizingApparel: 'At {{height}}cm, we recommend **size {{size}}** (size {{size}} fits heights {{range}}).',
  sizingApparelBetween:
    "If you're torn between it and your usual {{usual}}, the larger one ({{larger}}) is the safer choice.",
  sizingApparelOutOfRange:
    "Sorry, our apparel size chart only goes up to {{max}}cm, so I can't recommend a size for {{height}}cm. Please check the size chart (length, width) on each product page.",
  sizingHeightRange: '{{from}}–{{to}}cm',
  sizingHeightUpTo: 'up to {{to}}cm',
  sizingExchange:
    'If it doesn\'t fit, you can **exchange it for another size once for free** within {{days}} days of delivery if unworn (from "Order history" on [My Page]({{myPageUrl}})).',
} satisfies Record<SizingMessageKey, string>;

/** The sentences of the sizing flow (sizing-flow.ts). */
export const sizingMessages: MessageTables<SizingMessageKey> = { ja, en };
