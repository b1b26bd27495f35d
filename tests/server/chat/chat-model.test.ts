import { describe, expect, test } from 'vitest';
import type { PooledPrediction } from '../../../bot/nlu/prediction-pool.ts';
import { type ChatModelSource, chatModel } from '../../../server/chat/chat-model.ts';
import type { Locale } from '../../../server/storage/repository.ts';
import { nluResult, scriptedBot } from '../../helpers/chat-turn.ts';

function live(intent: string): ReturnType<ChatModelSource['live']> {
  return { engine: { predict: (text: string, locale: Locale = 'ja') => nluResult(text, locale, intent) } };
}

describe('chatModel', () => {
  test('is undefined while no model is ready', () => {
    expect(
      chatModel(
        { current: () => undefined, live: () => undefined, predictorFor: () => undefined },
        { warn() {} },
      ),
    ).toBeUndefined();
  });

  test('without worker threads, predicts with the live engine on this thread', async () => {
    const bot = scriptedBot();
    const model = chatModel(
      { current: () => bot, live: () => live('shipping.fee'), predictorFor: () => undefined },
      { warn() {} },
    );
    expect(model?.bot).toBe(bot);
    expect((await model?.predict('送料', 'ja'))?.decision).toMatchObject({ intent: 'shipping.fee' });
  });

  test("with worker threads, predicts on the bot's pool", async () => {
    const bot = scriptedBot();
    const pool = async (text: string, fallback: Locale): Promise<PooledPrediction> => ({
      text,
      fallback,
      result: nluResult(text, fallback, 'from.pool'),
    });
    const model = chatModel(
      {
        current: () => bot,
        live: () => live('from.engine'),
        predictorFor: (b) => (b === bot ? pool : undefined),
      },
      { warn() {} },
    );
    expect((await model?.predict('送料', 'ja'))?.decision).toMatchObject({ intent: 'from.pool' });
  });
});
