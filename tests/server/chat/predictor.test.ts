import { describe, expect, test } from 'vitest';
import type { PooledPrediction } from '../../../bot/nlu/prediction-pool.ts';
import { inProcessPredictor, pooledPredictor, predictAhead } from '../../../server/chat/predictor.ts';
import type { Locale } from '../../../server/storage/repository.ts';
import { nluResult } from '../../helpers/chat-turn.ts';

describe('predictor port', () => {
  test('the in-process predictor asks the engine with the given locale', async () => {
    const asked: string[] = [];
    const predict = inProcessPredictor({
      predict: (text, locale = 'ja') => {
        asked.push(`${locale}:${text}`);
        return nluResult(text, locale);
      },
    });
    expect((await predict('送料', 'en')).decision).toMatchObject({ intent: 'shipping.fee' });
    expect(asked).toEqual(['en:送料']);
  });

  test("the pooled predictor answers with the worker's result", async () => {
    const pool = async (text: string, fallback: Locale): Promise<PooledPrediction> => ({
      text,
      fallback,
      result: nluResult(text, fallback, 'shipping.when'),
    });
    const predict = pooledPredictor(pool, async () => nluResult('x', 'ja', 'wrong'), { warn() {} });
    expect((await predict('いつ届く', 'ja')).decision).toMatchObject({ intent: 'shipping.when' });
  });

  test('a failed worker is logged and this thread predicts instead', async () => {
    const warnings: string[] = [];
    const predict = pooledPredictor(
      async () => {
        throw new Error('prediction worker exited');
      },
      async (text, locale) => nluResult(text, locale, 'shipping.fee'),
      { warn: (_obj, msg) => warnings.push(msg) },
    );
    expect((await predict('送料', 'ja')).decision).toMatchObject({ intent: 'shipping.fee' });
    expect(warnings).toEqual(['prediction thread failed; predicting on the main thread']);
  });
});

describe('predictAhead', () => {
  test.each([
    {
      name: 'an English sentence in a Japanese conversation',
      text: 'When will it arrive?',
      conversation: 'ja',
      asked: 'en',
    },
    { name: 'Japanese in an English conversation', text: 'いつ届きますか', conversation: 'en', asked: 'ja' },
    { name: 'a bare size', text: '24.5cm', conversation: 'en', asked: 'en' },
  ] as const)(
    '$name is predicted in $asked, and the answer says what was asked',
    async ({ text, conversation, asked }) => {
      const prediction = await predictAhead(async (t, l) => nluResult(t, l), text, conversation);
      expect(prediction).toMatchObject({ text, fallback: asked, result: { locale: asked } });
    },
  );
});
