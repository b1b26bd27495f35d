import { describe, expect, test } from 'vitest';
import { describeReasons } from '../../../server/console/gate-reasons-text.ts';

describe('describeReasons', () => {
  test('words the reasons as the gate used to, one after another', () => {
    expect(
      describeReasons([
        { code: 'PUBLISH_GATE_INTENT_REMOVED', locale: 'ja', intent: 'shipping.fee', messages: 12 },
        { code: 'PUBLISH_GATE_LOCALE_MISSING', locale: 'en' },
        {
          code: 'PUBLISH_GATE_SCORE_DROPPED',
          locale: 'ja',
          measure: 'in-scope-accuracy',
          live: 0.9,
          candidate: 0.887,
        },
        {
          code: 'PUBLISH_GATE_SCORE_DROPPED',
          locale: 'ja',
          measure: 'cross-validation-accuracy',
          live: 0.82,
          candidate: 0.8,
        },
      ]),
    ).toBe(
      'ja: shipping.fee is removed but answered 12 shopper messages recently; ' +
        'en: the new model has no en model; ' +
        'ja in-scope accuracy 90.0% → 88.7%; ' +
        'ja cross-validation accuracy 82.0% → 80.0%',
    );
  });
});
