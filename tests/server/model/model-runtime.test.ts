import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LoadedIntent } from '../../../bot/corpus/load-corpus.ts';
import { IntentEngine } from '../../../bot/nlu/intent-engine.ts';
import type { Bot } from '../../../bot/respond.ts';
import {
  createModelRuntime,
  type LiveModel,
  type ModelRuntime,
  type ModelRuntimeDeps,
  type Predictors,
} from '../../../server/model/model-runtime.ts';
import type { ModelPublication } from '../../../server/storage/model-store.ts';
import { SMALL_CORPUS, smallEngine } from '../../helpers/small-corpus.ts';

/** The storage the runtime reads and records publications in. */
type Models = ModelRuntimeDeps['models'];

let bytes: Uint8Array;
beforeAll(async () => {
  bytes = (await smallEngine()).toBytes();
});

/** Model storage in memory; `failPublish` makes the next publication write fail. */
class MemoryModels implements Models {
  readonly versions = new Map<string, { model: Uint8Array; corpus: LoadedIntent[] }>();
  readonly publications: ModelPublication[] = [];
  failPublish: Error | undefined;
  /** Resolves the pending publication write when set (to look at the runtime mid-publish). */
  holdPublish: Promise<void> | undefined;

  async loadArtifacts(id: string) {
    return this.versions.get(id);
  }

  async publish(input: Parameters<Models['publish']>[0]): Promise<ModelPublication> {
    await this.holdPublish;
    if (this.failPublish) throw this.failPublish;
    const publication: ModelPublication = {
      id: `publication-${this.publications.length + 1}`,
      versionId: input.versionId,
      versionNumber: this.publications.length + 1,
      publishedAt: input.now,
      publishedBy: input.publishedBy,
      reason: input.reason,
      overridden: input.overridden,
    };
    this.publications.unshift(publication);
    return publication;
  }

  async livePublication() {
    return this.publications[0];
  }
}

/** Worker threads that only count whether they were stopped. */
interface FakePredictors extends Predictors {
  closed: boolean;
}

let models: MemoryModels;
let started: FakePredictors[];
/** The model each bot was built for: tests ask which model answers. */
let modelOf: Map<Bot, LiveModel>;
let runtime: ModelRuntime;

const request = (versionId: string) => ({
  versionId,
  publishedBy: 'staff-1',
  reason: null,
  overridden: false,
});
const answeringVersion = () => modelOf.get(runtime.current()!)?.versionId;

beforeEach(() => {
  models = new MemoryModels();
  models.versions.set('v1', { model: bytes, corpus: SMALL_CORPUS.intents });
  models.versions.set('v2', { model: bytes, corpus: SMALL_CORPUS.intents });
  started = [];
  modelOf = new Map();
  runtime = createModelRuntime({
    models,
    loadEngine: (model) => IntentEngine.fromBytes(model),
    async startPredictors() {
      const predictors: FakePredictors = {
        closed: false,
        predict: () => Promise.reject(new Error('not used')),
        async close() {
          predictors.closed = true;
        },
      };
      started.push(predictors);
      return predictors;
    },
    createBot(model) {
      // Only its identity matters here: which model's bot answers.
      const bot = { respond: () => ({}), settle: () => ({}), initialState: () => ({}) } as unknown as Bot;
      modelOf.set(bot, model);
      return bot;
    },
    now: () => new Date('2026-12-03T10:00:00Z'),
    log: { info() {} },
    retireAfterMs: 0,
  });
});

describe('createModelRuntime', () => {
  it('answers with nothing until a model is published', async () => {
    expect(runtime.current()).toBeUndefined();
    await runtime.publish(request('v1'));
    expect(answeringVersion()).toBe('v1');
    expect(runtime.live()?.versionId).toBe('v1');
  });

  it('swaps only after the publication is recorded: the old model answers while it is written', async () => {
    await runtime.publish(request('v1'));
    let release!: () => void;
    models.holdPublish = new Promise((resolve) => {
      release = resolve;
    });
    const publishing = runtime.publish(request('v2'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toHaveLength(2); // v2 is loaded…
    expect(answeringVersion()).toBe('v1'); // …but not live before its publication is recorded.
    release();
    const publication = await publishing;
    expect(publication.versionId).toBe('v2');
    expect(answeringVersion()).toBe('v2');
    expect(runtime.predictorFor(runtime.current()!)).toBeDefined();
  });

  it('keeps the old model answering when recording the publication fails', async () => {
    await runtime.publish(request('v1'));
    const oldBot = runtime.current();
    models.failPublish = new Error('database is read-only');
    await expect(runtime.publish(request('v2'))).rejects.toThrow('database is read-only');
    expect(runtime.current()).toBe(oldBot);
    expect(answeringVersion()).toBe('v1');
    expect(models.publications.map((p) => p.versionId)).toEqual(['v1']);
    // The loaded model's threads are stopped; the live model's keep running.
    expect(started.map((p) => p.closed)).toEqual([false, true]);
    // Nothing was recorded, so the next check does not think v2 is live either.
    expect(await runtime.refresh()).toBe(false);
    expect(answeringVersion()).toBe('v1');
  });

  it('keeps the old model and records nothing when the version cannot be loaded', async () => {
    await runtime.publish(request('v1'));
    await expect(runtime.publish(request('missing'))).rejects.toMatchObject({
      code: 'BOT_ERR_MODEL_NOT_READY',
    });
    expect(answeringVersion()).toBe('v1');
    expect(models.publications).toHaveLength(1);
  });

  it('follows a publication recorded by another instance once, at the next check', async () => {
    await runtime.publish(request('v1'));
    expect(await runtime.refresh()).toBe(false);
    models.publications.unshift({ ...models.publications[0]!, id: 'elsewhere', versionId: 'v2' });
    expect(await runtime.refresh()).toBe(true);
    expect(answeringVersion()).toBe('v2');
    expect(await runtime.refresh()).toBe(false);
  });

  it('retires the replaced model’s threads after the grace period', async () => {
    await runtime.publish(request('v1'));
    await runtime.publish(request('v2'));
    expect(started[0]!.closed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started.map((p) => p.closed)).toEqual([true, false]);
  });
});
