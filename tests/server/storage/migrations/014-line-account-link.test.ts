/**
 * Migration 014 adds LINE account linking's storage on SQLite and PostgreSQL: the linked customer on
 * `line_users`, `line_account_links`, and `line_user_conversations`, filled for LINE users who already
 * had a conversation and emptied with its conversation; and goes down cleanly.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { type StorageBackend, storageBackends, useStorage } from '../../../helpers/storage-backends.ts';
import { type StorageMigrator, storageMigrator } from '../../../helpers/storage-migrator.ts';

const AT = '2026-12-01T00:00:00.000Z';

describe.each(storageBackends())('migration 014_line_account_link on $name', (backend: StorageBackend) => {
  const storage = useStorage(backend);
  let migrator: StorageMigrator;

  beforeAll(async () => {
    migrator = await storageMigrator(storage);
  });

  async function tables() {
    return storage.database().introspection.getTables();
  }

  test("a LINE user's conversation from before the migration is found as theirs after it", async () => {
    expect((await migrator.migrateTo('013_staff_replies')).error).toBeUndefined();
    await storage.createConversation({
      id: 'c-before',
      tokenHash: 'h-before',
      locale: 'ja',
      channel: 'line',
      createdAt: new Date(AT),
    });
    await storage
      .database()
      .insertInto('line_users')
      .values({ line_user_id: 'Ubefore', conversation_id: 'c-before', created_at: AT, updated_at: AT })
      .execute();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const rows = await storage.database().selectFrom('line_user_conversations').selectAll().execute();
    expect(rows).toEqual([{ conversation_id: 'c-before', line_user_id: 'Ubefore' }]);
    const user = await storage
      .database()
      .selectFrom('line_users')
      .select(['customer_id', 'linked_at'])
      .where('line_user_id', '=', 'Ubefore')
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ customer_id: null, linked_at: null });
  });

  test('a deleted conversation takes its line_user_conversations row with it', async () => {
    await storage.database().deleteFrom('conversations').where('id', '=', 'c-before').execute();
    expect(await storage.database().selectFrom('line_user_conversations').selectAll().execute()).toEqual([]);
  });

  test('a nonce is unique', async () => {
    const row = (hash: string) => ({
      link_token_hash: hash,
      line_user_id: 'Ubefore',
      issued_at: AT,
      expires_at: AT,
      nonce: 'same-nonce-0123456789',
    });
    await storage.database().insertInto('line_account_links').values(row('h1')).execute();
    await expect(
      storage.database().insertInto('line_account_links').values(row('h2')).execute(),
    ).rejects.toThrow();
  });

  test('down drops the tables and the columns', async () => {
    expect((await migrator.migrateTo('013_staff_replies')).error).toBeUndefined();
    const names = (await tables()).map((t) => t.name);
    expect(names).not.toContain('line_account_links');
    expect(names).not.toContain('line_user_conversations');
    const columns = (await tables()).find((t) => t.name === 'line_users')?.columns.map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(['line_user_id', 'conversation_id', 'following']));
    expect(columns).not.toContain('customer_id');
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
