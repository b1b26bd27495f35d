/**
 * Intent prediction on other cores: worker threads that each hold the same engine, so the main thread
 * (WebSockets, storage, dialogue) does not spend its time in kuromoji and the network. Requests go to
 * the worker with the fewest in flight. Each worker loads its own dictionary (about 0.3 GiB). A pool
 * is tied to one model: a new model gets a new pool.
 */
import { Worker } from 'node:worker_threads';
import { BotError } from '../errors.ts';
import type { NluResult } from './intent-engine.ts';
import type { Locale } from './types.ts';

interface PoolWorker {
  worker: Worker;
  pending: Map<number, { resolve: (result: NluResult) => void; reject: (error: Error) => void }>;
}

/** A prediction answered by a pool, with what it was asked, so a caller can check it fits its question. */
export interface PooledPrediction {
  text: string;
  fallback: Locale;
  result: NluResult;
}

/** Worker threads predicting with one engine. */
export class PredictionPool {
  private nextId = 1;
  private closed = false;

  private constructor(private readonly workers: PoolWorker[]) {}

  /**
   * Starts `threads` workers on the model file; resolves when all are loaded and warmed. `ownNames` are the
   * engine option of that name (the shop's own names, see other-company.ts).
   */
  static async start(
    model: Uint8Array,
    threads: number,
    ownNames: readonly string[] = [],
  ): Promise<PredictionPool> {
    const workers = Array.from({ length: threads }, () => {
      const worker = new Worker(new URL('./typescript-worker-entry.mjs', import.meta.url), {
        workerData: { model, ownNames, entry: new URL('./prediction-worker.ts', import.meta.url).href },
      });
      return { worker, pending: new Map() } as PoolWorker;
    });
    try {
      await Promise.all(
        workers.map(
          ({ worker }) =>
            new Promise<void>((resolve, reject) => {
              const onMessage = (message: { type?: string; error?: string }) => {
                if (message.type === 'ready') {
                  worker.off('message', onMessage);
                  resolve();
                } else if (message.type === 'failed')
                  reject(
                    new BotError(
                      'BOT_ERR_MODEL_LOAD',
                      message.error ?? 'the worker could not load the model',
                    ),
                  );
              };
              worker.on('message', onMessage);
              worker.once('error', reject);
              worker.once('exit', (code) => reject(new Error(`prediction worker exited with code ${code}`)));
            }),
        ),
      );
    } catch (error) {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
      throw error;
    }
    const pool = new PredictionPool(workers);
    for (const entry of workers) pool.listen(entry);
    return pool;
  }

  private listen(entry: PoolWorker): void {
    entry.worker.on('message', (message: { id?: number; result?: NluResult; error?: string }) => {
      if (message.id === undefined) return;
      const waiter = entry.pending.get(message.id);
      if (!waiter) return;
      entry.pending.delete(message.id);
      if (message.result) waiter.resolve(message.result);
      else waiter.reject(new Error(message.error ?? 'prediction failed'));
    });
    // A worker that dies fails its requests; callers fall back to predicting on the main thread.
    entry.worker.once('exit', () => {
      for (const waiter of entry.pending.values()) waiter.reject(new Error('prediction worker exited'));
      entry.pending.clear();
    });
  }

  /** Predicts on the least busy worker. */
  predict(text: string, fallback: Locale): Promise<PooledPrediction> {
    if (this.closed) return Promise.reject(new Error('prediction pool is closed'));
    let entry = this.workers[0]!;
    for (const candidate of this.workers) if (candidate.pending.size < entry.pending.size) entry = candidate;
    const id = this.nextId++;
    return new Promise<NluResult>((resolve, reject) => {
      entry.pending.set(id, { resolve, reject });
      entry.worker.postMessage({ id, text, fallback });
    }).then((result) => ({ text, fallback, result }));
  }

  /** Stops the workers; requests still in flight are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}
