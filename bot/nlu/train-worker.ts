/**
 * Worker-thread entry: trains an engine off the main thread so a retrain never stalls chats.
 * Receives `{ examples }` as workerData and posts back the engine JSON (or an error message).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { IntentEngine } from './intent-engine.ts';
import type { Locale, TrainingExample } from './types.ts';

const { examples } = workerData as { examples: Partial<Record<Locale, TrainingExample[]>> };
try {
  const engine = await IntentEngine.train(examples, { cacheSize: 0 });
  parentPort?.postMessage({ ok: true, json: engine.toJSON() });
} catch (error) {
  parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
