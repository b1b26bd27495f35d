/**
 * The online SQLite backup: it finishes while another connection commits between its steps (without the
 * snapshot SQLite would restart it at every commit), the copy is exactly the snapshot, and a backup that
 * cannot be made leaves nothing under the target's name.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupSqlite } from '../../../server/storage/sqlite-backup.ts';

describe('backupSqlite', () => {
  let dir: string;
  let source: string;
  let writer: SqliteDatabase.Database;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-bot-sqlite-backup-'));
    source = path.join(dir, 'source.sqlite');
    writer = new SqliteDatabase(source);
    writer.pragma('journal_mode = WAL');
    writer.exec('create table t (id integer primary key, v text)');
    const insert = writer.prepare('insert into t (v) values (?)');
    writer.transaction(() => {
      for (let i = 0; i < 20_000; i += 1) insert.run('x'.repeat(100));
    })();
  });
  afterEach(async () => {
    writer.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('finishes while another connection commits between its steps, with exactly the snapshot', async () => {
    const insert = writer.prepare('insert into t (v) values (?)');
    let rowsAtSnapshot = -1;
    let commitsDuring = 0;
    const target = path.join(dir, 'backup.sqlite');
    const steps: number[] = [];
    const result = await backupSqlite(source, target, {
      pagesPerStep: 20,
      onSnapshot: () => {
        rowsAtSnapshot = writer.prepare('select count(*) from t').pluck().get() as number;
      },
      onProgress: (progress) => {
        steps.push(progress.remainingPages);
        // A chat's commit between two steps.
        insert.run('during');
        commitsDuring += 1;
      },
    });
    expect(steps.length).toBeGreaterThan(10);
    expect(steps.at(-1)).toBe(0);
    expect(commitsDuring).toBe(steps.length);
    expect(result.integrity).toBe('ok');
    const copy = new SqliteDatabase(target, { readonly: true });
    try {
      expect(copy.prepare('select count(*) from t').pluck().get()).toBe(rowsAtSnapshot);
      expect(copy.prepare("select count(*) from t where v = 'during'").pluck().get()).toBe(0);
    } finally {
      copy.close();
    }
    expect(writer.prepare('select count(*) from t').pluck().get()).toBe(rowsAtSnapshot + commitsDuring);
  });

  it('leaves nothing behind when the target directory does not exist', async () => {
    const target = path.join(dir, 'missing', 'backup.sqlite');
    await expect(backupSqlite(source, target)).rejects.toMatchObject({ code: 'BACKUP_ERR_NO_DIRECTORY' });
    expect(await fs.readdir(dir)).toEqual(expect.not.arrayContaining([expect.stringContaining('backup')]));
  });

  it('refuses a source that does not exist instead of creating an empty one', async () => {
    const missing = path.join(dir, 'nothing.sqlite');
    await expect(backupSqlite(missing, path.join(dir, 'b.sqlite'))).rejects.toMatchObject({
      code: 'BACKUP_ERR_NO_DATABASE',
    });
    await expect(fs.access(missing)).rejects.toThrow();
  });
});
