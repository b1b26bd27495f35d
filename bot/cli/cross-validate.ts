/**
 * npm run cv -- [--folds 5] [--locale ja|en] [--corpus DIR] [--json] [--misses]
 *
 * k-fold cross-validation of the corpus's training utterances, per intent (weakest first).
 */
import { parseArgs } from 'node:util';
import { loadCorpus, trainingExamples } from '../corpus/load-corpus.ts';
import { crossValidate } from '../nlu/cross-validate.ts';
import { loadJapaneseAnalyzer } from '../nlu/japanese-analyzer.ts';
import type { Locale } from '../nlu/types.ts';
import { printReport } from './print-report.ts';

const { values } = parseArgs({
  options: {
    folds: { type: 'string', default: '5' },
    locale: { type: 'string', default: 'ja' },
    corpus: { type: 'string', default: 'corpus' },
    json: { type: 'boolean', default: false },
    misses: { type: 'boolean', default: false },
  },
});
const k = Number(values.folds);
if (!Number.isInteger(k) || k < 2 || k > 20) {
  process.stderr.write('cv: --folds must be an integer from 2 to 20\n');
  process.exit(2);
}
if (values.locale !== 'ja' && values.locale !== 'en') {
  process.stderr.write('cv: --locale must be ja or en\n');
  process.exit(2);
}
const locale = values.locale as Locale;
if (locale === 'ja') await loadJapaneseAnalyzer();
const corpus = await loadCorpus(values.corpus);
const report = await crossValidate(trainingExamples(corpus, locale), locale, k);
if (values.json) {
  const { misses, ...rest } = report;
  process.stdout.write(`${JSON.stringify(values.misses ? report : rest)}\n`);
} else {
  process.stdout.write(`${k}-fold cross-validation, ${locale}\n`);
  printReport(report, values.misses);
}
