/**
 * The shipped corpus's held-out `tests` utterances (never trained on) must reach these minimums. They are
 * floors under the measured figures (2026-11-23, first: ja 88.6 % / 91.0 %, en 82.9 % / 87.5 %; 2026-11-23 ja 90.1 % / 91.0 %, en 89.2 % / 86.5 %; 2026-12-03 with the real-shopper corpus and the fitted
 * decision layer ja 93.6 % / 94.0 %, en 89.5 % / 86.5 %), to be raised as the
 * corpus and engine improve — never lowered to make a change pass.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { type Corpus, loadCorpus, testExamples, trainingExamples } from '../../bot/corpus/load-corpus.ts';
import { evaluate } from '../../bot/nlu/evaluate.ts';
import { IntentEngine } from '../../bot/nlu/intent-engine.ts';

const MINIMUM = {
  ja: { inScopeAccuracy: 0.91, outOfScopeRecall: 0.91 },
  en: { inScopeAccuracy: 0.87, outOfScopeRecall: 0.85 },
} as const;

describe('shipped corpus accuracy on held-out tests', () => {
  let corpus: Corpus;
  let engine: IntentEngine;

  beforeAll(async () => {
    corpus = await loadCorpus('corpus');
    engine = await IntentEngine.train({
      ja: trainingExamples(corpus, 'ja'),
      en: trainingExamples(corpus, 'en'),
    });
  }, 180_000);

  test.each(['ja', 'en'] as const)(
    '%s reaches the minimum in-scope accuracy and out-of-scope recall',
    (locale) => {
      const report = evaluate(engine, testExamples(corpus, locale), locale);
      expect(report.inScope.total).toBeGreaterThan(200);
      expect(report.outOfScope.total).toBeGreaterThan(40);
      expect(report.inScope.accuracy).toBeGreaterThanOrEqual(MINIMUM[locale].inScopeAccuracy);
      expect(report.outOfScope.recall).toBeGreaterThanOrEqual(MINIMUM[locale].outOfScopeRecall);
    },
  );

  // Near-misses the corpus must tell apart, negations included (issue #4). Not in the corpus.
  test.each([
    ['解約はしたくないけど間隔を空けたい', 'subscription.interval_change'],
    ['退会じゃなくて定期だけやめたい', 'subscription.cancel'],
    ['やめるんじゃなくてしばらく止めたい', 'subscription.pause'],
    ['ずっとじゃなくて次の1回だけいらない', 'subscription.skip'],
    ['定期便じゃなくて普通の注文をキャンセルしたい', 'order.cancel'],
    ['アカウントごと消したい', 'account.delete'],
    ['サイズが合わないので交換したい', 'sizing.exchange'],
    ['サイズ交換じゃなくて返品したい', 'returns.policy'],
    ['届いた靴に傷がありました', 'returns.defective'],
    ['発送済みなのにまだ届かない', 'shipping.tracking'],
    ['注文したのにまだ発送されない', 'shipping.when'],
    ['次の定期便はいつ届く？', 'subscription.next_delivery'],
    ['会員情報の住所を変えたい', 'account.update'],
    ['今回の注文だけ別の住所に送ってほしい', 'shipping.address_change'],
    ['定期便の商品を別のものに変えたい', 'subscription.change_items'],
    ['注文した商品の色を変えたい', 'order.change'],
  ])('answers %s as %s', (text, intent) => {
    expect(engine.predict(text, 'ja').decision).toMatchObject({ decision: 'answer', intent });
  });

  // How real shoppers write (issue #15): the story first, the request at the end. Written for this test;
  // not in the corpus or in the real-shopper development set.
  test.each([
    [
      '先月、初回500円のお試しセットを注文しました。1回だけのつもりだったのに、今月また商品が届いて請求も来ています。電話してもつながりません。解約したいです。',
      'subscription.cancel',
    ],
    [
      'モニター価格だと思って申し込んだら定期コースになっていました。もう要らないのでやめたいです',
      'subscription.cancel',
    ],
    [
      '母の誕生日に贈りたくて先週注文しました。まだ発送の連絡が来ないのですが、いつ届きますか',
      'shipping.when',
    ],
  ])('answers the story 「%s」 as %s', (text, intent) => {
    const result = engine.predict(text, 'ja');
    expect(result.clauses).toBeGreaterThan(1);
    expect(result.decision).toMatchObject({ decision: 'answer', intent });
  });

  test.each([
    ['Amazonの定期おトク便をやめたいです', 'other-company'],
    ['楽天で買った化粧品を返品したい', 'other-company'],
  ])('refuses 「%s」 about another company’s service (%s)', (text, reason) => {
    expect(engine.predict(text, 'ja').decision).toMatchObject({ decision: 'none', reason });
  });

  test('keeps a payment brand that contains another company’s name in scope', () => {
    expect(engine.predict('Amazon Payで支払いできますか', 'ja').decision).toMatchObject({
      decision: 'answer',
      intent: 'payment.methods',
    });
  });
});
