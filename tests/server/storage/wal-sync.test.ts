/**
 * The group commit's WAL sync: a chat's write is answered only after the WAL file was fdatasynced, syncs
 * run one at a time and cover every commit made before they started, a failed sync fails the writes it
 * was to cover, and the connection keeps synchronous=FULL for every other write.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteDatabase, openStorage, SQLITE_FILE_NAME } from '../../../server/storage/open-storage.ts';
import type { Storage } from '../../../server/storage/repository.ts';
import { SqliteHotWrites } from '../../../server/storage/sqlite-hot-writes.ts';
import { WalSync } from '../../../server/storage/wal-sync.ts';
import { sqliteBackend } from '../../helpers/storage-backends.ts';

const NOW = new Date('2026-12-04T14:40:00Z');

/** An fdatasync that the test completes by hand, recording each call. */
function manualSync() {
  const calls: Array<(error: NodeJS.ErrnoException | null) => void> = [];
  return {
    calls,
    fdatasync: (_fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void calls.push(done),
  };
}

const settled = (promise: Promise<unknown>) => {
  const state = { done: false };
  promise.then(
    () => (state.done = true),
    () => (state.done = true),
  );
  return state;
};
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Waits a few event-loop turns for the group commit to ask for its sync. */
async function syncRequested(sync: ReturnType<typeof manualSync>): Promise<void> {
  for (let i = 0; i < 100 && sync.calls.length === 0; i++) await turn();
  expect(sync.calls.length, 'the group commit asked for a sync').toBe(1);
}

describe('WalSync', () => {
  it('runs one sync at a time: calls made during a sync wait for the next one, which serves them all', async () => {
    const sync = manualSync();
    const wal = new WalSync(path.join(import.meta.dirname, 'wal-sync.test.ts'), sync.fdatasync);
    const first = settled(wal.durable());
    const second = settled(wal.durable());
    const third = settled(wal.durable());
    expect(sync.calls).toHaveLength(1);
    sync.calls[0]!(null);
    await turn();
    expect([first.done, second.done, third.done]).toEqual([true, false, false]);
    expect(sync.calls).toHaveLength(2);
    sync.calls[1]!(null);
    await turn();
    expect([second.done, third.done]).toEqual([true, true]);
    expect(sync.calls).toHaveLength(2);
    await wal.close();
  });

  it('fails the calls a failed sync was to cover, and the next sync serves the next calls', async () => {
    const sync = manualSync();
    const wal = new WalSync(path.join(import.meta.dirname, 'wal-sync.test.ts'), sync.fdatasync);
    const failed = wal.durable();
    sync.calls[0]!(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    await expect(failed).rejects.toThrow('EIO');
    const next = wal.durable();
    sync.calls[1]!(null);
    await expect(next).resolves.toBeUndefined();
    await wal.close();
  });

  it('fails when the WAL file cannot be opened, and refuses calls after close', async () => {
    const wal = new WalSync('/nonexistent-dir/db.sqlite-wal');
    await expect(wal.durable()).rejects.toThrow(/ENOENT/);
    await wal.close();
    await expect(wal.durable()).rejects.toThrow('storage is closed');
  });

  it('close waits for the sync in flight', async () => {
    const sync = manualSync();
    const wal = new WalSync(path.join(import.meta.dirname, 'wal-sync.test.ts'), sync.fdatasync);
    const pending = settled(wal.durable());
    const closed = settled(wal.close());
    await turn();
    expect(closed.done).toBe(false);
    sync.calls[0]!(null);
    await turn();
    expect([pending.done, closed.done]).toEqual([true, true]);
  });
});

describe('SQLite hot writes with the WAL sync', () => {
  const backend = sqliteBackend();
  let storage: Storage;
  let dataDir = '';

  beforeAll(async () => {
    const options = await backend.setup();
    dataDir = options.dataDir;
    // Migrated schema; the hot writes under test get their own connection to the same file.
    storage = await openStorage(options);
  });
  afterAll(async () => {
    await storage.close();
    await backend.teardown();
  });

  /** A second connection with its own group commit, its fdatasync in the test's hands. */
  function hotWrites(synchronous: 'full' | 'normal') {
    const raw = openSqliteDatabase(dataDir, synchronous);
    const sync = manualSync();
    const hot = new SqliteHotWrites(raw, (fn) => fn(), sync.fdatasync);
    return { raw, sync, hot };
  }

  const shopperMessage = (conversationId: string, text: string) => ({
    id: randomUUID(),
    conversationId,
    clientSeq: null,
    text,
    createdAt: NOW,
  });

  async function conversationId(): Promise<string> {
    const conversation = await storage.createConversation({
      id: randomUUID(),
      tokenHash: randomUUID(),
      locale: 'ja',
      createdAt: NOW,
    });
    return conversation.id;
  }

  it("commits its batch with synchronous=NORMAL, then sets FULL back for the connection's other writes", async () => {
    const { raw, sync, hot } = hotWrites('full');
    const id = await conversationId();
    // What the connection is set to when the batch's transaction begins.
    const seen: unknown[] = [];
    const transaction = raw.transaction.bind(raw);
    raw.transaction = ((fn: Parameters<typeof raw.transaction>[0]) => {
      seen.push(raw.pragma('synchronous', { simple: true }));
      return transaction(fn);
    }) as typeof raw.transaction;
    const write = hot.appendShopperMessage(shopperMessage(id, '定期便を止めたい'));
    await syncRequested(sync);
    sync.calls[0]!(null);
    await write;
    expect(seen[0], 'NORMAL during the batch').toBe(1);
    expect(raw.pragma('synchronous', { simple: true }), 'FULL after it').toBe(2);
    await hot.close();
    raw.close();
  });

  it('answers a write only after the WAL file is synced, though the row is committed before', async () => {
    const { raw, sync, hot } = hotWrites('full');
    const id = await conversationId();
    const write = hot.appendShopperMessage(shopperMessage(id, '解約したい'));
    const state = settled(write);
    await syncRequested(sync);
    // Committed (another connection sees it) but not yet answered: the sync has not finished.
    expect((await storage.listMessages(id)).map((m) => m.text)).toEqual(['解約したい']);
    expect(state.done).toBe(false);
    sync.calls[0]!(null);
    await expect(write).resolves.toMatchObject({ duplicate: false, message: { text: '解約したい' } });
    expect(existsSync(path.join(dataDir, `${SQLITE_FILE_NAME}-wal`))).toBe(true);
    await hot.close();
    raw.close();
  });

  it('keeps synchronous=FULL on the connection for every write outside the group commit', async () => {
    const { raw, sync, hot } = hotWrites('full');
    const id = await conversationId();
    const write = hot.appendShopperMessage(shopperMessage(id, 'a'));
    await syncRequested(sync);
    expect(raw.pragma('synchronous', { simple: true })).toBe(2);
    sync.calls[0]!(null);
    await write;
    await hot.close();
    raw.close();
  });

  it('fails the writes of a batch whose sync failed', async () => {
    const { raw, sync, hot } = hotWrites('full');
    const id = await conversationId();
    const write = hot.appendShopperMessage(shopperMessage(id, 'b'));
    await syncRequested(sync);
    sync.calls[0]!(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    await expect(write).rejects.toThrow('EIO');
    await hot.close();
    raw.close();
  });

  it('does not sync by itself under synchronous=NORMAL', async () => {
    const { raw, sync, hot } = hotWrites('normal');
    const id = await conversationId();
    await expect(hot.appendShopperMessage(shopperMessage(id, 'c'))).resolves.toMatchObject({
      duplicate: false,
    });
    expect(sync.calls).toHaveLength(0);
    await hot.close();
    raw.close();
  });

  it('syncs the file for real: writes through openStorage are answered', async () => {
    const id = await conversationId();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => storage.appendShopperMessage(shopperMessage(id, `m${i}`))),
    );
    expect(results.every((r) => !r.duplicate)).toBe(true);
    expect(await storage.listMessages(id)).toHaveLength(20);
  });
});
