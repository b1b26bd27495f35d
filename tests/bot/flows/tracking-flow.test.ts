import { describe, expect, test } from 'vitest';
import type { FlowInput } from '../../../bot/flows/flow.ts';
import { trackingFlow } from '../../../bot/flows/tracking-flow.ts';
import { CONTEXT_A, CONTEXT_DOWN, SHIPPED } from '../../helpers/shopper-fixtures.ts';
import { lineFor } from './flow-facts.ts';

const start = (text: string, extra: Partial<FlowInput<boolean>> = {}) =>
  trackingFlow.start(lineFor(true, text, { intent: 'shipping.tracking', shopper: CONTEXT_A, ...extra }));

describe('trackingFlow', () => {
  test('declines an anonymous shopper (the corpus answer stays)', () => {
    expect(trackingFlow.accepts?.(lineFor(true, '配送状況は？'))).toBe(false);
  });

  test('tells the newest order shipped, with the carrier, the date and the tracking link', () => {
    const step = start('配送状況は？');
    expect(step.kind === 'answer' && step.markdown).toBe(
      'ご注文 #1234 は12月2日(水)にヤマト運輸で発送済みです。\n\n' +
        '[配送状況を確認する](https://track.example/yamato?number=491234567890)（お問い合わせ番号: 4912\\-3456\\-7890）',
    );
  });

  test('an order not shipped yet: its status', () => {
    const step = start('注文1240はどうなってる？');
    expect(step.kind === 'answer' && step.markdown).toContain(
      'ご注文 #1240（11月23日(月)のご注文）は現在「発送準備中」です',
    );
  });

  test('never links anything but an https URL', () => {
    const step = start('配送状況', {
      shopper: { ...CONTEXT_A, orders: [{ ...SHIPPED, trackingUrl: 'javascript:alert(1)' }] },
    });
    expect(step.kind === 'answer' && step.markdown).not.toContain('javascript');
    expect(step.kind === 'answer' && step.markdown).toContain('お問い合わせ番号: 4912\\-3456\\-7890');
  });

  test('the shop down: the general answer and a person', () => {
    const step = start('配送状況', {
      shopper: CONTEXT_DOWN,
      corpusAnswer: '追跡番号はメールでお知らせします',
    });
    expect(step).toMatchObject({ kind: 'answer', quickReplies: [{ intent: 'human_agent' }] });
    expect(step.kind === 'answer' && step.markdown).toContain('追跡番号はメールでお知らせします');
  });

  test('says it in English', () => {
    const step = start('where is my parcel', { locale: 'en' });
    expect(step.kind === 'answer' && step.markdown).toContain(
      'Your order #1234 was shipped on Wed, Dec 2 with ヤマト運輸.',
    );
  });

  test('the order whose number the line names, as a whole number only', () => {
    const named = start('#1240 はいつ届きますか', { intent: 'shipping.when' });
    expect(named.kind === 'answer' && named.markdown).toContain('ご注文 #1240');
    const longer = start('注文12345の配送状況');
    expect(longer.kind === 'answer' && longer.markdown).not.toContain('#1234 は');
  });

  test('a number none of theirs: not found and their recent orders, each with a button, nothing else', () => {
    const step = start('注文99990001の配送状況は？');
    expect(step.kind === 'answer' && step.markdown).toBe(
      'ご注文番号 99990001 は、お客さまのご注文の中に見つかりませんでした。最近のご注文は次のとおりです。\n\n' +
        '- #1234（11月30日(月)のご注文・発送済み）\n' +
        '- #1240（11月23日(月)のご注文・発送準備中）',
    );
    expect(step).toMatchObject({
      quickReplies: [
        { label: '#1234 の配送状況', text: '注文1234の配送状況は？', intent: 'shipping.tracking' },
        { label: '#1240 の配送状況', text: '注文1240の配送状況は？', intent: 'shipping.tracking' },
        { intent: 'human_agent' },
      ],
    });
    expect(step.kind === 'answer' && step.markdown).not.toContain('track.example');
  });

  test('a number none of theirs when they have no orders: not found, then the general answer', () => {
    const step = start('#55550001 の荷物は？', {
      shopper: { ...CONTEXT_A, orders: [] },
      corpusAnswer: '追跡番号はメールでお知らせします',
    });
    expect(step.kind === 'answer' && step.markdown).toBe(
      'ご注文番号 55550001 は、お客さまのご注文の中に見つかりませんでした。\n\n追跡番号はメールでお知らせします',
    );
  });

  test('takes a "when will it arrive" line only from a verified shopper naming an order', () => {
    const when = (text: string, extra: Partial<FlowInput<boolean>> = {}) =>
      trackingFlow.accepts?.(lineFor(true, text, { intent: 'shipping.when', shopper: CONTEXT_A, ...extra }));
    expect(when('#1234 はいつ届きますか')).toBe(true);
    expect(when('1240はいつ届く？')).toBe(true);
    expect(when('いつ届きますか')).toBe(false);
    expect(when('#1234 はいつ届きますか', { shopper: undefined })).toBe(false);
  });
});
