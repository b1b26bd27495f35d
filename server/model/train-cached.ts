/**
 * Trains in a worker thread, keeping a copy in DATA_DIR/models keyed by the corpus hash: a fresh
 * database on a machine that trained the same corpus before (tests, a reinstall) skips the seconds.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { type Corpus, trainingExamples } from '../../bot/corpus/load-corpus.ts';
import { trainInWorker } from '../../bot/nlu/train-in-worker.ts';
import { corpusHash } from './corpus-hash.ts';

/** The model bytes of `corpus`, from the cache in `dataDir` or trained now (and cached). */
export async function trainCached(
  corpus: Corpus,
  dataDir: string,
  log: (msg: string) => void,
): Promise<Uint8Array> {
  const file = path.join(dataDir, 'models', `engine-${corpusHash(corpus)}.bin`);
  try {
    const model = await fs.readFile(file);
    log(`loaded cached model ${path.basename(file)}`);
    return model;
  } catch {
    // No cache (or unreadable): train below.
  }
  const started = Date.now();
  const model = await trainInWorker({
    ja: trainingExamples(corpus, 'ja'),
    en: trainingExamples(corpus, 'en'),
  });
  log(`trained model in ${Date.now() - started} ms`);
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Written aside and renamed: another process never reads half a model.
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, model);
  await fs.rename(temporary, file);
  return model;
}
