import { describe, expect, test } from 'vitest';
import { CorpusFormatError } from '../../bot/corpus/load-corpus.ts';
import { BotError } from '../../bot/errors.ts';

describe('BotError', () => {
  test('carries its code apart from the message, and the error it wraps', () => {
    const cause = new Error('worker crashed');
    const error = new BotError('BOT_ERR_TRAINING_FAILED', 'worker exited with code 1', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'BotError', code: 'BOT_ERR_TRAINING_FAILED', cause });
    expect(error.message).toBe('worker exited with code 1');
  });

  test('names a subclass by its own class, with the code it always has', () => {
    const error = new CorpusFormatError('corpus/ja/x.yaml', ['intents: required']);
    expect(error).toBeInstanceOf(BotError);
    expect(error).toMatchObject({ name: 'CorpusFormatError', code: 'BOT_ERR_CORPUS_FORMAT' });
    expect(error.message).toBe('corpus/ja/x.yaml: intents: required');
  });
});
