import { describe, expect, test } from 'vitest';
import { DEFECT_UNKNOWN_ORDER, defectFlow } from '../../../bot/flows/defect-flow.ts';
import { lineFor } from './flow-facts.ts';

const line = (text: string, chosen?: string) => lineFor(true, text, { chosen });

describe('defectFlow', () => {
  test('asks for the order number first', () => {
    const step = defectFlow.start(line('届いた商品が割れていました'));
    expect(step.kind === 'ask' && step.state).toEqual({ name: 'defect', step: 'order' });
  });

  test('skips the order number question when the first line has it', () => {
    const step = defectFlow.start(line('12345678の商品が割れていました'));
    expect(step.kind === 'ask' && step.state).toEqual({
      name: 'defect',
      step: 'problem',
      orderNumber: '12345678',
    });
  });

  test('goes on without the order number when the shopper does not know it', () => {
    const step = defectFlow.next(
      line('わからない', DEFECT_UNKNOWN_ORDER),
      { name: 'defect', step: 'order' },
      true,
    );
    expect(step?.kind === 'ask' && step.state).toEqual({
      name: 'defect',
      step: 'problem',
      orderNumber: null,
    });
  });

  test('hands the case to staff as a defect report with the problem in the shopper’s words', () => {
    const state = { name: 'defect', step: 'problem', orderNumber: null } as const;
    const step = defectFlow.next(line('キャップが閉まらない'), state, false);
    expect(step?.kind === 'handoff' && step.reason).toBe('defect-report');
    expect(step?.kind === 'handoff' && step.summary).toContain('キャップが閉まらない');
  });
});
