/**
 * Makes committed SQLite transactions durable off the event loop. With `synchronous=FULL` SQLite fsyncs
 * the write-ahead log inside COMMIT, on the calling thread: under load the chat's main thread spent about a
 * third of its time blocked there (a CPU profile of `npm run bench`). The chat's group commit instead
 * commits with `synchronous=NORMAL` (the frames reach the WAL file, in the page cache) and asks this class
 * to fdatasync the WAL file on libuv's thread pool; callers are answered only after that sync, so an
 * acknowledged message survives a power loss exactly as under FULL, which SQLite documents as "the WAL
 * file is synchronized after each transaction commit".
 *
 * Syncs are pipelined: one runs at a time, and every commit made while it runs waits for the next one,
 * which covers them all (a sync only covers what was written before it started).
 */
import fs from 'node:fs';

type Fdatasync = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void;

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Group fdatasync of one WAL file. */
export class WalSync {
  private fd: number | undefined;
  private waiting: Waiter[] = [];
  private syncing = false;
  private closed = false;
  private idle: (() => void) | undefined;

  constructor(
    /** The `-wal` file next to the database. */
    private readonly walPath: string,
    /** node:fs's by default; tests pass one they control. */
    private readonly fdatasync: Fdatasync = fs.fdatasync,
  ) {}

  /**
   * Resolves once everything written to the WAL before this call is on disk. Call it right after a
   * commit returned: the commit's frames are then in the file, and the sync that covers them starts
   * after this call.
   */
  durable(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('storage is closed'));
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.syncing) this.start();
    });
  }

  private start(): void {
    const covered = this.waiting;
    this.waiting = [];
    this.syncing = true;
    let fd: number;
    try {
      // Opened on first use: the WAL file exists once something was committed. SQLite keeps it (and
      // reuses it from the start after a checkpoint) while any connection is open, ours included.
      this.fd ??= fs.openSync(this.walPath, 'r');
      fd = this.fd;
    } catch (error) {
      this.finish(covered, error);
      return;
    }
    this.fdatasync(fd, (error) => this.finish(covered, error));
  }

  private finish(covered: Waiter[], error: unknown): void {
    for (const waiter of covered) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
    if (this.waiting.length > 0) {
      this.start();
      return;
    }
    this.syncing = false;
    this.idle?.();
  }

  /** Waits for the syncs asked for so far, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.syncing) await new Promise<void>((resolve) => (this.idle = resolve));
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
