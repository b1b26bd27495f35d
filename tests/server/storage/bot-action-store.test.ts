/**
 * The bot's action log (bot_actions, migration 010) on SQLite and PostgreSQL: a record reads back as
 * written, newest first, per conversation, a repeated id writes nothing, a stored change that no longer
 * fits its schema reads as null, and deleting the conversation deletes its actions.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { BotActionRecord } from '../../../server/storage/bot-action-store.ts';
import { storedConversation } from '../../helpers/chat-rows.ts';
import { type StorageBackend, storageBackends, useStorage } from '../../helpers/storage-backends.ts';

describe.each(storageBackends())('bot action store on $name', (backend: StorageBackend) => {
  const storage = useStorage(backend);

  const conversation = () => storedConversation(storage, new Date('2026-12-01T00:00:00Z'));

  function record(
    conversationId: string,
    at: string,
    overrides: Partial<BotActionRecord> = {},
  ): BotActionRecord {
    return {
      id: randomUUID(),
      conversationId,
      actionId: `m-${at}`,
      customerId: 'cust-a',
      kind: 'interval',
      subscriptionId: 'sub-a1',
      change: { kind: 'interval', interval: { unit: 'month', count: 2 } },
      result: 'done',
      code: null,
      createdAt: new Date(at),
      ...overrides,
    };
  }

  test('reads back what was recorded, newest first', async () => {
    const id = await conversation();
    const older = record(id, '2026-12-01T01:00:00.000Z');
    const newer = record(id, '2026-12-01T02:00:00.000Z', {
      kind: 'skip',
      change: { kind: 'skip' },
      result: 'failed',
      code: 'CONNECTOR_ERR_TIMEOUT',
      customerId: null,
    });
    await storage.recordBotAction(older);
    await storage.recordBotAction(newer);
    expect(await storage.listBotActions({ conversationId: id })).toEqual([newer, older]);
  });

  test('a repeated id writes nothing', async () => {
    const id = await conversation();
    const first = record(id, '2026-12-02T01:00:00.000Z');
    await storage.recordBotAction(first);
    await storage.recordBotAction({ ...first, result: 'failed', code: 'X' });
    expect(await storage.listBotActions({ conversationId: id })).toEqual([first]);
  });

  test('lists every conversation, limited, newest first', async () => {
    const a = await conversation();
    const b = await conversation();
    await storage.recordBotAction(record(a, '2026-12-03T01:00:00.000Z'));
    const latest = record(b, '2026-12-03T02:00:00.000Z');
    await storage.recordBotAction(latest);
    expect(await storage.listBotActions({ limit: 1 })).toEqual([latest]);
  });

  test('a stored change that no longer fits its schema reads as null, the rest intact', async () => {
    const id = await conversation();
    const row = record(id, '2026-12-04T01:00:00.000Z');
    await storage.recordBotAction(row);
    await storage
      .database()
      .updateTable('bot_actions')
      .set({ change: JSON.stringify({ kind: 'teleport' }) })
      .where('id', '=', row.id)
      .execute();
    expect(await storage.listBotActions({ conversationId: id })).toEqual([{ ...row, change: null }]);
  });

  test('deleting the conversation deletes its actions', async () => {
    const id = await conversation();
    await storage.recordBotAction(record(id, '2026-12-05T01:00:00.000Z'));
    await storage.database().deleteFrom('conversations').where('id', '=', id).execute();
    expect(await storage.listBotActions({ conversationId: id })).toEqual([]);
  });
});
