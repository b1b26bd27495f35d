/**
 * One generator job in its own process: run.ts forks this file (node + tsx), sends one job over IPC and
 * gets its result back, so the generator's own work stays out of the measuring parent's event loop. An idle job reports `holding` once its chats are open and keeps them until released.
 */
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { errorMessage } from './chats.ts';
import { holdIdle, runClosedLoop, runOpenLoop, runProbe } from './generator.ts';
import type {
  ChatsSummary,
  ClosedLoopOptions,
  ConnectOptions,
  OpenLoopOptions,
  ProbeOptions,
} from './generator-types.ts';

/** One job for a forked generator process. */
export type GeneratorJob =
  | { mode: 'closed'; options: ClosedLoopOptions }
  | { mode: 'open'; options: OpenLoopOptions }
  | { mode: 'idle'; options: ConnectOptions }
  | { mode: 'probe'; options: ProbeOptions };

/** What a forked generator tells its parent. `holding`: idle chats are open, send 'release' when done. */
type GeneratorMessage =
  | { type: 'holding'; chats: ChatsSummary }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; message: string };

/**
 * Runs one job in a new generator process (node + tsx) and resolves with its result. `onHolding` is
 * called for an idle job once its chats are open; the chats are released when it resolves. The process
 * is killed after `timeoutMs`.
 */
export function runGeneratorProcess<T>(
  job: GeneratorJob,
  options: { timeoutMs: number; onHolding?: (chats: ChatsSummary) => Promise<void> },
): Promise<T> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, result?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        reject(error);
      } else {
        resolve(result as T);
      }
    };
    const timer = setTimeout(
      () => finish(new Error(`generator (${job.mode}) did not finish within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    child.on('message', (message: GeneratorMessage) => {
      if (message.type === 'holding') {
        const release = options.onHolding ? options.onHolding(message.chats) : Promise.resolve();
        release.then(
          () => child.send('release'),
          (error: unknown) => finish(error instanceof Error ? error : new Error(String(error))),
        );
      } else if (message.type === 'done') {
        finish(null, message.result);
      } else {
        finish(new Error(`generator (${job.mode}) failed: ${message.message}`));
      }
    });
    child.on('exit', (code, signal) =>
      finish(new Error(`generator (${job.mode}) exited early (code ${code}, signal ${signal})`)),
    );
    child.send(job);
  });
}

async function runJob(job: GeneratorJob): Promise<unknown> {
  switch (job.mode) {
    case 'closed':
      return runClosedLoop(job.options);
    case 'open':
      return runOpenLoop(job.options);
    case 'probe':
      return runProbe(job.options);
    case 'idle':
      return holdIdle(job.options, async (chats) => {
        const released = new Promise<void>((resolve) => process.once('message', () => resolve()));
        process.send!({ type: 'holding', chats } satisfies GeneratorMessage);
        await released;
      });
  }
}

// Forked by runGeneratorProcess: run the one job it sends, report, exit.
if (process.send && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.once('message', (job: GeneratorJob) => {
    const reply = (message: GeneratorMessage) => process.send!(message, () => process.exit(0));
    runJob(job).then(
      (result) => reply({ type: 'done', result }),
      (error: unknown) => reply({ type: 'failed', message: errorMessage(error) }),
    );
  });
}
