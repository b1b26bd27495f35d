/**
 * Japanese shopper messages for the load benchmark: written for the benchmark (not taken from the corpus or
 * its held-out tests), one or two per topic a subscription shop hears, at the length shoppers type.
 * None asks for a person, so a chat stays in the question-and-answer flow instead of the handoff dialogue.
 */

/** Base questions, roughly in the proportions a subscription shop sees (delivery and subscription first). */
export const SHOPPER_MESSAGES: readonly string[] = [
  '定期便のお届け間隔を2か月に1回に変えたいです',
  '定期便のお届け周期を早めることはできますか',
  '次の発送を一回お休みできますか',
  '来月分だけ止めてもらうことってできますか',
  'しばらく旅行に行くので定期をいったん停止したい',
  '定期コースをやめたいのですが手続きはどこからですか',
  '解約に回数の縛りはありますか',
  '定期便の2回目以降も同じ値段ですか',
  '次回のお届けはいつ頃になりますか',
  '定期便の中身を別の味に替えたい',
  '次の定期便に商品を追加で同梱してもらえますか',
  '引っ越すので届け先の住所を変更したい',
  '昨日注文した分はもう発送されましたか',
  '今日のうちに発送してもらえる締め時間は何時ですか',
  '配送状況を確認したいのですが追跡番号はどこで見られますか',
  '不在で受け取れなかった荷物はどうなりますか',
  '送料っていくらかかりますか',
  'いくら以上買えば送料無料になりますか',
  '午前中に届けてもらうことはできますか',
  '夜の時間帯に配達を指定したい',
  '海外の住所にも送ってもらえますか',
  '予約していた商品はいつ出荷されますか',
  '支払い方法は何が使えますか',
  '後払いやコンビニ払いには対応していますか',
  'カードで決済しようとしたらエラーになりました',
  '請求金額が二重になっているようです',
  '会社の経費にしたいので宛名入りの領収書がほしいです',
  'さっき頼んだ注文、やっぱりキャンセルさせてください',
  '注文した個数を変更できますか',
  '注文確認のメールが届いていません',
  '届いた商品の箱がつぶれて中身が割れていました',
  '一度開けてしまった商品でも返品は受け付けてもらえますか',
  '返金はいつ頃振り込まれますか',
  'サイズが合わなかったので交換をお願いしたい',
  'MサイズとLサイズで迷っています、サイズ表はありますか',
  'この商品の原材料を教えてください',
  'アレルギーがあるのですが小麦は入っていますか',
  '1日にどれくらい飲めばいいですか',
  '妊娠中でも飲んで大丈夫ですか',
  '品切れの商品はいつ再入荷しますか',
  'ポイントはいつ使えるようになりますか',
  'クーポンコードを入れても割引されません',
  'プレゼント用にラッピングしてもらえますか',
  'パスワードを忘れてマイページに入れません',
  '登録しているメールアドレスを変えたい',
  '会員をやめて登録情報を消してほしい',
  '問い合わせ用の電話番号を知りたいです',
  'お問い合わせ窓口は何時まで開いていますか',
  'こんにちは、はじめて利用します',
  '丁寧に教えていただきありがとうございました',
];

/** Openings shoppers put in front of a question (empty most often). */
const OPENINGS: readonly string[] = ['', '', '', 'すみません、', 'あの、', 'こんばんは。', '質問です。'];

/** Endings; `#` becomes an order number, so most texts differ and the prediction cache rarely hits. */
const ENDINGS: readonly string[] = [
  '',
  '',
  '？',
  '。よろしくお願いします',
  '（注文番号 #）',
  ' 注文番号は#です',
];

/** Deterministic PRNG (mulberry32), so every run sends the same sequence of texts. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An endless source of varied shopper texts: a base question with an opening, an ending and numbers. */
export function shopperTexts(seed = 1): () => string {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return () => {
    const orderNumber = String(100_000 + Math.floor(random() * 900_000));
    return `${pick(OPENINGS)}${pick(SHOPPER_MESSAGES)}${pick(ENDINGS).replace('#', orderNumber)}`;
  };
}
