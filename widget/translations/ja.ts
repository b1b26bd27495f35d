/**
 * The widget's Japanese strings: the reference table. `Translation` is derived from it, so a key missing
 * from another locale (or a term with other parameters) is a type error there.
 */
export const ja = {
  $name: '日本語',
  launcherOpen: 'チャットでお問い合わせ',
  launcherClose: 'チャットを閉じる',
  unread: (count: number) => `未読 ${count}件`,
  title: 'お問い合わせチャット',
  subtitle: '自動応答・24時間受付',
  signedIn: 'ログイン中',
  close: 'チャットを閉じる',
  switchLocale: 'Switch to English',
  switchLocaleShort: 'EN',
  statusOnline: 'オンライン',
  statusConnecting: '接続中…',
  statusOffline: 'オフライン',
  statusUnavailable: 'ご利用いただけません',
  unavailableBanner: (email: string, phone: string, hours: string) =>
    `ただいまチャットをご利用いただけません。お手数ですが、メール（${email}）またはお電話（${phone}、${hours}）でお問い合わせください。`,
  offlineBanner: '接続が切れています。つながり次第、入力したメッセージを自動で送信します。',
  closedBanner: (when: string) => `ただいま営業時間外です。スタッフは${when}から対応します。`,
  empty: 'ご質問をどうぞ。例:「定期便の周期を変えたい」「送料はいくら？」',
  you: 'あなた',
  shop: 'ショップ',
  newMessage: '新しいメッセージ ↓',
  typing: '回答を準備しています',
  sending: '送信待ち',
  failed: '送信できませんでした',
  inputLabel: 'メッセージ',
  inputPlaceholder: 'メッセージを入力',
  inputHint: 'Enterで送信、Shift+Enterで改行',
  inputTooLong: (max: number, length: number) => `${max}文字以内で入力してください（いま${length}文字）。`,
  send: '送信',
  quickReplies: '質問の候補',
  feedbackQuestion: 'この回答は役に立ちましたか？',
  helpful: '役に立った',
  notHelpful: '役に立たなかった',
  feedbackThanks: 'ご意見ありがとうございます',
  greetingOpen: 'チャットを開く',
  greetingDismiss: 'このメッセージを閉じる',
  emailTitle: 'スタッフからメールでご返信します',
  emailLabel: 'メールアドレス',
  emailPlaceholder: 'taro@example.jp',
  emailSubmit: 'アドレスを送信',
  emailRequired: 'メールアドレスを入力してください。',
  emailInvalid: 'メールアドレスの形式が正しくありません（例: taro@example.jp）。',
  emailPrivacy: 'いただいたアドレスは、このお問い合わせへの返信にのみ使います。',
  replyPromise: '営業時間内に、担当スタッフから順次メールでご返信します。',
};

/** The shape every translation table has. */
export type Translation = typeof ja;
