/**
 * Migration 012 adds the LINE channel's tables (line_users, line_inbox) and `conversations.channel`
 * (`web` for every earlier conversation) on SQLite and PostgreSQL, and goes down cleanly.
 */
import { describe, expect, test } from 'vitest';
import { type StorageBackend, storageBackends, useStorage } from '../../../helpers/storage-backends.ts';
import { storageMigrator } from '../../../helpers/storage-migrator.ts';

describe.each(storageBackends())('migration 012_line_channel on $name', (backend: StorageBackend) => {
  const storage = useStorage(backend);

  async function tableNames(): Promise<string[]> {
    return (await storage.database().introspection.getTables()).map((t) => t.name);
  }

  test('a conversation started without a channel is a web one; a LINE one says so', async () => {
    const web = await storage.createConversation({
      id: 'c-web',
      tokenHash: 'h-web',
      locale: 'ja',
      createdAt: new Date('2026-12-01T00:00:00Z'),
    });
    const line = await storage.createConversation({
      id: 'c-line',
      tokenHash: 'h-line',
      locale: 'ja',
      channel: 'line',
      createdAt: new Date('2026-12-01T00:00:00Z'),
    });
    expect([web.channel, line.channel]).toEqual(['web', 'line']);
    expect((await storage.getConversation('c-web'))?.channel).toBe('web');
    expect((await storage.getConversation('c-line'))?.channel).toBe('line');
  });

  test("deleting a LINE user's conversation (privacy) unbinds them; their next message starts a new one", async () => {
    const at = '2026-12-01T00:00:00.000Z';
    await storage
      .database()
      .insertInto('line_users')
      .values({ line_user_id: 'Ugone', conversation_id: 'c-line', created_at: at, updated_at: at })
      .execute();
    await storage.database().deleteFrom('conversations').where('id', '=', 'c-line').execute();
    const row = await storage
      .database()
      .selectFrom('line_users')
      .select('conversation_id')
      .where('line_user_id', '=', 'Ugone')
      .executeTakeFirst();
    expect(row).toEqual({ conversation_id: null });
  });

  test('adds line_users and line_inbox, and drops them and the channel column when migrated down', async () => {
    expect(await tableNames()).toEqual(expect.arrayContaining(['line_users', 'line_inbox']));
    const migrator = await storageMigrator(storage);
    const { error } = await migrator.migrateTo('011_escalation_subscriptions');
    expect(error).toBeUndefined();
    const tables = await storage.database().introspection.getTables();
    expect(tables.map((t) => t.name)).not.toContain('line_inbox');
    expect(tables.map((t) => t.name)).not.toContain('line_users');
    const columns = tables.find((t) => t.name === 'conversations')?.columns.map((c) => c.name);
    expect(columns).not.toContain('channel');
    expect(columns).toContain('customer_id');
  });
});
