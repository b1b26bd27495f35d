import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warmUpChatSocket } from '../../../server/chat/warm-up.ts';
import { freePort } from '../../helpers/server-process.ts';
import { startTestApp, type TestApp } from '../../helpers/test-app.ts';

describe('warmUpChatSocket', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.close());

  it('gets a pong over a real upgrade and stores nothing', async () => {
    const port = Number(new URL(app.url).port);
    await expect(warmUpChatSocket('0.0.0.0', port)).resolves.toBeUndefined();
    const conversations = await app.fastify.storage
      .database()
      .selectFrom('conversations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(conversations.n)).toBe(0);
  });

  it('fails when nothing listens', async () => {
    await expect(warmUpChatSocket('127.0.0.1', await freePort(), 500)).rejects.toThrow();
  });
});
