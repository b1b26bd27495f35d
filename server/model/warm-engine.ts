/** Readies a new engine before it answers shoppers, so the first of them does not pay for it. */
import { type Corpus, testExamples } from '../../bot/corpus/load-corpus.ts';
import type { IntentEngine } from '../../bot/nlu/intent-engine.ts';

/** Held-out questions per locale that warmEngine runs through a new engine. */
const WARM_UP_QUESTIONS = 60;

/**
 * One question per locale for the engine's lazy initialisation. The first engine of the process
 * (`compile`) also answers some of the corpus's held-out questions of each locale: code that has run
 * once is still interpreted, and the first shoppers would wait for V8 to compile the NLU's hot paths
 * (about 60 ms of warming here, a few ms per message). Compiled code serves every later engine, so a
 * publication does not hold the event loop for that again.
 */
export function warmEngine(engine: IntentEngine, corpus: Corpus, compile: boolean): void {
  for (const locale of engine.locales) {
    engine.predict(locale === 'ja' ? 'こんにちは' : 'hello', locale);
    if (!compile) continue;
    const questions = testExamples(corpus, locale);
    const step = Math.max(1, Math.floor(questions.length / WARM_UP_QUESTIONS));
    for (let i = 0; i < questions.length; i += step) engine.predict(questions[i]!.text, locale);
  }
}
