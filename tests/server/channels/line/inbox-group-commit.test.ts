/**
 * The inbox's group commit (server/channels/line/inbox-group-commit.ts) on SQLite and PostgreSQL: the
 * writes of one event-loop turn share one transaction, a write that fails undoes only itself, and each
 * caller learns its own outcome.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { InboxGroupCommit } from '../../../../server/channels/line/inbox-group-commit.ts';
import { type StorageBackend, storageBackends, useStorage } from '../../../helpers/storage-backends.ts';

const AT = '2026-12-04T03:00:00.000Z';

describe.each(storageBackends())('inbox group commit on $name', (backend: StorageBackend) => {
  const storage = useStorage(backend);
  let group: InboxGroupCommit;
  beforeAll(async () => {
    group = new InboxGroupCommit(() => storage.database(), storage.dialect);
  });

  const addUser = (id: string) =>
    group.run(async (trx) => {
      await trx
        .insertInto('line_users')
        .values({ line_user_id: id, created_at: AT, updated_at: AT })
        .execute();
      return id;
    });

  test('a failing write undoes only itself; the others of its turn are committed', async () => {
    const results = await Promise.allSettled([
      addUser('U1'),
      group.run(async (trx) => {
        await trx
          .insertInto('line_users')
          .values({ line_user_id: 'U2', created_at: AT, updated_at: AT })
          .execute();
        throw new Error('this write fails after its insert');
      }),
      addUser('U1'), // the primary key refuses a second U1
      addUser('U3'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    const users = await storage
      .database()
      .selectFrom('line_users')
      .select('line_user_id')
      .orderBy('line_user_id')
      .execute();
    expect(users.map((u) => u.line_user_id)).toEqual(['U1', 'U3']);
  });

  test('writes asked for in one turn run in the order asked', async () => {
    const order: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        group.run(async () => {
          order.push(name);
        }),
      ),
    );
    expect(order).toEqual(['a', 'b', 'c']);
  });
});
