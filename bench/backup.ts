/**
 * npm run bench:backup -- [--size-mb 1024] [--chats 50] [--seconds 10] [--warmup-seconds 2] [--json]
 *
 * What an online backup costs the chat. Grows a fresh SQLite database to --size-mb (bench/grow-database.ts),
 * starts the real server on it, and measures the closed loop (--chats chats, one message in flight each,
 * --seconds measured after --warmup-seconds) twice: without a backup, then with `npm run backup`
 * (server/cli/backup.ts, a separate process, as an operator runs it) copying the database back to back for
 * the whole loop, each copy deleted once done. Reports the chat's latency and throughput both ways, the
 * backups' time and speed (one alone first, on the idle server), and which share of the measured window a
 * backup was copying. Target (issue 21): the chat's p99 with the backup ≤ 2× without.
 *
 * The load generator and the server are the load benchmark's (bench/load/). A 1 GiB run needs about 2 GiB
 * of free disk in the temp directory and takes a few minutes (growing the file is most of it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { growDatabase } from './grow-database.ts';
import { cleanUp, cleanUpOnSignalsAndAfter, log, onCleanUp } from './load/cleanups.ts';
import { freshServers, refreshModelCache } from './load/fresh-server.ts';
import { runGeneratorProcess } from './load/generator-process.ts';
import type { LoadResult } from './load/generator-types.ts';
import { revision } from './load/machine.ts';

const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSX = path.join(REPO_DIR, 'node_modules/.bin/tsx');
/** The target: p99 with a backup running at most this many times p99 without. */
const P99_FACTOR_TARGET = 2;

const { values } = parseArgs({
  options: {
    'size-mb': { type: 'string', default: '1024' },
    chats: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    'warmup-seconds': { type: 'string', default: '2' },
    json: { type: 'boolean', default: false },
  },
});
function numberOption(name: 'size-mb' | 'chats' | 'seconds' | 'warmup-seconds', min: number): number {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value < min) {
    process.stderr.write(`--${name} must be a number ≥ ${min}, got ${JSON.stringify(values[name])}\n`);
    process.exit(2);
  }
  return value;
}
const sizeMiB = numberOption('size-mb', 1);
const chats = Math.round(numberOption('chats', 1));
const seconds = numberOption('seconds', 1);
const warmupSeconds = numberOption('warmup-seconds', 0);
cleanUpOnSignalsAndAfter(30 * 60_000 + sizeMiB * 1000);

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-bot-bench-backup-'));
onCleanUp(async () => fs.rmSync(tempRoot, { recursive: true, force: true }));
const dataDir = path.join(tempRoot, 'server');

/** One `npm run backup` process: when its snapshot was taken and when it ended (epoch ms). */
interface BackupRun {
  snapshotAt: number | null;
  endedAt: number;
  code: number | null;
}

