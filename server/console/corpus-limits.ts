/**
 * The largest corpus the console trains (and imports). Training holds every utterance's features in
 * memory several times over (the network, cross-validation folds); 10,000 imported intents grew the
 * server from 0.8 to over 6 GiB. These limits keep a training well inside the model worker's heap cap
 * (bot/nlu/run-model-job.ts, MODEL_WORKER_MAX_HEAP_MB) with room to spare: the shipped corpus is about a
 * tenth of them. Documented in docs/corpus.md.
 */
import type { Corpus } from '../../bot/corpus/load-corpus.ts';

/** Intents per locale. */
export const MAX_INTENTS_PER_LOCALE = 1_000;
/** Training utterances per locale (all intents together). */
export const MAX_UTTERANCES_PER_LOCALE = 20_000;
/** Held-out tests per locale (scored twice per training: candidate and live model). */
export const MAX_TESTS_PER_LOCALE = 5_000;

/** The first limit the corpus exceeds, for people ("ja: 20,001 utterances (at most 20,000)"); undefined when none. */
export function corpusLimitProblem(corpus: Corpus): string | undefined {
  for (const locale of ['ja', 'en'] as const) {
    const intents = corpus.intents.filter((i) => i.locale === locale);
    const utterances = intents.reduce((n, i) => n + i.utterances.length, 0);
    const tests = intents.reduce((n, i) => n + (i.tests?.length ?? 0), 0);
    const checks: [number, number, string][] = [
      [intents.length, MAX_INTENTS_PER_LOCALE, 'intents'],
      [utterances, MAX_UTTERANCES_PER_LOCALE, 'utterances'],
      [tests, MAX_TESTS_PER_LOCALE, 'tests'],
    ];
    for (const [count, max, what] of checks) {
      if (count > max)
        return `${locale}: ${count.toLocaleString('en')} ${what} (at most ${max.toLocaleString('en')})`;
    }
  }
  return undefined;
}
