/**
 * Runs a model job (train, score, cross-validate) in a worker thread and relays its progress. The
 * worker loads its own Japanese dictionary; the main thread keeps answering shoppers meanwhile.
 */
import { Worker } from 'node:worker_threads';
import type { ModelJobInput, ModelJobProgress, ModelJobResult } from './model-job.ts';

type WorkerMessage =
  | { type: 'progress'; progress: ModelJobProgress }
  | { type: 'done'; result: ModelJobResult }
  | { type: 'failed'; error: string };

/**
 * Runs the job off the main thread; rejects with `BOT_ERR_TRAINING_FAILED: …` when it fails, and with
 * `BOT_ERR_TRAINING_ABORTED` when `signal` aborts it (the worker is stopped at once).
 */
export function runModelJobInWorker(
  input: ModelJobInput,
  onProgress: (progress: ModelJobProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<ModelJobResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./typescript-worker-entry.mjs', import.meta.url), {
      workerData: { input, entry: new URL('./model-job-worker.ts', import.meta.url).href },
    });
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'done') settle(() => resolve(message.result));
      else settle(() => reject(new Error(`BOT_ERR_TRAINING_FAILED: ${message.error}`)));
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`BOT_ERR_TRAINING_FAILED: worker exited with code ${code}`))),
    );
    const abort = () => settle(() => reject(new Error('BOT_ERR_TRAINING_ABORTED: the server is stopping')));
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });
}
