/**
 * Runs a model job (train, score, cross-validate) in a worker thread and relays its progress. The
 * worker loads its own Japanese dictionary; the main thread keeps answering shoppers meanwhile.
 */
import { Worker } from 'node:worker_threads';
import { BotError } from '../errors.ts';
import type {
  LocaleScores,
  ModelJobInput,
  ModelJobProgress,
  ModelJobResult,
  ScoreJobInput,
} from './model-job.ts';
import type { Locale } from './types.ts';

type WorkerMessage<R> =
  | { type: 'progress'; progress: ModelJobProgress }
  | { type: 'done'; result: R }
  | { type: 'failed'; error: string };

/**
 * Heap a model worker may use (MiB, V8's old generation). Beyond it the worker alone dies with
 * ERR_WORKER_OUT_OF_MEMORY and the training fails; the server and its chats go on. The shipped corpus
 * trains in well under 300 MiB; the corpus limits (server/console/corpus-limits.ts) keep a corpus below.
 */
export const MODEL_WORKER_MAX_HEAP_MB = 1536;

/**
 * Runs the job off the main thread; rejects with a BotError `BOT_ERR_TRAINING_FAILED` when it fails, and with
 * `BOT_ERR_TRAINING_ABORTED` when `signal` aborts it (the worker is stopped at once).
 */
export function runModelJobInWorker(
  input: ModelJobInput,
  onProgress: (progress: ModelJobProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<ModelJobResult> {
  return runInWorker<ModelJobResult>({ input }, onProgress, signal);
}

/** Scores model files on the same tests in a worker thread (order kept). */
export function scoreModelsInWorker(
  score: ScoreJobInput,
  signal?: AbortSignal,
): Promise<Partial<Record<Locale, LocaleScores>>[]> {
  return runInWorker({ score }, () => {}, signal);
}

function runInWorker<R>(
  data: { input?: ModelJobInput; score?: ScoreJobInput },
  onProgress: (progress: ModelJobProgress) => void,
  signal: AbortSignal | undefined,
): Promise<R> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./typescript-worker-entry.mjs', import.meta.url), {
      workerData: { ...data, entry: new URL('./model-job-worker.ts', import.meta.url).href },
      resourceLimits: { maxOldGenerationSizeMb: MODEL_WORKER_MAX_HEAP_MB },
    });
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage<R>) => {
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'done') settle(() => resolve(message.result));
      else settle(() => reject(new BotError('BOT_ERR_TRAINING_FAILED', message.error)));
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) =>
      settle(() => reject(new BotError('BOT_ERR_TRAINING_FAILED', `worker exited with code ${code}`))),
    );
    const abort = () =>
      settle(() => reject(new BotError('BOT_ERR_TRAINING_ABORTED', 'the server is stopping')));
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });
}
