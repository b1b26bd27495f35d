/**
 * Worker-thread entry: trains an engine off the main thread so a retrain never stalls chats.
 * Receives `{ examples }` as workerData and posts back the model file (or an error message).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { IntentEngine } from './intent-engine.ts';
import type { Locale, TrainingExample } from './types.ts';

const { examples } = workerData as { examples: Partial<Record<Locale, TrainingExample[]>> };
try {
  const engine = await IntentEngine.train(examples, { cacheSize: 0 });
  const model = engine.toBytes();
  // Transferred, not copied: the worker is done with it.
  parentPort?.postMessage({ ok: true, model }, [model.buffer as ArrayBuffer]);
} catch (error) {
  parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
