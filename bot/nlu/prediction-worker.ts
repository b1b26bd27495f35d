/**
 * Worker-thread entry of a prediction pool (prediction-pool.ts): loads the engine from the model file it
 * is given (its own Japanese dictionary included), says `ready`, then answers `{ id, text, fallback }` with
 * `{ id, result }` — the same `predict()` the main thread would have run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { IntentEngine } from './intent-engine.ts';
import type { Locale } from './types.ts';

const { model, ownNames } = workerData as { model: Uint8Array; ownNames: string[] };
try {
  const engine = await IntentEngine.fromBytes(model, { ownNames });
  // Warm: the first real question should not pay for lazy initialisation.
  for (const locale of engine.locales) engine.predict(locale === 'ja' ? 'こんにちは' : 'hello', locale);
  parentPort?.on('message', (request: { id: number; text: string; fallback: Locale }) => {
    try {
      parentPort?.postMessage({ id: request.id, result: engine.predict(request.text, request.fallback) });
    } catch (error) {
      parentPort?.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  });
  parentPort?.postMessage({ type: 'ready' });
} catch (error) {
  parentPort?.postMessage({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
}
