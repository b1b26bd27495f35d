/**
 * WAL checkpoints off the chat's connection: a worker thread copies committed pages into the database file
 * while the chat's connection keeps only a distant bound of its own, the storage starts one for its file,
 * and a worker that cannot run hands the checkpoints back to the chat's connection.
 */

import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase, openStorage, SQLITE_FILE_NAME } from '../../../server/storage/open-storage.ts';
import { truncateWal, WalCheckpointer } from '../../../server/storage/wal-checkpointer.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shop-bot-checkpoint-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Whether `marker` is in the database file itself (not only in its WAL). */
const inDatabaseFile = (dir: string, marker: string) =>
  readFileSync(path.join(dir, SQLITE_FILE_NAME)).includes(Buffer.from(marker));

describe('WalCheckpointer', () => {
  it('copies committed pages into the database file while the chat connection does not checkpoint', async () => {
    const dir = dataDir();
    const raw = openSqliteDatabase(dir);
    raw.exec('create table notes (text text not null)');
    const checkpointer = new WalCheckpointer(raw, { intervalMs: 20 });
    await checkpointer.ready();
    // A page, far below the chat connection's own bound: only the worker can have moved it.
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(8000);
    const marker = `note-${randomUUID()}`;
    raw.prepare('insert into notes (text) values (?)').run(marker);
    await waitFor(() => inDatabaseFile(dir, marker), 'the row in the database file');
    expect(inDatabaseFile(dir, marker)).toBe(true);
    await checkpointer.close();
    raw.close();
  });

  it('hands the checkpoints back to the chat connection when the worker cannot open the file', async () => {
    const dir = dataDir();
    const raw = openSqliteDatabase(dir);
    // The connection keeps its unlinked file; a new one (the worker's) finds nothing to open.
    unlinkSync(path.join(dir, SQLITE_FILE_NAME));
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const checkpointer = new WalCheckpointer(raw, { intervalMs: 20 });
      await expect(checkpointer.ready()).rejects.toThrow();
      await waitFor(
        () => raw.pragma('wal_autocheckpoint', { simple: true }) === 1000,
        'checkpoints given back',
      );
      expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(warnings.map((w) => (w as Error & { code?: string }).code)).toContain(
        'SHOPBOT_WAL_CHECKPOINTER',
      );
      await checkpointer.close();
    } finally {
      process.off('warning', onWarning);
      raw.close();
    }
  });

  it('stops on close: the worker exits and no longer answers', async () => {
    const dir = dataDir();
    const raw = openSqliteDatabase(dir);
    const checkpointer = new WalCheckpointer(raw, { intervalMs: 20 });
    await checkpointer.ready();
    await checkpointer.close();
    await expect(checkpointer.ready()).rejects.toThrow('exited');
    raw.close();
  });
});

describe('truncateWal', () => {
  const row = (busy: number) => ({ busy, log: 3, checkpointed: busy ? 1 : 3 });

  it('asks again while another checkpoint holds the lock, until the WAL is truncated', async () => {
    const answers = [row(1), row(1), row(0)];
    let calls = 0;
    const pauses: number[] = [];
    await truncateWal(
      async () => answers[calls++],
      async (ms) => void pauses.push(ms),
    );
    expect(calls).toBe(3);
    expect(pauses).toHaveLength(2);
  });

  it('fails clearly when the WAL stays busy', async () => {
    await expect(
      truncateWal(
        async () => row(1),
        async () => {},
      ),
    ).rejects.toThrow('the WAL could not be truncated');
  });
});

describe('SQLite storage', () => {
  it('lets a process that opened and closed it end normally (the worker does not leave an await unsettled)', () => {
    const dir = dataDir();
    const script = path.join(dir, 'open-and-close.mts');
    const openStorageUrl = new URL('../../../server/storage/open-storage.ts', import.meta.url).href;
    writeFileSync(
      script,
      `import { openStorage } from ${JSON.stringify(openStorageUrl)};\n` +
        `const storage = await openStorage({ dataDir: ${JSON.stringify(dir)} });\n` +
        'await storage.close();\nconsole.log("closed");\n',
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect({ status: run.status, stdout: run.stdout.trim() }).toEqual({ status: 0, stdout: 'closed' });
  });

  it('checkpoints the chat writes off its connection: a stored message reaches the database file', async () => {
    const dir = dataDir();
    const storage = await openStorage({ dataDir: dir });
    try {
      const conversation = await storage.createConversation({
        id: randomUUID(),
        tokenHash: randomUUID(),
        locale: 'ja',
        createdAt: new Date('2026-12-04T12:00:00Z'),
      });
      const marker = `解約したい-${randomUUID()}`;
      await storage.appendShopperMessage({
        id: randomUUID(),
        conversationId: conversation.id,
        clientSeq: 1,
        text: marker,
        createdAt: new Date('2026-12-04T12:00:01Z'),
      });
      await waitFor(() => inDatabaseFile(dir, marker), 'the row in the database file');
      expect(inDatabaseFile(dir, marker)).toBe(true);
    } finally {
      await storage.close();
    }
  });
});
