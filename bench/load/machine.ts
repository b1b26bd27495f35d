/**
 * Facts about the machine and the checkout a benchmark report records: the open-files limit, the
 * revision measured, the data directory's filesystem and fsync latency, and how busy the cores are.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readMachineBusyMs } from './server-process.ts';
import { type LatencySummary, summarize } from './stats.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** This process's soft limit of open files. */
export function openFilesLimit(): number {
  const limits = fs.readFileSync('/proc/self/limits', 'utf8');
  const soft = /^Max open files\s+(\S+)/m.exec(limits)?.[1];
  return soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft);
}

/** HEAD's short hash, with "+ uncommitted changes" when bot/, server/ or corpus/ differ from it. */
export function revision(repoDir: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: repoDir,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'bot', 'server', 'corpus'], {
      cwd: repoDir,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown revision';
  }
}

/** The filesystem type of `dir` (df). */
export function filesystemOf(dir: string): string {
  try {
    return execFileSync('df', ['--output=fstype', dir], { encoding: 'utf8' }).trim().split('\n').pop()!;
  } catch {
    return 'unknown filesystem';
  }
}

/**
 * fdatasync latency of a 4 KiB write in `dir`, over 100 writes: SQLite with synchronous=full waits for one
 * per commit (WAL), so this bounds its commit rate on this disk.
 */
export function measureFsync(dir: string): LatencySummary {
  const file = path.join(dir, 'fsync-probe');
  const fd = fs.openSync(file, 'w');
  const block = Buffer.alloc(4096, 1);
  const samples: number[] = [];
  try {
    for (let i = 0; i < 100; i += 1) {
      const started = performance.now();
      fs.writeSync(fd, block, 0, block.length, (i % 16) * block.length);
      fs.fdatasyncSync(fd);
      samples.push(performance.now() - started);
    }
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
  return summarize(samples);
}

/** Cores busy over `ms` (every process on the machine). */
export async function coresBusy(ms = 1000): Promise<number> {
  const busy = readMachineBusyMs();
  const started = performance.now();
  await sleep(ms);
  return Math.round(((readMachineBusyMs() - busy) / (performance.now() - started)) * 100) / 100;
}
