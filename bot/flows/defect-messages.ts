/** The sentences of the defect-intake flow (defect-flow.ts), Japanese first and English second. */
import type { MessageTables } from '../i18n/message-table.ts';

const ja = {
  defectApology:
    'ご迷惑をおかけして大変申し訳ございません。すぐに対応いたしますので、注文番号を教えてください（ご注文確認メールに記載されています）。',
  defectUnknownOrder: '注文番号がわからない',
  defectAskProblem: 'ありがとうございます。どのような状態でしたか？',
  defectDamaged: '破損・汚れがあった',
  defectWrongItem: '違う商品が届いた',
  defectMissing: '数が足りない',
  defectOther: 'その他',
  defectPromise:
    '状況を承りました。**交換品を先にお送りします**ので、お手元の商品を先にご返送いただく必要はありません。写真があれば、担当スタッフからのメールにご返信いただく際に添付いただけると確認が早く進みます（任意です）。',
  defectCase: '不良品・誤配送のご連絡（注文番号: {{order}}、内容: {{problem}}）',
  defectOrderUnknown: '不明',
} as const;

/** A sentence of the defect-intake flow (defect-flow.ts). */
export type DefectMessageKey = keyof typeof ja;

const en = {
  defectApology:
    "We are very sorry for the trouble. We'll sort it out right away: what is your order number? (It is in your order confirmation email.)",
  defectUnknownOrder: "I don't know it",
  defectAskProblem: 'Thank you. What was wrong with it?',
  defectDamaged: 'Damaged or dirty',
  defectWrongItem: 'Wrong item',
  defectMissing: 'Items missing',
  defectOther: 'Something else',
  defectPromise:
    "Thank you for letting us know. **We will send the replacement first**: you don't have to send anything back before it arrives. If you have a photo, you can attach it when you reply to our staff's email (optional).",
  defectCase: 'Defective or wrong item (order number: {{order}}, problem: {{problem}})',
  defectOrderUnknown: 'unknown',
} satisfies Record<DefectMessageKey, string>;

/** The sentences of the defect-intake flow (defect-flow.ts). */
export const defectMessages: MessageTables<DefectMessageKey> = { ja, en };
