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
});
