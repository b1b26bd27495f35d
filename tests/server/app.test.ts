import fs from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { openStorage } from '../../server/storage/open-storage.ts';
import { buildTestApp, ChatClient } from '../helpers/test-app.ts';

describe('app', () => {
  test('closes open chats with 1001 on shutdown and leaves every acknowledged message on disk', async () => {
    const app = await buildTestApp();
    const client = await ChatClient.inject(app.fastify);
    client.send({ type: 'message', text: 'こんにちは', seq: 1 });
    const welcome = await client.next('welcome');
    const ack = await client.next('ack');
    await client.next('reply');
    const closed = client.closed();
    await app.fastify.close();
    expect(await closed).toBe(1001);

    const reopened = await openStorage({ dataDir: app.dataDir });
    try {
      const messages = await reopened.listMessages(String(welcome.conversationId));
      expect(messages.map((m) => m.id)).toContain(ack.messageId);
      expect(messages.map((m) => m.role)).toEqual(['shopper', 'bot']);
    } finally {
      await reopened.close();
      await fs.rm(app.dataDir, { recursive: true, force: true });
    }
  });
});
