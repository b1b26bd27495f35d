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

  it('answers each warm-up message over a real upgrade, and deleting its conversation leaves nothing', async () => {
    const port = Number(new URL(app.url).port);
    const conversationId = await warmUpChatSocket('0.0.0.0', port);
    expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);
    const messages = await app.fastify.storage.listMessages(conversationId!);
    expect(messages.map((m) => m.role)).toEqual(Array.from({ length: 4 }, () => ['shopper', 'bot']).flat());
    // The answer path and the refusal path both ran.
    expect(messages.map((m) => m.decision)).toEqual(expect.arrayContaining(['answer', 'none']));
    await app.fastify.privacy.deleteShopperData({ conversationId: conversationId! }, { actor: 'warm-up' });
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
