/**
 * Worker-thread entry of a model job (model-job.ts): posts `progress` messages, then one `done` or
 * `failed`, so training, scoring and cross-validation never stall chats on the main thread. With
 * `score` instead of `input` it only scores model files on tests (the gate after a publication).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type ModelJobInput, runModelJob, runScoreJob, type ScoreJobInput } from './model-job.ts';

const { input, score } = workerData as { input?: ModelJobInput; score?: ScoreJobInput };
try {
  if (score) {
    parentPort?.postMessage({ type: 'done', result: await runScoreJob(score) });
  } else {
    const result = await runModelJob(input!, (progress) =>
      parentPort?.postMessage({ type: 'progress', progress }),
    );
    parentPort?.postMessage({ type: 'done', result });
  }
} catch (error) {
  parentPort?.postMessage({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
}
