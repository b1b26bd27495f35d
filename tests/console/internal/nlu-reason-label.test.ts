import { describe, expect, test } from 'vitest';
import { LocalizeController } from '../../../console/controllers/localize-controller.ts';
import { nluReasonLabel } from '../../../console/internal/nlu-reason-label.ts';
import { FakeHost } from '../../helpers/controller-host.ts';

// No navigator in Node: the console speaks Japanese, its default.
const localize = new LocalizeController(new FakeHost());

describe('nluReasonLabel', () => {
  test.each([
    { name: 'a known reason in words with its code', reason: 'low-score', label: 'スコアが低い (low-score)' },
    { name: 'an empty input', reason: 'empty', label: '空の入力 (empty)' },
    { name: 'an unknown code as is', reason: 'brand-new-reason', label: 'brand-new-reason' },
  ])('$name', ({ reason, label }) => {
    expect(nluReasonLabel(localize, reason)).toBe(label);
  });

  test('names the other company the shopper asked about', () => {
    expect(nluReasonLabel(localize, 'other-company', 'amazon')).toBe(
      '他社のサービスについての質問 「amazon」 (other-company)',
    );
  });
});
