// The WAL checkpoints of one SQLite database file, on their own thread and connection (wal-checkpointer.ts
// explains why). Plain JavaScript so that it starts in milliseconds without tsx's loader: every open
// database starts one, and the tests open hundreds.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {{ file: string, intervalMs: number }} */
const { file, intervalMs } = workerData;
const Database = createRequire(import.meta.url)('better-sqlite3');
const db = new Database(file, { fileMustExist: true });
// PASSIVE never waits and never blocks the chat's writer; this connection never checkpoints by itself.
db.pragma('wal_autocheckpoint = 0');
const checkpoint = db.prepare('pragma wal_checkpoint(PASSIVE)');

let failed = false;
const timer = setInterval(() => {
  try {
    checkpoint.run();
  } catch (error) {
    // Reported once and stopped: the owner gives the checkpoints back to the chat's own connection.
    if (!failed) parentPort?.postMessage({ type: 'failed', error: String(error) });
    failed = true;
    clearInterval(timer);
  }
}, intervalMs);

parentPort?.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
parentPort?.postMessage({ type: 'ready' });
