/**
 * The bot's actions in the console: who, what, when and the result, newest first and per conversation,
 * for roles that read transcripts (operators, admins), refused to editors.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { conversationAt } from '../../../helpers/chat-rows.ts';
import { type ConsoleClient, staffClient } from '../../../helpers/console-client.ts';
import { type BuiltTestApp, buildTestApp } from '../../../helpers/test-app.ts';

describe('console bot actions', () => {
  let app: BuiltTestApp;
  let operator: ConsoleClient;
  let editor: ConsoleClient;
  let first = '';
  let second = '';

  beforeAll(async () => {
    app = await buildTestApp();
    operator = await staffClient(app.fastify, 'operator');
    editor = await staffClient(app.fastify, 'editor');
    first = await conversationAt(app.fastify, new Date('2026-12-01T00:00:00Z'));
    second = await conversationAt(app.fastify, new Date('2026-12-01T00:00:00Z'));
    await app.fastify.storage.recordBotAction({
      id: randomUUID(),
      conversationId: first,
      actionId: 'm-1',
      customerId: 'cust-a',
      kind: 'skip',
      subscriptionId: 'sub-a1',
      change: { kind: 'skip' },
      result: 'done',
      code: null,
      createdAt: new Date('2026-12-01T01:00:00Z'),
    });
    await app.fastify.storage.recordBotAction({
      id: randomUUID(),
      conversationId: second,
      actionId: 'm-2',
      customerId: 'cust-b',
      kind: 'skip',
      subscriptionId: 'sub-a1',
      change: { kind: 'skip' },
      result: 'failed',
      code: 'ACTION_ERR_NOT_OWN',
      createdAt: new Date('2026-12-01T02:00:00Z'),
    });
  });
  afterAll(async () => app.close());

  test('lists who asked for what, when, and the result, newest first', async () => {
    const response = await operator.call('GET', '/actions');
    expect(response.status).toBe(200);
    expect(response.body.actions).toEqual([
      expect.objectContaining({ customerId: 'cust-b', result: 'failed', code: 'ACTION_ERR_NOT_OWN' }),
      {
        id: expect.any(String),
        conversationId: first,
        customerId: 'cust-a',
        kind: 'skip',
        subscriptionId: 'sub-a1',
        change: { kind: 'skip' },
        result: 'done',
        code: null,
        createdAt: '2026-12-01T01:00:00.000Z',
      },
    ]);
  });

  test('lists one conversation', async () => {
    const response = await operator.call('GET', `/actions?conversationId=${first}`);
    expect(response.body.actions.map((a: { customerId: string }) => a.customerId)).toEqual(['cust-a']);
  });

  test('refuses a bad limit with a clear 400, and editors altogether', async () => {
    expect((await operator.call('GET', '/actions?limit=0')).status).toBe(400);
    expect((await editor.call('GET', '/actions')).status).toBe(403);
  });
});
