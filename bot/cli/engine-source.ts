/** Where CLI commands get an engine from: the corpus (train now) or an exported model file. */
import fs from 'node:fs/promises';
import { loadCorpus, trainingExamples } from '../corpus/load-corpus.ts';
import { IntentEngine } from '../nlu/intent-engine.ts';

/** Trains on a corpus directory (both locales). */
export async function engineFromCorpus(directory: string): Promise<IntentEngine> {
  const corpus = await loadCorpus(directory);
  return IntentEngine.train({ ja: trainingExamples(corpus, 'ja'), en: trainingExamples(corpus, 'en') });
}

/** Loads an engine from a model file (or an engine exported as JSON). */
export async function engineFromFile(file: string): Promise<IntentEngine> {
  return IntentEngine.fromBytes(await fs.readFile(file));
}
