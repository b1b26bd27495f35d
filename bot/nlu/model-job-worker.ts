/**
 * Worker-thread entry of a model job (model-job.ts): posts `progress` messages, then one `done` or
 * `failed`, so training, scoring and cross-validation never stall chats on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type ModelJobInput, runModelJob } from './model-job.ts';

const { input } = workerData as { input: ModelJobInput };
try {
  const result = await runModelJob(input, (progress) =>
    parentPort?.postMessage({ type: 'progress', progress }),
  );
  parentPort?.postMessage({ type: 'done', result });
} catch (error) {
  parentPort?.postMessage({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
}
