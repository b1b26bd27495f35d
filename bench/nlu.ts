/**
 * npm run bench:nlu -- [--json] [--rounds N]
 *
 * predict() latency (p50/p99 µs), throughput and RSS on the shipped Japanese corpus, against stock NLP.js
 * (@nlpjs/nlp + lang-ja, the documented set-up, autosave off) trained on the same corpus in the same run.
 * Messages are the corpus's held-out Japanese tests (shop-length questions the models never saw), and the
 * same questions joined into 200-character stories (a long message is classified whole and clause by
 * clause; the target is p99 ≤ 1 ms). Training is timed for Japanese alone and for the whole shipped corpus
 * (both locales; target ≤ 10 s on two cores).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus, testExamples, trainingExamples } from '../bot/corpus/load-corpus.ts';
import { IntentEngine } from '../bot/nlu/intent-engine.ts';
import { loadJapaneseAnalyzer } from '../bot/nlu/japanese-analyzer.ts';
import { trainInWorker } from '../bot/nlu/train-in-worker.ts';

const require = createRequire(import.meta.url);
const { values } = parseArgs({
  options: { json: { type: 'boolean', default: false }, rounds: { type: 'string', default: '20' } },
});
const rounds = Number(values.rounds);
const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function measure(predict: (text: string) => unknown, texts: string[]) {
  const first = performance.now();
  await predict('定期便の周期を変えたい');
  const firstCallUs = (performance.now() - first) * 1000;
  for (const t of texts) await predict(t);
  const samples: number[] = [];
  const started = performance.now();
  for (let r = 0; r < rounds; r += 1) {
    // Distinct suffixes defeat result caches: we measure the work, not a lookup.
    for (const t of texts) {
      const text = `${t}${r === 0 ? '' : ` ${r}`}`;
      const t0 = performance.now();
      await predict(text);
      samples.push((performance.now() - t0) * 1000);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  samples.sort((a, b) => a - b);
  return {
    firstCallUs: Math.round(firstCallUs),
    p50Us: Math.round(percentile(samples, 0.5)),
    p99Us: Math.round(percentile(samples, 0.99)),
    perSecond: Math.round(samples.length / seconds),
  };
}

const corpus = await loadCorpus('corpus');
const dictionaryStarted = performance.now();
await loadJapaneseAnalyzer();
const dictionaryMs = Math.round(performance.now() - dictionaryStarted);
const train = trainingExamples(corpus, 'ja');
const texts = testExamples(corpus, 'ja').map((e) => e.text);
const LONG_MESSAGE_CHARACTERS = 200;
/** Held-out questions joined with 。 into messages of exactly 200 characters (code points). */
function longMessages(questions: string[]): string[] {
  const out: string[] = [];
  let current = '';
  for (const q of questions) {
    current += `${q}。`;
    if ([...current].length >= LONG_MESSAGE_CHARACTERS) {
      out.push([...current].slice(0, LONG_MESSAGE_CHARACTERS).join(''));
      current = '';
    }
  }
  return out;
}
const longTexts = longMessages(texts);

// Trained in a worker thread (as the server does), so this process holds only the loaded model.
let t0 = performance.now();
const model = await trainInWorker({ ja: train });
const trainMs = Math.round(performance.now() - t0);
t0 = performance.now();
const engine = await IntentEngine.fromBytes(model, { cacheSize: 0 });
const loadMs = Math.round(performance.now() - t0);
const ours = await measure((text) => engine.predict(text, 'ja'), texts);
const oursLong = await measure((text) => engine.predict(text, 'ja'), longTexts);
t0 = performance.now();
await trainInWorker({ ja: train, en: trainingExamples(corpus, 'en') });
const trainBothMs = Math.round(performance.now() - t0);
// Memory is measured in a fresh process holding only what the server holds (dictionary + model), not in
// this one, which also trained and will load stock NLP.js.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-nlu-'));
fs.writeFileSync(path.join(scratch, 'model.bin'), model);
fs.writeFileSync(path.join(scratch, 'texts.json'), JSON.stringify(texts));
const probe = JSON.parse(
  execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'nlu-rss-probe.ts'),
      path.join(scratch, 'model.bin'),
      path.join(scratch, 'texts.json'),
    ],
    { encoding: 'utf8' },
  ),
) as { rss: number };
fs.rmSync(scratch, { recursive: true, force: true });
const rssOurs = probe.rss;

const { Nlp } = require('@nlpjs/nlp');
const { LangJa } = require('@nlpjs/lang-ja');
const nlp = new Nlp({ languages: ['ja'], autoSave: false, autoLoad: false, nlu: { log: false } });
nlp.use(LangJa);
t0 = performance.now();
// NLP.js prints "contains only stop words" for short utterances; keep the report readable.
const { log, warn } = console;
console.log = () => {};
console.warn = () => {};
try {
  for (const e of train) nlp.addDocument('ja', e.text, e.intent);
  await nlp.train();
} finally {
  console.log = log;
  console.warn = warn;
}
const stockTrainMs = Math.round(performance.now() - t0);
const stock = await measure((text) => nlp.process('ja', text), texts);

const report = {
  corpus: { examples: train.length, messages: texts.length * rounds },
  ours: {
    ...ours,
    long: oursLong,
    trainMs,
    trainBothLocalesMs: trainBothMs,
    loadMs,
    dictionaryMs,
    modelBytes: model.byteLength,
    rssMiB: mib(rssOurs),
  },
  stockNlpjs: { ...stock, trainMs: stockTrainMs },
  speedup: {
    p50: Math.round((stock.p50Us / ours.p50Us) * 10) / 10,
    throughput: Math.round((ours.perSecond / stock.perSecond) * 10) / 10,
  },
};
if (values.json) {
  process.stdout.write(`${JSON.stringify(report)}\n`);
} else {
  const row = (name: string, r: typeof ours, train: number) =>
    `${name.padEnd(18)} ${String(r.p50Us).padStart(7)} ${String(r.p99Us).padStart(7)} ${String(r.perSecond).padStart(9)} ${String(r.firstCallUs).padStart(10)} ${String(train).padStart(9)}`;
  console.log(
    `Japanese corpus: ${train.length} training utterances; ${report.corpus.messages} timed predictions`,
  );
  console.log(
    `${'engine'.padEnd(18)} ${'p50 µs'.padStart(7)} ${'p99 µs'.padStart(7)} ${'msg/s'.padStart(9)} ${'1st call µs'.padStart(10)} ${'train ms'.padStart(9)}`,
  );
  console.log(row('ours', ours, trainMs));
  console.log(row(`ours, ${LONG_MESSAGE_CHARACTERS} chars`, oursLong, trainMs));
  console.log(row('stock NLP.js', stock, stockTrainMs));
  console.log(
    `model file: ${(model.byteLength / 1024 / 1024).toFixed(1)} MiB, load ${loadMs} ms (+ ${dictionaryMs} ms for the kuromoji dictionary, once per process); RSS with model loaded ${report.ours.rssMiB} MiB`,
  );
  console.log(`training the whole shipped corpus (ja + en) in a worker: ${trainBothMs} ms`);
  console.log(`speed-up vs stock: p50 ×${report.speedup.p50}, throughput ×${report.speedup.throughput}`);
}
