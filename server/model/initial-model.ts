/**
 * The first model of a fresh database: the seeded corpus is trained (or its version reused when another
 * instance trained it already), scored and published through the runtime, like any publication.
 */
import type { Corpus } from '../../bot/corpus/load-corpus.ts';
import type { IntentEngine } from '../../bot/nlu/intent-engine.ts';
import { scoreEngine } from '../../bot/nlu/model-job.ts';
import { errorText } from '../errors.ts';
import type { CorpusStore } from '../storage/corpus-store.ts';
import type { ModelStore } from '../storage/model-store.ts';
import { corpusHash, ENGINE_VERSION } from './corpus-hash.ts';
import { corpusTests } from './corpus-tests.ts';
import type { ModelRuntime } from './model-runtime.ts';

/** What the first training needs. */
export interface InitialModelDeps {
  corpusStore: Pick<CorpusStore, 'loadCorpus'>;
  modelStore: ModelStore;
  runtime: ModelRuntime;
  /** Trains the corpus into model bytes (train-cached.ts). */
  train(corpus: Corpus): Promise<Uint8Array>;
  loadEngine(bytes: Uint8Array): Promise<IntentEngine>;
  now: () => Date;
}

const PUBLICATION = { publishedBy: null, reason: 'initial model', overridden: false };

/** Trains the stored corpus, scores it, and publishes it. */
export async function publishInitialModel(deps: InitialModelDeps): Promise<void> {
  const { modelStore, runtime, now } = deps;
  const corpus = await deps.corpusStore.loadCorpus();
  const hash = corpusHash(corpus);
  const existing = await modelStore.findReadyByHash(hash, ENGINE_VERSION);
  if (existing) {
    await runtime.publish({ versionId: existing.id, ...PUBLICATION });
    return;
  }
  const created = await modelStore.createVersion({
    corpus: corpus.intents,
    corpusHash: hash,
    engineVersion: ENGINE_VERSION,
    createdBy: null,
    now: now(),
  });
  /** The model trained here, kept loaded: no need to read it back from the database. */
  let trained: { engine: IntentEngine; bytes: Uint8Array };
  try {
    const bytes = await deps.train(corpus);
    const engine = await deps.loadEngine(bytes);
    const scores = scoreEngine(engine, corpusTests(corpus));
    await modelStore.finishVersion(
      created.id,
      bytes,
      { candidate: scores, live: null, liveVersionId: null },
      now(),
    );
    trained = { engine, bytes };
  } catch (error) {
    await modelStore.failVersion(created.id, errorText(error), now());
    throw error;
  }
  await runtime.publishLoaded({ ...trained, corpus }, { versionId: created.id, ...PUBLICATION });
}
