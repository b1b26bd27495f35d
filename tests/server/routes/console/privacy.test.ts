/**
 * POST /api/console/privacy/delete: only admins (with the CSRF token) may delete; a dry run changes
 * nothing; afterwards the console's escalation list, unanswered queue and outbox show nothing of the
 * shopper, and the shopper's old token resumes nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LineInboxStore } from '../../../../server/channels/line/line-inbox-store.ts';
import { LineUserStore } from '../../../../server/channels/line/line-user-store.ts';
import { exchangeAt } from '../../../helpers/chat-rows.ts';
import { type ConsoleClient, staffClient } from '../../../helpers/console-client.ts';
import { completeHandoff } from '../../../helpers/handoff.ts';
import { type BuiltTestApp, buildTestApp, ChatClient } from '../../../helpers/test-app.ts';

const HANAKO = 'hanako.privacy@example.jp';
const MARKER = 'はなこの秘密の質問';

describe('POST /api/console/privacy/delete', () => {
  let app: BuiltTestApp;
  let admin: ConsoleClient;
  let editor: ConsoleClient;
  let operator: ConsoleClient;

  beforeAll(async () => {
    app = await buildTestApp();
    admin = await staffClient(app.fastify, 'admin');
    editor = await staffClient(app.fastify, 'editor');
    operator = await staffClient(app.fastify, 'operator');
  });
  afterAll(async () => {
    await app.close();
  });

  /** A shopper who hands off with `email` and asks one unanswered question; returns their token. */
  async function shopper(email: string): Promise<{ token: string; conversationId: string }> {
    const client = await ChatClient.inject(app.fastify);
    client.send({ type: 'hello' });
    const welcome = await client.next('welcome');
    const conversationId = String(welcome.conversationId);
    await completeHandoff(client, { seq: 1, email, summary: '定期便の件' });
    client.close();
    await exchangeAt(app.fastify, conversationId, `${MARKER} ${email}`, { at: new Date(), decision: 'none' });
    return { token: String(welcome.token), conversationId };
  }

  function mentions(body: unknown, text: string): boolean {
    return JSON.stringify(body).toLowerCase().includes(text.toLowerCase());
  }

  test('editors and operators may not delete; a change without the CSRF token is refused', async () => {
    for (const client of [editor, operator]) {
      const response = await client.call('POST', '/privacy/delete', { email: HANAKO });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('CONSOLE_ERR_FORBIDDEN');
    }
    const noCsrf = await admin.call('POST', '/privacy/delete', { email: HANAKO }, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.code).toBe('CONSOLE_ERR_CSRF');
  });

  test('refuses a body with neither or both subjects', async () => {
    const neither = await admin.call('POST', '/privacy/delete', { dryRun: true });
    expect(neither.status).toBe(400);
    expect(neither.body.code).toBe('CONSOLE_ERR_PRIVACY_SUBJECT');
    const both = await admin.call('POST', '/privacy/delete', {
      email: HANAKO,
      conversationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(both.status).toBe(400);
    expect(both.body.code).toBe('CONSOLE_ERR_PRIVACY_SUBJECT');
  });

  test('an admin deletes a shopper, and the console and the old token show nothing of them', async () => {
    const hanako = await shopper(HANAKO);
    const taro = await shopper('taro.privacy@example.jp');
    // Everything the console shows mentions her before.
    expect(mentions((await operator.call('GET', '/escalations')).body, HANAKO)).toBe(true);
    expect(mentions((await operator.call('GET', '/outbox')).body, HANAKO)).toBe(true);
    expect(mentions((await editor.call('GET', '/unanswered')).body, HANAKO)).toBe(true);

    const dry = await admin.call('POST', '/privacy/delete', { email: HANAKO.toUpperCase(), dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.dryRun).toBe(true);
    expect(dry.body.counts).toMatchObject({ conversations: 1, escalations: 1, outbox: 1, outboxUnsent: 1 });
    expect(mentions((await operator.call('GET', '/escalations')).body, HANAKO)).toBe(true);

    const done = await admin.call('POST', '/privacy/delete', { email: HANAKO });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ dryRun: false, counts: dry.body.counts });
    expect(done.body.counts.messages).toBeGreaterThanOrEqual(8);

    for (const [client, path] of [
      [operator, '/escalations'],
      [operator, '/outbox'],
      [editor, '/unanswered'],
    ] as const) {
      const response = await client.call('GET', path);
      expect(response.status).toBe(200);
      expect(mentions(response.body, HANAKO)).toBe(false);
    }
    // The other shopper is untouched.
    expect(mentions((await operator.call('GET', '/escalations')).body, 'taro.privacy@example.jp')).toBe(true);
    expect(await app.fastify.storage.getConversation(taro.conversationId)).toBeDefined();

    const client = await ChatClient.inject(app.fastify);
    client.send({ type: 'hello', token: hanako.token });
    expect(await client.next('error')).toMatchObject({ code: 'CHAT_ERR_TOKEN_INVALID' });
    client.close();
  });

  test('deletes one conversation by id', async () => {
    const jiro = await shopper('jiro.privacy@example.jp');
    const response = await admin.call('POST', '/privacy/delete', { conversationId: jiro.conversationId });
    expect(response.status).toBe(200);
    expect(response.body.counts).toMatchObject({ conversations: 1, escalations: 1 });
    expect(await app.fastify.storage.getConversation(jiro.conversationId)).toBeUndefined();
  });

  test('deletes a LINE user by LINE user id: their conversations and LINE rows', async () => {
    const lineUserId = 'U00000000000000000000000000a0e1d1';
    const db = () => app.fastify.storage.database();
    const at = new Date();
    await new LineInboxStore(db, app.fastify.storage.dialect).storeEvents(
      [
        {
          webhookEventId: 'console-line-1',
          lineUserId,
          type: 'follow',
          event: { type: 'follow' },
          replyToken: null,
          eventAt: at,
        },
      ],
      at,
    );
    const saburo = await shopper('saburo.privacy@example.jp');
    const users = new LineUserStore(db);
    await users.bindConversation(lineUserId, saburo.conversationId, at);
    await users.link(lineUserId, { customerId: 'cust-saburo' }, at);

    const dry = await admin.call('POST', '/privacy/delete', { lineUserId, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.counts).toMatchObject({ conversations: 1, escalations: 1, lineUsers: 1, lineEvents: 1 });
    const done = await admin.call('POST', '/privacy/delete', { lineUserId });
    expect(done.body).toEqual({ dryRun: false, counts: dry.body.counts });
    expect(await app.fastify.storage.getConversation(saburo.conversationId)).toBeUndefined();
    expect(await users.find(lineUserId)).toBeUndefined();

    const both = await admin.call('POST', '/privacy/delete', { lineUserId, email: HANAKO });
    expect(both.body.code).toBe('CONSOLE_ERR_PRIVACY_SUBJECT');
    const notAnId = await admin.call('POST', '/privacy/delete', { lineUserId: 'hanako' });
    expect(notAnId.status).toBe(400);
  });
});
