/**
 * Trains in a worker thread and returns the model file (IntentEngine.toBytes). The worker loads its own Japanese dictionary;
 * the main thread stays free to serve chats and health checks while training runs (seconds).
 */
import { Worker } from 'node:worker_threads';
import { BotError } from '../errors.ts';
import { MODEL_WORKER_MAX_HEAP_MB } from './run-model-job.ts';
import type { Locale, TrainingExample } from './types.ts';

/** Trains an engine in a worker thread. Rejects with the worker's error message if training fails. */
export function trainInWorker(examples: Partial<Record<Locale, TrainingExample[]>>): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./typescript-worker-entry.mjs', import.meta.url), {
      workerData: { examples, entry: new URL('./train-worker.ts', import.meta.url).href },
      // Beyond it only the worker dies (ERR_WORKER_OUT_OF_MEMORY), not the server.
      resourceLimits: { maxOldGenerationSizeMb: MODEL_WORKER_MAX_HEAP_MB },
    });
    let settled = false;
    worker.once('message', (message: { ok: true; model: Uint8Array } | { ok: false; error: string }) => {
      settled = true;
      if (message.ok) resolve(message.model);
      else reject(new BotError('BOT_ERR_TRAINING_FAILED', message.error));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new BotError('BOT_ERR_TRAINING_FAILED', `worker exited with code ${code}`));
      settled = true;
    });
  });
}
