/**
 * The unanswered page's grouping, run in a worker thread and cached: the same queue (the same message
 * ids) is grouped once, however often editors open or poll the page; concurrent requests for the same
 * queue share one run. A changed queue (a new message, a review, a privacy deletion) is a new key.
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { ServerError } from '../errors.ts';
import { type GroupedIds, groupingInput, type QuestionToSort } from './group-unanswered.ts';

/** Runs the grouping of one queue (default: in a worker thread). */
export type GroupingRunner = (questions: QuestionToSort[]) => Promise<GroupedIds[]>;

/** Queues whose grouping is kept (one per locale filter and limit an editor uses, and a few recent). */
const CACHED_QUEUES = 8;

/** Groups in a new worker thread; rejects with `CONSOLE_ERR_GROUPING_FAILED` if the worker fails. */
export const groupInWorker: GroupingRunner = (questions) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../../bot/nlu/typescript-worker-entry.mjs', import.meta.url), {
      workerData: { questions, entry: new URL('./group-unanswered-worker.ts', import.meta.url).href },
      // 500 messages of 200 characters need a few MiB; the cap only stops a runaway worker, not the server.
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      reject(new ServerError('CONSOLE_ERR_GROUPING_FAILED', `grouping failed: ${reason}`));
    };
    worker.once('message', (message: { ok: true; groups: GroupedIds[] } | { ok: false; error: string }) => {
      if (message.ok && !settled) {
        settled = true;
        resolve(message.groups);
      } else if (!message.ok) fail(message.error);
      void worker.terminate();
    });
    worker.once('error', (error) => fail(error.message));
    worker.once('exit', (code) => fail(`worker exited with code ${code}`));
  });

/** Cached, off-thread grouping of the unanswered queue. */
export class UnansweredGrouping {
  private readonly cache = new Map<string, Promise<GroupedIds[]>>();

  constructor(private readonly run: GroupingRunner = groupInWorker) {}

  /** The groups of these questions (ids, texts and guesses as stored; only ids and order key the cache). */
  group(questions: readonly QuestionToSort[]): Promise<GroupedIds[]> {
    if (questions.length === 0) return Promise.resolve([]);
    const hash = createHash('sha256');
    for (const q of questions) hash.update(`${q.id}\u0000${q.locale}\u0000`);
    const key = hash.digest('hex');
    const cached = this.cache.get(key);
    if (cached) {
      // Most recently used last, so the oldest is dropped first.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const running = this.run(groupingInput(questions));
    this.cache.set(key, running);
    // A failed run is not kept: the next visit tries again.
    running.catch(() => this.cache.delete(key));
    while (this.cache.size > CACHED_QUEUES) this.cache.delete(this.cache.keys().next().value!);
    return running;
  }
}
