/** The held-out tests a model is scored on, per locale (the publish gate compares models on them). */
import { type Corpus, testExamples } from '../../bot/corpus/load-corpus.ts';
import type { Locale } from '../../bot/nlu/types.ts';

/** Held-out tests of a corpus per locale. */
export function corpusTests(corpus: Corpus): Record<Locale, ReturnType<typeof testExamples>> {
  return { ja: testExamples(corpus, 'ja'), en: testExamples(corpus, 'en') };
}
