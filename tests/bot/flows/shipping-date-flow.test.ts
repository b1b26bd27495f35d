import { describe, expect, test } from 'vitest';
import { shippingDateFlow } from '../../../bot/flows/shipping-date-flow.ts';
import { lineFor } from './flow-facts.ts';

const line = (text: string) => lineFor(true, text);

describe('shippingDateFlow', () => {
  test('gives the shipping date and asks for the prefecture with four buttons', () => {
    const step = shippingDateFlow.start(line('いつ届きますか'));
    expect(step.kind === 'ask' && step.state).toEqual({ name: 'shipping-date', step: 'prefecture' });
    expect(step.kind === 'ask' && step.quickReplies.map((b) => b.label)).toEqual([
      '東京都',
      '大阪府',
      '北海道',
      '沖縄県',
    ]);
  });

  test('answers with the delivery date when the prefecture is in the question', () => {
    const step = shippingDateFlow.start(line('東京都にはいつ届きますか'));
    expect(step.kind).toBe('answer');
    expect(step.kind === 'answer' && step.markdown).toContain('東京都');
  });

  test('gives a named pre-order product its configured shipping date', () => {
    const step = shippingDateFlow.start(line('冬季限定ボディクリームはいつ発送？'));
    expect(step.kind === 'ask' && step.state).toEqual({
      name: 'shipping-date',
      step: 'prefecture',
      preorder: 0,
    });
    expect(step.kind === 'ask' && step.markdown).toContain('12月10日');
  });

  test('leaves the flow on a line without a prefecture', () => {
    expect(
      shippingDateFlow.next(line('送料は？'), { name: 'shipping-date', step: 'prefecture' }, false),
    ).toBeUndefined();
  });
});
