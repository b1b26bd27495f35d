/**
 * The chat on PostgreSQL: the same protocol as on SQLite, including text the database itself would refuse.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useChatRoute } from '../../helpers/chat-route.ts';
import { pgAdmin, TEST_PG_URL } from '../../helpers/storage-backends.ts';

describe('/chat on PostgreSQL', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  // Hooks run in order and their afterAlls in reverse: the schema exists before the app, and outlives it.
  beforeAll(async () => {
    await pgAdmin(`CREATE SCHEMA ${schema}`);
  });
  afterAll(async () => {
    await pgAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });
  const app = useChatRoute({
    env: { DATABASE_URL: `${TEST_PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}` },
  });

  it('stores a message with NUL characters without them and answers it', async () => {
    const client = await app.open();
    client.send({ type: 'hello' });
    const welcome = await client.next('welcome');
    client.send({ type: 'message', text: '送料は\u0000いくら', seq: 1 });
    await client.next('ack');
    expect(await client.next('reply')).toMatchObject({ intent: 'shipping.fee' });
    const stored = await app.fastify.storage.listMessages(String(welcome.conversationId));
    expect(stored.map((m) => m.text)[0]).toBe('送料はいくら');
    client.send({ type: 'message', text: '\u0000\u0000', seq: 2 });
    expect(await client.next('error')).toMatchObject({ code: 'CHAT_ERR_INVALID_FRAME' });
    client.close();
  });
});