/** Runs the backup CLI once into a new file under the temp root, deleted afterwards. */
async function backupOnce(index: number, started: (child: ChildProcess) => void): Promise<BackupRun> {
  const target = path.join(tempRoot, `backup-${index}.sqlite`);
  const child = spawn(TSX, ['server/cli/backup.ts', target], {
    cwd: REPO_DIR,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started(child);
  let snapshotAt: number | null = null;
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    if (snapshotAt === null && chunk.toString().includes('snapshot taken')) snapshotAt = Date.now();
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) log(`backup ${index} failed (${code}): ${stderr.trim().slice(0, 300)}`);
  fs.rmSync(target, { force: true });
  return { snapshotAt, endedAt: Date.now(), code };
}

/** The share of [start, end] covered by the copying phase of `runs`. */
function coverage(runs: BackupRun[], start: number, end: number): number {
  let covered = 0;
  for (const run of runs) {
    if (run.snapshotAt === null || run.code !== 0) continue;
    covered += Math.max(0, Math.min(end, run.endedAt) - Math.max(start, run.snapshotAt));
  }
  return end > start ? covered / (end - start) : 0;
}

function closedLoop(url: string): Promise<LoadResult> {
  return runGeneratorProcess<LoadResult>(
    {
      mode: 'closed',
      options: {
        url,
        protocol: 'chat',
        connections: chats,
        warmupMs: warmupSeconds * 1000,
        durationMs: seconds * 1000,
      },
    },
    { timeoutMs: (warmupSeconds + seconds) * 1000 + 150_000 },
  );
}

async function main() {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const growStarted = performance.now();
  const grown = await growDatabase(dataDir, sizeMiB, log);
  const growSeconds = (performance.now() - growStarted) / 1000;
  log(
    `database: ${(grown.bytes / 2 ** 20).toFixed(0)} MiB, ${grown.messages} messages, in ${growSeconds.toFixed(0)} s`,
  );

  const server = await freshServers({
    repoDir: REPO_DIR,
    tempRoot,
    postgres: false,
    databaseUrl: '',
    sqliteSynchronous: undefined,
    nluThreads: 0,
    metrics: false,
  })('server');
  // Later runs (of this and of npm run bench) load the trained model instead of training again.
  refreshModelCache(dataDir, server);

  log('one backup alone, the server idle');
  const aloneStarted = Date.now();
  const alone = await backupOnce(0, () => {});
  const aloneSeconds = (alone.endedAt - aloneStarted) / 1000;
  // Snapshot → done: the copy and its integrity check, without the process start (tsx, imports).
  const aloneCopySeconds =
    alone.snapshotAt === null ? aloneSeconds : (alone.endedAt - alone.snapshotAt) / 1000;

  log(`closed loop without a backup: ${chats} chats, ${seconds} s`);
  const without = await closedLoop(server.url);

  log(`closed loop with backups back to back: ${chats} chats, ${seconds} s`);
  const runs: BackupRun[] = [];
  let looping = true;
  let current: ChildProcess | undefined;
  const backups = (async () => {
    for (let i = 1; looping; i += 1) runs.push(await backupOnce(i, (child) => (current = child)));
  })();
  onCleanUp(async () => {
    looping = false;
    current?.kill('SIGKILL');
  });
  const withBackup = await closedLoop(server.url);
  looping = false;
  await backups;
  await server.stop();

  const window = withBackup.windowEpochMs;
  const p99Factor = without.latencyMs.p99 > 0 ? withBackup.latencyMs.p99 / without.latencyMs.p99 : 0;
  const covered = coverage(runs, window.start, window.end);
  return {
    date: new Date().toISOString().slice(0, 10),
    revision: revision(REPO_DIR),
    cpus: os.cpus().length,
    database: { ...grown, sizeMiB, growSeconds: Math.round(growSeconds) },
    backupAlone: {
      seconds: Math.round(aloneSeconds * 10) / 10,
      copySeconds: Math.round(aloneCopySeconds * 10) / 10,
      mibPerSecond: Math.round(grown.bytes / 2 ** 20 / aloneCopySeconds),
      ok: alone.code === 0,
    },
    without: { latencyMs: without.latencyMs, repliesPerSecond: without.window.repliesPerSecond },
    withBackup: {
      latencyMs: withBackup.latencyMs,
      repliesPerSecond: withBackup.window.repliesPerSecond,
      backupsFinished: runs.filter((run) => run.code === 0).length,
      backupsFailed: runs.filter((run) => run.code !== 0).length,
      windowCoveredByCopying: Math.round(covered * 100) / 100,
    },
    p99Factor: Math.round(p99Factor * 100) / 100,
    target: `p99 with a backup ≤ ${P99_FACTOR_TARGET}× without`,
    verdict:
      covered < 0.9
        ? 'inconclusive (backups covered < 90 % of the window)'
        : p99Factor <= P99_FACTOR_TARGET
          ? 'met'
          : 'missed',
  };
}

try {
  const report = await main();
  if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    const ms = (summary: { p50: number; p99: number; max: number }) =>
      `p50 ${summary.p50} ms, p99 ${summary.p99} ms, max ${summary.max} ms`;
    process.stdout.write(
      [
        `Backup benchmark — ${report.date}, ${report.revision}, ${report.cpus} CPUs`,
        `database: ${(report.database.bytes / 2 ** 20).toFixed(0)} MiB (${report.database.messages} messages)`,
        `one backup, server idle: ${report.backupAlone.seconds} s, of which copying and checking ${report.backupAlone.copySeconds} s (${report.backupAlone.mibPerSecond} MiB/s)`,
        `closed loop, ${chats} chats, no backup:   ${ms(report.without.latencyMs)}, ${Math.round(report.without.repliesPerSecond)} replies/s`,
        `closed loop, ${chats} chats, with backup: ${ms(report.withBackup.latencyMs)}, ${Math.round(report.withBackup.repliesPerSecond)} replies/s`,
        `  backups finished during it: ${report.withBackup.backupsFinished} (failed: ${report.withBackup.backupsFailed}); window covered by copying: ${Math.round(report.withBackup.windowCoveredByCopying * 100)} %`,
        `target: ${report.target}: ${report.p99Factor}× — ${report.verdict}`,
        '',
      ].join('\n'),
    );
  }
  await cleanUp();
  process.exit(0);
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  await cleanUp();
  process.exit(1);
}
