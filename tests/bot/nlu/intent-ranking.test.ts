import { describe, expect, test } from 'vitest';
import { rankIntents } from '../../../bot/nlu/intent-ranking.ts';

describe('rankIntents', () => {
  test('ranks intents by output, best first, equal outputs by name', () => {
    const intents = ['shipping.fee', 'subscription.cancel', 'none', 'greeting', 'account.login'];
    const outputs = [0.2, 0.9, 0.2, 0, 0.5];
    expect(rankIntents(intents, outputs)).toEqual([
      { intent: 'subscription.cancel', score: 0.9 },
      { intent: 'account.login', score: 0.5 },
      { intent: 'none', score: 0.2 },
      { intent: 'shipping.fee', score: 0.2 },
      { intent: 'greeting', score: 0 },
    ]);
  });

  test('orders as a comparison sort would, whatever the training order', () => {
    const intents = Array.from({ length: 40 }, (_, i) => `intent.${String(i).padStart(2, '0')}`);
    const outputs = intents.map((_, i) => ((i * 7919) % 13) / 10);
    const expected = intents
      .map((intent, i) => ({ intent, score: outputs[i]! }))
      .sort((a, b) => b.score - a.score || (a.intent < b.intent ? -1 : 1));
    expect(rankIntents(intents, outputs)).toEqual(expected);
    expect(rankIntents([...intents].reverse(), [...outputs].reverse())).toEqual(expected);
  });
});
