/**
 * An online backup of the embedded SQLite database, safe while the server runs and chats go on:
 *
 *   npm run backup -- <file> [--pages-per-step N]
 *
 * Copies one consistent snapshot with SQLite's backup API on a connection of its own
 * (server/storage/sqlite-backup.ts), prints progress, checks the copy with `pragma integrity_check` and
 * names it `<file>` only when complete. Uses the server's DATA_DIR. With DATABASE_URL (PostgreSQL) it
 * refuses: use pg_dump or point-in-time recovery (docs/operations.md#postgresql). Restoring:
 * docs/operations.md#restore. `--pages-per-step` (default 1024, 4 MiB) copies less between pauses, for
 * a gentler disk load on a busy server. It runs at the lowest CPU priority (nice 19), so the chats keep
 * their cores. Exit codes: 0 done, 1 failed, 2 usage or PostgreSQL.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, parseEnv } from '../config/load-config.ts';
import { SQLITE_FILE_NAME } from '../storage/open-storage.ts';
import { BackupError, backupSqlite } from '../storage/sqlite-backup.ts';

const USAGE =
  'usage: npm run backup -- <file> [--pages-per-step N]   (a new file; the SQLite database of DATA_DIR is copied)';

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { 'pages-per-step': { type: 'string' } },
});
if (positionals.length !== 1 || !positionals[0]) fail(USAGE);
const target = path.resolve(positionals[0]);
const pagesPerStep = values['pages-per-step'] === undefined ? undefined : Number(values['pages-per-step']);
if (pagesPerStep !== undefined && !(Number.isInteger(pagesPerStep) && pagesPerStep >= 1)) {
  fail(`--pages-per-step must be a whole number ≥ 1, got ${JSON.stringify(values['pages-per-step'])}`);
}

let env: ReturnType<typeof parseEnv>;
try {
  env = parseEnv(process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(`Configuration error: ${error.message}`);
  throw error;
}
if (env.DATABASE_URL) {
  fail(
    'DATABASE_URL is set: this server stores its data in PostgreSQL, which npm run backup does not copy. ' +
      'Back it up with pg_dump, or continuously with WAL archiving for point-in-time recovery: ' +
      'docs/operations.md#postgresql',
  );
}

// The chats come first: the copy and its integrity check are CPU work that can wait, and on a small
// machine they competed with the server for its cores (bench:backup: the chat's p99 2.3× at 1 GiB).
try {
  os.setPriority(19);
} catch {
  // Not allowed here (a container without the right): the backup runs at the server's priority.
}

const source = path.resolve(env.DATA_DIR, SQLITE_FILE_NAME);
const MIB = 1024 * 1024;
let lastPercent = -1;
const started = performance.now();
process.stdout.write(`backing up ${source}\n       to ${target}\n       at nice ${os.getPriority()}\n`);
try {
  const result = await backupSqlite(source, target, {
    ...(pagesPerStep ? { pagesPerStep } : {}),
    onSnapshot: () => process.stdout.write(`snapshot taken at ${new Date().toISOString()}\n`),
    onProgress: ({ totalPages, remainingPages }) => {
      const percent = totalPages === 0 ? 100 : Math.floor(((totalPages - remainingPages) / totalPages) * 100);
      // One line per 10 %: readable in a terminal and in a cron mail alike.
      if (percent >= lastPercent + 10 || (percent === 100 && lastPercent !== 100)) {
        lastPercent = percent;
        process.stdout.write(`  ${percent} % (${totalPages - remainingPages} of ${totalPages} pages)\n`);
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `integrity_check: ${result.integrity}\ndone: ${(result.bytes / MIB).toFixed(1)} MiB, ${result.pages} pages, in ${seconds.toFixed(1)} s\n`,
  );
} catch (error) {
  if (error instanceof BackupError) fail(`backup failed: ${error.message} (${error.code})`, 1);
  fail(`backup failed: ${error instanceof Error ? error.message : String(error)}`, 1);
}
