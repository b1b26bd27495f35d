import { describe, expect, test } from 'vitest';
import { BotError } from '../../bot/errors.ts';
import { errorText, ServerError } from '../../server/errors.ts';

describe('ServerError', () => {
  test('answers with 500 unless given a status, which fastify reads as statusCode', () => {
    expect(new ServerError('SERVER_ERR_X', 'x')).toMatchObject({ status: 500, statusCode: 500 });
    const refused = new ServerError('CONSOLE_ERR_NOT_FOUND', 'No such intent.', { status: 404 });
    expect(refused).toMatchObject({ name: 'ServerError', code: 'CONSOLE_ERR_NOT_FOUND', status: 404 });
    expect(refused.statusCode).toBe(404);
  });

  test('keeps the details for the client and the cause for the log', () => {
    const cause = new Error('disk full');
    const error = new ServerError('CONSOLE_ERR_MODEL_WORSE', 'worse', {
      status: 409,
      cause,
      details: { comparison: { worse: true } },
    });
    expect(error.cause).toBe(cause);
    expect(error.details).toEqual({ comparison: { worse: true } });
  });
});

describe('errorText', () => {
  test.each([
    {
      name: 'a coded error',
      error: new BotError('BOT_ERR_TRAINING_FAILED', 'boom'),
      text: 'BOT_ERR_TRAINING_FAILED: boom',
    },
    { name: 'a plain error', error: new Error('boom'), text: 'boom' },
    {
      name: 'a Node error whose message starts with its code',
      error: Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' }),
      text: 'ENOENT: no such file',
    },
    { name: 'a thrown string', error: 'boom', text: 'boom' },
  ])('puts the code first once for $name', ({ error, text }) => {
    expect(errorText(error)).toBe(text);
  });
});
