/**
 * Moves SQLite's WAL checkpoints off the chat's event loop. By default the connection that commits runs a
 * checkpoint inside its COMMIT whenever the WAL passes 1,000 pages: it copies the pages into the database
 * file and fsyncs both files, on the main thread. Under `npm run bench` that stalled every chat for a
 * while many times a second; with it off, the closed loop answered about a fifth more messages.
 *
 * A worker thread with a connection of its own instead runs a PASSIVE checkpoint every `intervalMs`
 * (PASSIVE copies what no reader still needs and never waits for or blocks a writer). The chat's
 * connection keeps a checkpoint of its own at `fallbackPages` as a bound: a PASSIVE checkpoint racing a
 * steady stream of commits can leave the last frames behind, so the WAL might never start over. That
 * one then finds the pages already copied and costs little. If the worker cannot start or fails, the chat's
 * connection checkpoints as SQLite does by default again.
 */
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/** SQLite's default: the connection that commits checkpoints once the WAL passes this many pages. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

export interface WalCheckpointerOptions {
  /** How often the worker checkpoints. */
  intervalMs?: number;
  /** The chat connection's own checkpoint threshold while the worker runs, in pages. */
  fallbackPages?: number;
}

/** A checkpointing worker thread for the database `raw` has open. */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private stopped = false;

  constructor(
    private readonly raw: BetterSqlite3.Database,
    { intervalMs = 100, fallbackPages = 8000 }: WalCheckpointerOptions = {},
  ) {
    raw.pragma(`wal_autocheckpoint = ${fallbackPages}`);
    this.worker = new Worker(new URL('./wal-checkpoint-worker.mjs', import.meta.url), {
      workerData: { file: raw.name, intervalMs },
    });
    // The worker must never keep a process alive that is otherwise done.
    this.worker.unref();
    this.worker.on('message', (message: { type?: string; error?: string }) => {
      if (message.type === 'failed') this.giveBack(message.error);
    });
    this.worker.on('error', (error: { message?: unknown }) => this.giveBack(String(error.message ?? error)));
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
  }

  /** Resolves once the worker opened its connection (tests). */
  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: { type?: string; error?: string }) => {
        if (message.type !== 'ready') return;
        this.worker.off('message', onMessage);
        resolve();
      };
      this.worker.on('message', onMessage);
      this.exited.then(() => reject(new Error('the WAL checkpointer exited')));
    });
  }

  /** The checkpoints go back to the chat's connection, as SQLite does them by default. */
  private giveBack(reason: string | undefined): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.raw.open) this.raw.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
    // Storage has no logger of its own; a process warning reaches stderr and the host's log once.
    process.emitWarning(`WAL checkpoints back on the chat's connection: ${reason ?? 'worker failed'}`, {
      code: 'SHOPBOT_WAL_CHECKPOINTER',
    });
    void this.worker.terminate();
  }

  /** Stops the worker and closes its connection (before the chat's connection is closed). */
  async close(): Promise<void> {
    this.stopped = true;
    // Held until it has exited: a process that is otherwise done (a CLI closing its storage) would end
    // with this await unsettled (exit code 13).
    this.worker.ref();
    this.worker.postMessage('close');
    await this.exited;
  }
}

/** What `pragma wal_checkpoint(…)` answers: busy is 1 when the checkpoint could not finish. */
export interface CheckpointRow {
  busy: number;
  log: number;
  checkpointed: number;
}

/** How long truncateWal() keeps asking while another checkpoint holds the lock. */
const TRUNCATE_TRIES = 200;
const TRUNCATE_PAUSE_MS = 10;

/**
 * Checkpoints the whole WAL into the database file and truncates it (after a deletion on request: the
 * WAL's older frames still hold the deleted rows). SQLite answers busy at once, without waiting, while
 * another connection checkpoints (the worker above, or another process): asked again until it is done.
 */
export async function truncateWal(
  checkpoint: () => Promise<CheckpointRow | undefined>,
  pause: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const row = await checkpoint();
    if (!row || row.busy === 0) return;
    if (attempt >= TRUNCATE_TRIES)
      throw new Error(`the WAL could not be truncated: still busy after ${attempt} checkpoints`);
    await pause(TRUNCATE_PAUSE_MS);
  }
}
