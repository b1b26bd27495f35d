/**
 * "Is this about another company's service?" One shop's bot must not answer 「Amazon定期便を解約したい」
 * or 「楽天 配送先変更 注文後」 as if they were about its own subscription: the words are the shop's words,
 * so the classifier scores them high, and the shopper gets our cancellation steps for Amazon. A message that
 * names a well-known other service (a marketplace, a mobile carrier, a gym, a streaming service, a
 * convenience store's membership) is out of scope, unless the name is part of something the shop itself
 * uses: its own name, its carriers (ヤマト運輸), the payment brands it accepts (Amazon Pay, 楽天ペイ, d払い).
 *
 * A list, not a model: these names are few, stable and known, and a shop's corpus cannot teach them (no
 * shop writes 200 examples about ahamo). Matching is on normalised text (NFKC, lower case).
 */

/** Services of other companies, as shoppers write them (normalised: lower case, NFKC). */
export const OTHER_COMPANY_NAMES: readonly string[] = [
  // Marketplaces and other shops.
  'amazon',
  'アマゾン',
  'あまぞん',
  '楽天',
  'rakuten',
  'ヤフー',
  'yahoo',
  'ヤフオク',
  'paypayモール',
  'paypayフリマ',
  'メルカリ',
  'ラクマ',
  'zozo',
  'ゾゾ',
  'qoo10',
  'shein',
  'temu',
  'aliexpress',
  'ebay',
  'iherb',
  'lohaco',
  'ロハコ',
  'アスクル',
  'ヨドバシ',
  'ビックカメラ',
  'ニトリ',
  'ユニクロ',
  'ジーユー',
  '無印良品',
  'ふるさと納税',
  // Mobile carriers and internet providers.
  'au',
  'ドコモ',
  'docomo',
  'ソフトバンク',
  'softbank',
  'ワイモバイル',
  'y!mobile',
  'ymobile',
  'uqモバイル',
  'ahamo',
  'アハモ',
  'povo',
  'linemo',
  'mineo',
  '格安sim',
  '携帯会社',
  'キャリアメール',
  'wimax',
  'ocn',
  'biglobe',
  'so-net',
  'nifty',
  'ニフティ',
  'nuro',
  '光回線',
  'プロバイダ',
  // App stores (in-app purchases are the store's and the app's business).
  'app store',
  'appstore',
  'google play',
  'グーグルプレイ',
  // Gyms and schools.
  'エニタイム',
  'anytime fitness',
  'ライザップ',
  'rizap',
  'チョコザップ',
  'chocozap',
  'カーブス',
  'ティップネス',
  'ゴールドジム',
  'コナミスポーツ',
  // Streaming and other subscriptions.
  'netflix',
  'ネットフリックス',
  'ネトフリ',
  'hulu',
  'u-next',
  'u next',
  'unext',
  'ユーネクスト',
  'disney+',
  'ディズニープラス',
  'spotify',
  'apple music',
  'プライムビデオ',
  'アマプラ',
  'dazn',
  'abema',
  // Convenience stores' own memberships and apps (paying at their till is in scope, see below).
  'ローソン',
  'セブンイレブン',
  'セブン-イレブン',
  'ファミリーマート',
  'ファミマ',
  'ミニストップ',
];

/**
 * Names that contain another company's name but are the shop's own business: payment brands, carriers
 * and paying at a convenience store. Removed from the text before the other-company names are looked for.
 */
export const IN_SCOPE_BRAND_NAMES: readonly string[] = [
  'amazon pay',
  'amazonpay',
  'アマゾンペイ',
  'アマゾンpay',
  '楽天ペイ',
  '楽天pay',
  'rakuten pay',
  '楽天カード',
  '楽天銀行',
  'paypay',
  'ペイペイ',
  'd払い',
  'ドコモ払い',
  'docomo払い',
  'auかんたん決済',
  'au pay',
  'aupay',
  'ソフトバンクまとめて支払い',
  'ソフトバンク・ワイモバイルまとめて支払い',
  'ワイモバイルまとめて支払い',
  'キャリア決済',
  'メルペイ',
  'line pay',
  'linepay',
  'yahoo!ウォレット',
  // Paying at (or shipping to) a convenience store is the shop's own service.
  'コンビニ',
  'ローソンで支払',
  'ローソンで払',
  'ローソン払',
  'ローソン受取',
  'ローソンで受',
  'セブンイレブンで支払',
  'セブンイレブンで払',
  'セブンイレブン払',
  'セブンイレブンで受',
  'セブン-イレブンで支払',
  'セブン-イレブンで払',
  'ファミマで支払',
  'ファミマで払',
  'ファミマ払',
  'ファミマで受',
  'ファミリーマートで支払',
  'ファミリーマートで払',
  'ファミリーマートで受',
  'ミニストップで支払',
  'ミニストップで払',
];

/** What a shop adds to the in-scope names: its own name and its carriers (from shop.yaml). */
export interface OwnNames {
  names: readonly string[];
}

/** A matcher built once per engine. */
export interface OtherCompanyMatcher {
  /** The other company named in normalised text, or null. */
  find(normalizedText: string): string | null;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

function alternation(names: readonly string[]): RegExp | null {
  const cleaned = [...new Set(names.map((n) => n.normalize('NFKC').toLowerCase().trim()).filter(Boolean))];
  if (cleaned.length === 0) return null;
  // Longest first, so 「楽天ペイ」 wins over 「楽天」. One alternation of literals: linear in the text.
  cleaned.sort((a, b) => b.length - a.length);
  return new RegExp(cleaned.map(escapeRegExp).join('|'), 'gu');
}

/** Latin names match as whole words only (「au」 must not match 「aurora」, 「ジム」 is Japanese). */
function isWholeWord(text: string, start: number, length: number): boolean {
  const before = text[start - 1] ?? ' ';
  const after = text[start + length] ?? ' ';
  return !/[a-z0-9]/u.test(before) && !/[a-z0-9]/u.test(after);
}

/**
 * Builds the matcher. `ownNames` are the shop's own name(s) and carriers; the built-in lists above can be
 * extended by passing more names.
 */
export function otherCompanyMatcher(
  ownNames: readonly string[] = [],
  otherNames: readonly string[] = OTHER_COMPANY_NAMES,
): OtherCompanyMatcher {
  const inScope = alternation([...IN_SCOPE_BRAND_NAMES, ...ownNames]);
  const others = alternation(otherNames);
  return {
    find(normalizedText: string): string | null {
      if (!others) return null;
      const text = inScope ? normalizedText.replace(inScope, (m) => ' '.repeat(m.length)) : normalizedText;
      for (const match of text.matchAll(others)) {
        const name = match[0];
        const latin = /^[a-z0-9]/u.test(name);
        if (!latin || isWholeWord(text, match.index, name.length)) return name;
      }
      return null;
    },
  };
}
