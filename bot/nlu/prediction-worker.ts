/**
 * Worker-thread entry of a prediction pool (prediction-pool.ts): loads the engine from the JSON it is
 * given (its own Japanese dictionary included), says `ready`, then answers `{ id, text, fallback }` with
 * `{ id, result }` — the same `predict()` the main thread would have run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { IntentEngine, type IntentEngineJson } from './intent-engine.ts';
import type { Locale } from './types.ts';

const { json } = workerData as { json: IntentEngineJson };
try {
  const engine = await IntentEngine.load(json);
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
