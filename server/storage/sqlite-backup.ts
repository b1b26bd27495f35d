/**
 * An online backup of the embedded SQLite database while the server keeps writing to it: SQLite's backup
 * API (better-sqlite3's `db.backup()`) on a connection of its own, copying the pages a few at a time so
 * the copying process stays responsive and prints progress.
 *
 * Consistency: the backup connection holds one read transaction from before the first page to after the
 * last, so every page comes from the same snapshot (WAL mode lets the server commit meanwhile; its new
 * commits go to the WAL, which cannot be checkpointed past the snapshot until the backup ends). Without
 * that transaction SQLite restarts a backup whenever another connection commits, and under a steady chat
 * it never finishes (measured: 15 s and not done on a 21 MB file with a commit per millisecond; with the
 * snapshot, 0.5 s). The copy holds every message acknowledged before the snapshot, and whole exchanges
 * only (each commit is in it or not).
 *
 * The copy is written to `<target>.partial` (mode 0600: it holds shoppers' messages), checked with
 * `pragma integrity_check`, flushed to disk and only then renamed to `target`, so a file under the
 * target's name is always a complete, checked backup.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { ServerError } from '../errors.ts';

/** Pages copied per step (4 KiB each: 4 MiB), between which the event loop runs. */
const DEFAULT_PAGES_PER_STEP = 1024;

/** How far a backup is. */
export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

/** Options of a backup. */
export interface SqliteBackupOptions {
  pagesPerStep?: number;
  /** Called after each step, the last one (remainingPages 0) included. */
  onProgress?(progress: BackupProgress): void;
  /** Called once the snapshot is taken (the copy holds every commit before this moment). */
  onSnapshot?(): void;
}

/** What a finished backup wrote. */
export interface SqliteBackupResult {
  pages: number;
  bytes: number;
  /** `pragma integrity_check` of the copy: `ok`. */
  integrity: string;
}

/** A backup that could not be made; nothing is left under the target's name. */
export class BackupError extends ServerError {}

/** Backs up the SQLite file `source` (in use or not) to the new file `target`. */
export async function backupSqlite(
  source: string,
  target: string,
  options: SqliteBackupOptions = {},
): Promise<SqliteBackupResult> {
  if (!fs.existsSync(source)) {
    throw new BackupError('BACKUP_ERR_NO_DATABASE', `no database at ${source} (is DATA_DIR right?)`);
  }
  if (fs.existsSync(target)) {
    throw new BackupError('BACKUP_ERR_TARGET_EXISTS', `${target} exists; give a new file name`);
  }
  if (!fs.existsSync(path.dirname(path.resolve(target)))) {
    throw new BackupError('BACKUP_ERR_NO_DIRECTORY', `the directory of ${target} does not exist`);
  }
  const partial = `${target}.partial`;
  // Left over from an interrupted backup: never a backup, always safe to replace.
  fs.rmSync(partial, { force: true });
  fs.closeSync(fs.openSync(partial, 'wx', 0o600));
  try {
    const pages = await copySnapshot(source, partial, options);
    const integrity = checkIntegrity(partial);
    if (integrity !== 'ok') {
      throw new BackupError('BACKUP_ERR_INTEGRITY', `the copy failed integrity_check: ${integrity}`);
    }
    syncFile(partial);
    fs.renameSync(partial, target);
    syncFile(path.dirname(path.resolve(target)));
    return { pages, bytes: fs.statSync(target).size, integrity };
  } catch (error) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(partial + suffix, { force: true });
    throw error;
  }
}

/** Copies one snapshot of `source` into `partial`; returns the pages copied. */
async function copySnapshot(source: string, partial: string, options: SqliteBackupOptions): Promise<number> {
  const db = new SqliteDatabase(source, { fileMustExist: true, timeout: 5000 });
  try {
    // The snapshot: a read transaction is begun lazily, so one read inside it pins it.
    db.exec('BEGIN');
    db.prepare('select count(*) from sqlite_schema').get();
    options.onSnapshot?.();
    const pagesPerStep = options.pagesPerStep ?? DEFAULT_PAGES_PER_STEP;
    const result = await db.backup(partial, {
      progress: (progress) => {
        options.onProgress?.(progress);
        return pagesPerStep;
      },
    });
    db.exec('COMMIT');
    // better-sqlite3 reports every step but the last.
    options.onProgress?.({ totalPages: result.totalPages, remainingPages: 0 });
    return result.totalPages;
  } finally {
    db.close();
  }
}

/** `pragma integrity_check` of a file: `ok`, or the first problems found. */
function checkIntegrity(file: string): string {
  const db = new SqliteDatabase(file, { fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
