/**
 * What identifies a trained model: the engine version and the training data. A model version is never
 * trained twice for the same hash, and the disk cache (train-cached.ts) is keyed by it.
 */
import { createHash } from 'node:crypto';
import { type Corpus, trainingExamples } from '../../bot/corpus/load-corpus.ts';

/** Bump when features or the model format change, so stale cached models are not reused. */
export const ENGINE_VERSION = 'engine-v8';

/** Hash of the training data and engine version: a model version is never trained twice for it. */
export function corpusHash(corpus: Corpus): string {
  const examples = { ja: trainingExamples(corpus, 'ja'), en: trainingExamples(corpus, 'en') };
  return createHash('sha256')
    .update(ENGINE_VERSION)
    .update(JSON.stringify(examples))
    .digest('hex')
    .slice(0, 16);
}
