/**
 * The sentences of the verified shopper's subscription flow (shopper-subscription-flow.ts) and of the
 * shop-data parts of the cancellation flow, Japanese first and English second.
 */
import type { MessageTables } from '../i18n/message-table.ts';

const ja = {
  shopUnavailable:
    'ただいまショップのシステムからご契約内容を確認できませんでした。お手数ですが少し時間をおいてお試しいただくか、担当スタッフにご相談ください。',
  shopNoSubscription:
    '現在ご利用中の定期便が見つかりませんでした。ご不明な点は担当スタッフにご相談ください。',
  shopStaff: 'スタッフに相談する',
  shopPick: '定期便が{{count}}件あります。どちらの定期便についてですか？',
  shopPickAgain: '下のボタンから定期便を選んでください。',
  shopNext: '{{product}}の次回は**{{date}}のお届け**です。変更は{{deadline}}まで承ります。',
  shopNextLocked:
    '{{product}}の次回は**{{date}}のお届け**です。変更期限（{{deadline}}）を過ぎたため、次回分は変更できません。',
  shopPaused: '{{product}}の定期便は現在休止中です。',
  shopSkip: '次回をスキップ',
  shopChangeDate: 'お届け日を変更',
  shopChangeInterval: '周期を変更',
  shopResume: '再開する',
  shopAskInterval: 'ご希望のお届け周期を教えてください（今は{{current}}です）。',
  shopAskDate: 'ご希望のお届け日を教えてください（例: 12月15日）。変更期限は{{deadline}}です。',
  shopValueAgain: '読み取れませんでした。もう一度入力してください（例: 2ヶ月ごと、12月15日）。',
  shopWhatSkip: '{{product}}の次回のお届け（{{date}}）をスキップします。',
  shopWhatInterval: '{{product}}のお届け周期を{{from}}から{{to}}に変更します。',
  shopWhatNextDate: '{{product}}の次回のお届けを{{from}}から{{to}}に変更します。',
  shopWhatPause: '{{product}}の定期便を休止します。',
  shopWhatResume: '{{product}}の定期便を再開します。',
  shopWhatCancel: '{{product}}の定期便を解約します。',
  shopConfirm: '{{what}}よろしいですか？',
  shopConfirmYes: '手続きする',
  shopConfirmNo: 'やめる',
  shopConfirmAgain: '「手続きする」か「やめる」を選んでください。',
  shopAborted: '承知しました。変更は行っていません。',
  shopDone: '手続きが完了しました。{{product}}の次回は**{{date}}のお届け**です（{{interval}}）。',
  shopDonePaused:
    '{{product}}の定期便を休止しました。再開はこのチャットまたはマイページからいつでもできます。',
  shopDoneCancelled:
    '{{product}}の定期便の解約手続きが完了しました。これまでのご利用ありがとうございました。',
  shopDeadlinePassed:
    '申し訳ありません。{{product}}の次回のお届けは変更期限（{{deadline}}）を過ぎているため、チャットでは変更できません。担当スタッフにご相談いただけます。',
  shopNotAllowed:
    '申し訳ありません。{{product}}の定期便は、現在この変更をチャットで承ることができません。担当スタッフにご相談いただけます。',
  shopRefused:
    '申し訳ありません。ショップのシステムがこの変更を受け付けませんでした（期限や契約条件によるものです）。担当スタッフにご相談いただけます。',
  shopFailed:
    '申し訳ありません。ただいま手続きの完了を確認できませんでした。もう一度お試しいただくか、担当スタッフにご相談ください。',
  shopRetry: 'もう一度試す',
} as const;

/** A sentence of the verified shopper's flows. */
export type ShopperMessageKey = keyof typeof ja;

const en = {
  shopUnavailable:
    "Sorry, I couldn't read your subscription from the shop's system just now. Please try again in a little while, or talk to our staff.",
  shopNoSubscription:
    "I couldn't find a running subscription for you. Our staff can help if something is unclear.",
  shopStaff: 'Talk to our staff',
  shopPick: 'You have {{count}} subscriptions. Which one is it about?',
  shopPickAgain: 'Please pick the subscription with one of the buttons below.',
  shopNext: 'Your next delivery of {{product}} is on **{{date}}**. You can change it until {{deadline}}.',
  shopNextLocked:
    'Your next delivery of {{product}} is on **{{date}}**. The change deadline ({{deadline}}) has passed, so this delivery can no longer be changed.',
  shopPaused: 'Your {{product}} subscription is paused.',
  shopSkip: 'Skip next delivery',
  shopChangeDate: 'Change the date',
  shopChangeInterval: 'Change the interval',
  shopResume: 'Resume',
  shopAskInterval: 'How often would you like your deliveries? (now: {{current}})',
  shopAskDate: 'Which date would you like (for example Dec 15)? The change deadline is {{deadline}}.',
  shopValueAgain: "Sorry, I couldn't read that. Please type it again (for example every 2 months, Dec 15).",
  shopWhatSkip: 'I will skip the next delivery of {{product}} ({{date}}).',
  shopWhatInterval: 'I will change the delivery interval of {{product}} from {{from}} to {{to}}.',
  shopWhatNextDate: 'I will move the next delivery of {{product}} from {{from}} to {{to}}.',
  shopWhatPause: 'I will pause your {{product}} subscription.',
  shopWhatResume: 'I will resume your {{product}} subscription.',
  shopWhatCancel: 'I will cancel your {{product}} subscription.',
  shopConfirm: '{{what}} Shall I go ahead?',
  shopConfirmYes: 'Go ahead',
  shopConfirmNo: "Don't change",
  shopConfirmAgain: 'Please choose "Go ahead" or "Don\'t change".',
  shopAborted: 'All right, nothing has been changed.',
  shopDone: 'Done. Your next delivery of {{product}} is on **{{date}}** ({{interval}}).',
  shopDonePaused: 'Your {{product}} subscription is paused. You can resume it here or on My Page any time.',
  shopDoneCancelled: 'Your {{product}} subscription has been cancelled. Thank you for having been with us.',
  shopDeadlinePassed:
    'Sorry, the change deadline for the next delivery of {{product}} ({{deadline}}) has passed, so I cannot change it here. Our staff can help.',
  shopNotAllowed:
    "Sorry, this change to your {{product}} subscription can't be made in the chat right now. Our staff can help.",
  shopRefused:
    "Sorry, the shop's system did not accept this change (a deadline or the subscription's terms). Our staff can help.",
  shopFailed:
    "Sorry, I couldn't confirm that the change went through. Please try again, or talk to our staff.",
  shopRetry: 'Try again',
} satisfies Record<ShopperMessageKey, string>;

/** The sentences of the verified shopper's flows. */
export const shopperMessages: MessageTables<ShopperMessageKey> = { ja, en };
