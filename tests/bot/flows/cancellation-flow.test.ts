import { describe, expect, test } from 'vitest';
import {
  CANCEL_ACCEPT,
  CANCEL_PROCEED,
  type CancellationState,
  cancellationFlow,
} from '../../../bot/flows/cancellation-flow.ts';
import { lineFor } from './flow-facts.ts';

const line = (text: string, chosen?: string) => lineFor(true, text, { chosen });
const OFFERED: CancellationState = { name: 'cancellation', step: 'offer', reason: 'surplus' };

describe('cancellationFlow', () => {
  test('asks why with four reason buttons', () => {
    const step = cancellationFlow.start(line('解約したい'));
    expect(step.kind === 'ask' && step.quickReplies).toHaveLength(4);
  });

  test('offers the alternative for a reason given in the first line', () => {
    const step = cancellationFlow.start(line('余ってしまうので解約したい'));
    expect(step.kind === 'ask' && step.state).toEqual(OFFERED);
  });

  test('takes an unrecognised typed reason as "other" only when not strict', () => {
    const state: CancellationState = { name: 'cancellation', step: 'reason' };
    expect(cancellationFlow.next(line('引っ越すので'), state, true)).toBeUndefined();
    const step = cancellationFlow.next(line('引っ越すので'), state, false);
    expect(step?.kind === 'ask' && step.state).toMatchObject({ reason: 'other', reasonText: '引っ越すので' });
  });

  test('records the shopper as retained when the offer is taken', () => {
    const step = cancellationFlow.next(line('変更する', CANCEL_ACCEPT), OFFERED, true);
    expect(step?.outcome).toEqual({
      flow: 'cancellation',
      result: 'retained',
      reason: 'surplus',
      alternative: 'interval',
    });
  });

  test('gives the cancellation steps and records the cancellation when the offer is declined', () => {
    const step = cancellationFlow.next(line('解約する', CANCEL_PROCEED), OFFERED, true);
    expect(step?.kind === 'ask' && step.state.step).toBe('order');
    expect(step?.outcome).toEqual({ flow: 'cancellation', result: 'cancelled', reason: 'surplus' });
  });

  test('hands the order number to staff as a change request', () => {
    const state: CancellationState = { name: 'cancellation', step: 'order', reason: 'price' };
    const step = cancellationFlow.next(line('12345678です'), state, true);
    expect(step?.kind).toBe('handoff');
    expect(step?.kind === 'handoff' && step.summary).toContain('12345678');
  });
});
