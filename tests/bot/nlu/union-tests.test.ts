import { describe, expect, it } from 'vitest';
import { unionTests } from '../../../bot/nlu/union-tests.ts';

describe('unionTests', () => {
  it('keeps the tests of an intent only the live corpus has', () => {
    const candidate = { ja: [{ text: '送料は？', intent: 'shipping.fee' }] };
    const live = {
      ja: [
        { text: '送料は？', intent: 'shipping.fee' },
        { text: '解約したい', intent: 'subscription.cancel' },
      ],
      en: [{ text: 'cancel please', intent: 'subscription.cancel' }],
    };
    expect(unionTests(candidate, live)).toEqual({
      ja: [
        { text: '送料は？', intent: 'shipping.fee' },
        { text: '解約したい', intent: 'subscription.cancel' },
      ],
      en: [{ text: 'cancel please', intent: 'subscription.cancel' }],
    });
  });

  it('keeps one text expected as two intents twice (each set decides its own answer)', () => {
    const result = unionTests({ ja: [{ text: 'x', intent: 'a' }] }, { ja: [{ text: 'x', intent: 'b' }] });
    expect(result.ja).toHaveLength(2);
  });
});
