/**
 * npm run corpus:lint -- [--corpus DIR] [--json] [--warnings]
 *
 * Prints corpus problems; exits 1 when there is an error (so `npm test` fails), 0 otherwise.
 */
import { parseArgs } from 'node:util';
import { lintCorpus } from '../corpus/lint-corpus.ts';
import { CorpusFormatError, loadCorpus } from '../corpus/load-corpus.ts';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'corpus' },
    json: { type: 'boolean', default: false },
    warnings: { type: 'boolean', default: false },
  },
});

try {
  const corpus = await loadCorpus(values.corpus);
  const issues = lintCorpus(corpus);
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  if (values.json) {
    process.stdout.write(`${JSON.stringify(issues)}\n`);
  } else {
    for (const issue of values.warnings ? issues : errors) {
      const place = [issue.locale, issue.intent].filter(Boolean).join(' ');
      process.stdout.write(
        `${issue.severity.padEnd(7)} ${issue.code.padEnd(28)} ${place.padEnd(34)} ${issue.message}\n`,
      );
    }
    const intents = corpus.intents.length;
    process.stdout.write(
      `corpus:lint: ${intents} intent definitions, ${errors.length} errors, ${warnings.length} warnings${values.warnings ? '' : ' (--warnings to list them)'}\n`,
    );
  }
  process.exit(errors.length > 0 ? 1 : 0);
} catch (error) {
  if (error instanceof CorpusFormatError) {
    process.stderr.write(`corpus:lint: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
