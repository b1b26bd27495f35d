/**
 * npm run eval -- [file.tsv] [--locale ja|en] [--json] [--corpus DIR] [--model FILE] [--misses]
 *
 * Trains on the shipped corpus (or loads a model exported by `npm run train`) and evaluates a file of
 * `text<TAB>intent` lines (`none` = out of scope). Without a file it evaluates the corpus's own held-out
 * `tests`. Exit code 0 on success, 2 on bad usage or input.
 */
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadCorpus, testExamples } from '../corpus/load-corpus.ts';
import { evaluate } from '../nlu/evaluate.ts';
import type { Locale, TrainingExample } from '../nlu/types.ts';
import { engineFromCorpus, engineFromFile } from './engine-source.ts';
import { printReport } from './print-report.ts';

function fail(message: string): never {
  process.stderr.write(`eval: ${message}\n`);
  process.exit(2);
}

/** Parses `text<TAB>intent` lines; blank lines and lines starting with # are skipped. */
export function parseTsv(text: string, file: string): TrainingExample[] {
  const examples: TrainingExample[] = [];
  text.split(/\r?\n/u).forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const tab = line.lastIndexOf('\t');
    if (tab <= 0) fail(`${file}:${i + 1}: expected "text<TAB>intent"`);
    const intent = line.slice(tab + 1).trim();
    const example = line.slice(0, tab).trim();
    if (!intent || !example) fail(`${file}:${i + 1}: empty text or intent`);
    examples.push({ text: example, intent });
  });
  return examples;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    locale: { type: 'string' },
    json: { type: 'boolean', default: false },
    corpus: { type: 'string', default: 'corpus' },
    model: { type: 'string' },
    misses: { type: 'boolean', default: false },
  },
});
if (values.locale && values.locale !== 'ja' && values.locale !== 'en') fail('--locale must be ja or en');
const locale = (values.locale ?? 'ja') as Locale;
const engine = values.model ? await engineFromFile(values.model) : await engineFromCorpus(values.corpus);
let examples: TrainingExample[];
const [file] = positionals;
if (file) {
  const text = await fs
    .readFile(file, 'utf8')
    .catch((error: unknown) => fail(`cannot read ${file}: ${String(error)}`));
  examples = parseTsv(text, file);
} else {
  const corpus = await loadCorpus(values.corpus);
  examples = values.locale
    ? testExamples(corpus, locale)
    : [...testExamples(corpus, 'ja'), ...testExamples(corpus, 'en')];
}
if (examples.length === 0) fail('no examples to evaluate');
const report = evaluate(engine, examples, locale);
if (values.json) {
  const { misses, ...rest } = report;
  process.stdout.write(`${JSON.stringify(values.misses ? report : rest)}\n`);
} else {
  printReport(report, values.misses);
}
