/**
 * Predictions on worker threads are the engine's own predictions, and the dialogue uses one only when it
 * was made for the same question.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntentEngine } from '../../../bot/nlu/intent-engine.ts';
import { PredictionPool } from '../../../bot/nlu/prediction-pool.ts';
import { createBot } from '../../../bot/respond.ts';
import { TEST_SHOP } from '../../helpers/shop-facts.ts';
import { SMALL_CORPUS, smallEngine } from '../../helpers/small-corpus.ts';
import { SHOP_CALENDAR } from '../calendar/fixtures.ts';

const TEXTS = [
  '送料はいくら',
  '定期便の周期を変えたい',
  '宇宙の大きさ',
  'how much is shipping',
  '？',
  '12345',
];

describe('PredictionPool', () => {
  let engine: IntentEngine;
  let pool: PredictionPool;

  beforeAll(async () => {
    engine = await smallEngine();
    pool = await PredictionPool.start(engine.toBytes(), 2);
  });
  afterAll(async () => pool.close());

  it.each(TEXTS)('predicts %s exactly as the main thread does', async (text) => {
    for (const fallback of ['ja', 'en'] as const) {
      const pooled = await pool.predict(text, fallback);
      expect(pooled).toMatchObject({ text, fallback });
      expect(pooled.result).toEqual(engine.predict(text, fallback));
    }
  });

  it('answers many requests at once across its threads', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => pool.predict(TEXTS[i % TEXTS.length]!, 'ja')),
    );
    expect(results.map((r) => r.result.decision.intent)).toEqual(
      Array.from({ length: 200 }, (_, i) => engine.predict(TEXTS[i % TEXTS.length]!, 'ja').decision.intent),
    );
  });

  it('refuses work once closed', async () => {
    const closing = await PredictionPool.start(engine.toBytes(), 1);
    await closing.close();
    await expect(closing.predict('送料', 'ja')).rejects.toThrow(/closed/);
  });
});

describe('respond() with a prediction made ahead', () => {
  it('uses it only when it was made for the same text and fallback locale', async () => {
    const engine = await smallEngine();
    const bot = createBot({
      engine,
      corpus: SMALL_CORPUS,
      shop: TEST_SHOP,
      handoff: {
        calendar: SHOP_CALENDAR,
        replyPromise: { ja: '2時間以内', en: 'within 2 hours' },
        replyWithinMinutes: 120,
      },
    });
    const now = new Date('2026-11-24T06:00:00Z');
    // A prediction that says "greeting" for a shipping question: used, it decides the intent.
    const greeting = engine.predict('こんにちは', 'ja');
    const base = { text: '送料はいくら', locale: 'ja' as const, state: bot.initialState(), now };
    const forced = bot.respond({
      ...base,
      prediction: { text: '送料はいくら', fallback: 'ja', result: greeting },
    });
    expect(forced.intent).toBe('greeting');
    const otherText = bot.respond({
      ...base,
      prediction: { text: '送料', fallback: 'ja', result: greeting },
    });
    expect(otherText.intent).toBe('shipping.fee');
    const otherFallback = bot.respond({
      ...base,
      prediction: { text: '送料はいくら', fallback: 'en', result: greeting },
    });
    expect(otherFallback.intent).toBe('shipping.fee');
  });
});
