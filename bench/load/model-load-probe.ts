/**
 * Child process of bench/load/run.ts: times loading a cached model file in a fresh process, step by step,
 * and prints them as JSON (ms): the kuromoji dictionary (once per process), then reading the file's bytes
 * and IntentEngine.fromBytes (views onto the sections and the lookup maps), then the first prediction;
 * last, unzipping the model as the database stores it (server/storage/model-store.ts), which a server
 * start adds to the model load.
 * Usage: node --import tsx bench/load/model-load-probe.ts <model file>
 */
import fs from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { IntentEngine } from '../../bot/nlu/intent-engine.ts';
import { loadJapaneseAnalyzer } from '../../bot/nlu/japanese-analyzer.ts';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: model-load-probe.ts <model file>\n');
  process.exit(2);
}
const ms = (from: number) => Math.round((performance.now() - from) * 10) / 10;

let t = performance.now();
await loadJapaneseAnalyzer();
const dictionaryMs = ms(t);
t = performance.now();
const bytes = fs.readFileSync(file);
const readMs = ms(t);
t = performance.now();
const engine = await IntentEngine.fromBytes(bytes);
const engineLoadMs = ms(t);
t = performance.now();
engine.predict('定期便の周期を変えたい', 'ja');
const firstPredictMs = ms(t);
const stored = gzipSync(bytes, { level: 1 });
t = performance.now();
gunzipSync(stored);
const gunzipMs = ms(t);

process.stdout.write(
  `${JSON.stringify({
    modelBytes: bytes.byteLength,
    dictionaryMs,
    readMs,
    engineLoadMs,
    firstPredictMs,
    gunzipMs,
    storedBytes: stored.byteLength,
    // Cached file → engine ready to predict, with the dictionary already in memory.
    modelLoadMs: Math.round((readMs + engineLoadMs) * 10) / 10,
  })}\n`,
);
