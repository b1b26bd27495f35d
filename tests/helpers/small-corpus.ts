/**
 * A small bilingual corpus for server and dialogue tests: trains in well under a second, so tests do
 * not pay for the shipped corpus (which has its own accuracy test).
 */
import { type Corpus, type LoadedIntent, trainingExamples } from '../../bot/corpus/load-corpus.ts';
import { IntentEngine } from '../../bot/nlu/intent-engine.ts';

/** An inline corpus intent (shared by the test corpora). */
export function intent(
  locale: 'ja' | 'en',
  id: string,
  title: string,
  utterances: string[],
  answer?: string,
  quickReplies?: string[],
): LoadedIntent {
  return {
    locale,
    domain: 'test',
    file: 'inline',
    id,
    title,
    utterances,
    ...(answer ? { answer } : {}),
    ...(quickReplies ? { quickReplies } : {}),
  };
}

/** Asking for a person, in Japanese (shared by the test corpora). */
export const HUMAN_AGENT_JA = intent('ja', 'human_agent', 'スタッフと話す', [
  '人と話したい',
  'オペレーターにつないで',
  'スタッフに相談したい',
  '担当者と話したい',
]);

/** Out-of-scope examples, in Japanese (shared by the test corpora). */
export const OUT_OF_SCOPE_JA = intent('ja', 'none', 'その他', [
  '猫が好き',
  '今日の天気は',
  '宇宙の大きさ',
  'ラーメン食べたい',
  'あいうえお',
  '株価を教えて',
]);

/** Out-of-scope examples, in English (shared by the test corpora). */
export const OUT_OF_SCOPE_EN = intent('en', 'none', 'Other', [
  'i like cats',
  'what is the weather',
  'tell me a joke',
  'stock prices today',
  'asdf',
]);

/** The small corpus. */
export const SMALL_CORPUS: Corpus = {
  intents: [
    intent(
      'ja',
      'greeting',
      'あいさつ',
      ['こんにちは', 'こんばんは', 'はじめまして', 'おはようございます', 'どうも'],
      'こんにちは！{{shopName}}です。',
    ),
    intent(
      'ja',
      'subscription.interval_change',
      'お届け周期の変更',
      [
        '定期便の周期を変えたい',
        'お届け間隔を変更したい',
        '届く間隔をあけたい',
        '2ヶ月ごとにしたい',
        '周期変更できますか',
      ],
      'お届け周期は[マイページ]({{myPageUrl}})から変更できます。',
      ['subscription.cancel'],
    ),
    intent(
      'ja',
      'subscription.cancel',
      '定期便の解約',
      ['定期便を解約したい', '定期をやめたい', '解約方法を教えて', '定期購入を止めたい', '定期コースを解約'],
      '解約は次回発送の{{changeDeadlineDays}}日前までにご連絡ください。',
    ),
    intent(
      'ja',
      'shipping.fee',
      '送料',
      ['送料はいくら', '送料無料になる条件', '配送料を知りたい', '送料', '送料かかりますか'],
      '送料は{{shippingFee}}です。',
    ),
    HUMAN_AGENT_JA,
    OUT_OF_SCOPE_JA,
    intent(
      'en',
      'greeting',
      'Greeting',
      ['hello', 'hi there', 'good evening', 'hey', 'good morning'],
      'Hello! This is {{shopName}}.',
    ),
    intent(
      'en',
      'shipping.fee',
      'Shipping fee',
      ['how much is shipping', 'shipping cost', 'is delivery free', 'postage fee', 'what does shipping cost'],
      'Shipping is {{shippingFee}}.',
    ),
    OUT_OF_SCOPE_EN,
  ],
};

/** Trains an engine on an inline corpus (both locales). */
export function trainOn(corpus: Corpus): Promise<IntentEngine> {
  return IntentEngine.train({ ja: trainingExamples(corpus, 'ja'), en: trainingExamples(corpus, 'en') });
}

let engine: Promise<IntentEngine> | undefined;

/** The engine trained on SMALL_CORPUS (trained once per test file). */
export function smallEngine(): Promise<IntentEngine> {
  engine ??= trainOn(SMALL_CORPUS);
  return engine;
}
