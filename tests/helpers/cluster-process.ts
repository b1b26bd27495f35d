/**
 * The real server (`server/main.ts`) as a cluster of two worker processes on the small corpus, the way
 * an operator runs SERVER_PROCESSES=2: logs to a file (a pipe nobody reads would block the workers), ready
 * once the primary says both workers are.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { freePort } from './server-process.ts';
import { writeSmallCorpus } from './small-corpus-files.ts';
import { waitFor } from './wait-for.ts';

/** A running two-worker cluster. */
export interface ClusterProcess {
  url: string;
  primary: ChildProcess;
}

/**
 * Starts the cluster in `dir` (its corpus, data and `server.log` go there) with `env` on top of this
 * process's environment, and waits until both workers are ready.
 */
export async function startClusterProcess(
  dir: string,
  env: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<ClusterProcess> {
  await writeSmallCorpus(path.join(dir, 'corpus'));
  const port = await freePort();
  const log = path.join(dir, 'server.log');
  const primary = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: path.join(dir, 'data'),
      CORPUS_DIR: path.join(dir, 'corpus'),
      SERVER_PROCESSES: '2',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', openSync(log, 'w')],
  });
  await waitFor(
    async () => (await fs.readFile(log, 'utf8')).includes('2 worker processes ready'),
    'both workers ready',
    { timeoutMs, intervalMs: 200 },
  );
  return { url: `http://127.0.0.1:${port}`, primary };
}
