import { describe, expect, test } from 'vitest';
import { recommendApparel, recommendShoe, sizingFlow } from '../../../bot/flows/sizing-flow.ts';
import { FLOW_FACTS, lineFor } from './flow-facts.ts';

const TABLE = FLOW_FACTS.sizing!;
const line = (text: string, chosen?: string) => lineFor(true, text, { chosen });

describe('recommendShoe', () => {
  test.each([
    ['the usual size for normal feet', 24.5, 'normal', 24.5, true],
    ['half a size up for a high instep', 24.5, 'high', 25, true],
    ['the next step up for an in-between size', 24.3, 'normal', 24.5, true],
    ['no size above the largest', 28, 'wide', 28.5, false],
    ['no size below the smallest', 21, 'normal', 21, false],
  ] as const)('recommends %s', (_, usual, foot, cm, available) => {
    expect(recommendShoe(TABLE.shoes, usual, foot)).toEqual({ cm, available });
  });
});

describe('recommendApparel', () => {
  test('picks the first size whose height limit is at or above the height', () => {
    expect(recommendApparel(TABLE.apparel, 155)).toBe(0);
    expect(recommendApparel(TABLE.apparel, 156)).toBe(1);
  });

  test('has no size above the table', () => {
    expect(recommendApparel(TABLE.apparel, 190)).toBeUndefined();
  });
});

describe('sizingFlow', () => {
  test('answers at once when the first line gives the size and the foot shape', () => {
    const step = sizingFlow.start(line('24.5cmで甲高です'));
    expect(step.kind).toBe('answer');
    expect(step.kind === 'answer' && step.markdown).toContain('25.0cm');
  });

  test('asks for the foot shape with three buttons once the shoe size is known', () => {
    const step = sizingFlow.start(line('いつも24.5cmです'));
    expect(step.kind === 'ask' && step.state).toEqual({ name: 'sizing', step: 'foot', shoeCm: 24.5 });
    expect(step.kind === 'ask' && step.quickReplies.map((b) => b.intent)).toEqual([
      'flow.sizing.foot.high',
      'flow.sizing.foot.wide',
      'flow.sizing.foot.normal',
    ]);
  });

  test('asks for shoes in cm without apparel buttons when the shopper speaks of shoes', () => {
    const step = sizingFlow.start(line('靴のサイズで迷っています'));
    expect(step.kind === 'ask' && step.state).toMatchObject({ step: 'size', shoes: true });
    expect(step.kind === 'ask' && step.quickReplies).toEqual([]);
  });

  test('leaves on a second unreadable answer', () => {
    const state = { name: 'sizing', step: 'size', retried: true } as const;
    expect(sizingFlow.next(line('わからない'), state, false)).toBeUndefined();
  });

  test('runs only with a size table', () => {
    const { sizing: _, ...withoutTable } = FLOW_FACTS;
    expect(sizingFlow.isOn(true, FLOW_FACTS)).toBe(true);
    expect(sizingFlow.isOn(true, withoutTable)).toBe(false);
  });
});
