/**
 * The escalation page's reply to the shopper and its staff lines (docs/handoff.md#staff-replies), in
 * Japanese: the reference for en-staff-replies.ts. Spread into ja.ts.
 */
export const jaStaffReplies = {
  replyToShopper: 'お客さまへ返信',
  replyHelp: (email: string) =>
    `チャットで送ると、お客さまが開いているチャットにすぐ表示され、閉じていれば次に訪れたときに未読マーク付きで表示されます。LINE の会話ではLINEのメッセージ（プッシュ、有料）で届きます。メールは ${email} 宛てに送信箱から送ります。`,
  replyVia: '送り方',
  replyVia_web: 'チャット（ウィジェット）',
  replyVia_line: 'LINEのメッセージ',
  replyVia_mail: 'メール',
  subject: '件名（メールのみ）',
  subjectPlaceholder: '省略すると自動で付けます',
  message: '本文',
  sendReply: '返信を送る',
  replyQueued: '返信を送信箱に入れました。',
  replySent_web:
    'チャットに返信しました。お客さまがチャットを開いていればすぐに、閉じていれば次の訪問時に表示されます。',
  replySent_line: 'LINEで返信しました。',
  replyFallback: 'チャットではお客さまに届かない（LINEのブロックなど）ため、メールで送信箱に入れました。',
  staffLine: 'スタッフ',
  staffSeen: (when: string) => `既読 ${when}`,
  staffUnseen: '未読',
};
