/**
 * Texts where a rewrite of kuromoji's lattice could differ from the stock one: no punctuation, long runs
 * of one character class, surrogate pairs (positions count code points, lengths UTF-16 units), digits,
 * half-width kana and nothing at all.
 */
export const HARD_JAPANESE_TEXTS = [
  'お試しのつもりで注文したら定期便になっていて二回目が届いて請求も来て解約したいのに電話がつながらないしメールも返ってこないのでどうしたらいいですか本当に困っています',
  'ア'.repeat(120),
  'x'.repeat(100),
  `${'ABCDEFGHIJ'.repeat(9)}を注文`,
  '𠮷野家の𩸽を食べたい𠮷𠮷𠮷',
  '123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890円',
  'ﾃｽﾄ',
  '',
];

/** More of the same for the best-path search alone (kuromoji-viterbi.ts). */
export const HARDER_JAPANESE_TEXTS = [
  ...HARD_JAPANESE_TEXTS,
  '𠮷',
  '𠮷𠮷が届かない😀😀😀',
  'Amazon Payで払ったのにPayPayの請求が来たABC123',
  '　 　',
  'ーーーー〜〜〜',
  '定期便'.repeat(80),
];

/** Lone surrogates: stock kuromoji throws on some of these. */
export const LONE_SURROGATE_TEXTS = ['\ud842解約', '解約\ud842', '\udc00', 'a\ud800b'];
