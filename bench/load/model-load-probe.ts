/**
 * Child process of bench/load/run.ts: times loading a cached model file in a fresh process, step by step,
 * and prints them as JSON (ms): the kuromoji dictionary (once per process), then read, JSON.parse and
 * IntentEngine.load of the model file, then the first prediction.
 * Usage: node --import tsx bench/load/model-load-probe.ts <model.json>
 */
import fs from 'node:fs';
import { IntentEngine, type IntentEngineJson } from '../../bot/nlu/intent-engine.ts';
import { loadJapaneseAnalyzer } from '../../bot/nlu/japanese-analyzer.ts';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: model-load-probe.ts <model.json>\n');
  process.exit(2);
}
const ms = (from: number) => Math.round((performance.now() - from) * 10) / 10;

let t = performance.now();
await loadJapaneseAnalyzer();
const dictionaryMs = ms(t);
t = performance.now();
const text = fs.readFileSync(file, 'utf8');
const readMs = ms(t);
t = performance.now();
const json = JSON.parse(text) as IntentEngineJson;
const parseMs = ms(t);
t = performance.now();
const engine = await IntentEngine.load(json);
const engineLoadMs = ms(t);
t = performance.now();
engine.predict('定期便の周期を変えたい', 'ja');
const firstPredictMs = ms(t);

process.stdout.write(
  `${JSON.stringify({
    modelBytes: fs.statSync(file).size,
    dictionaryMs,
    readMs,
    parseMs,
    engineLoadMs,
    firstPredictMs,
    // Cached file → engine ready to predict, with the dictionary already in memory.
    modelLoadMs: Math.round((readMs + parseMs + engineLoadMs) * 10) / 10,
  })}\n`,
);
