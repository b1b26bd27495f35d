/**
 * The corpus and model stores on both backends: seeding happens once, utterances are added without
 * duplicates, versions are numbered, model bytes round-trip, and the newest publication is live.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CorpusStore } from '../../../server/storage/corpus-store.ts';
import { ModelStore } from '../../../server/storage/model-store.ts';
import { intent } from '../../helpers/small-corpus.ts';
import { type StorageBackend, storageBackends, useStorage } from '../../helpers/storage-backends.ts';

const NOW = new Date('2026-11-23T14:40:00Z');
const SEED = {
  intents: [
    intent('ja', 'shipping.fee', '送料', ['送料はいくら', '配送料を知りたい'], '送料は{{shippingFee}}です。'),
    intent('en', 'shipping.fee', 'Shipping fee', ['how much is shipping'], 'Shipping is {{shippingFee}}.'),
  ],
};
/** Model bytes as the store sees them: opaque, large, every byte value (not a real model). */
const FAKE_MODEL = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 256);

describe.each(storageBackends())('corpus and model stores on $name', (backend: StorageBackend) => {
  const storage = useStorage(backend);
  let corpus: CorpusStore;
  let models: ModelStore;

  beforeAll(async () => {
    corpus = new CorpusStore(() => storage.database(), storage.dialect);
    models = new ModelStore(() => storage.database(), storage.dialect);
  });

  it('seeds once: a second seed (another instance starting) changes nothing', async () => {
    expect(await corpus.isSeeded()).toBe(false);
    expect(await corpus.seedOnce(SEED, NOW)).toBe(true);
    expect(await corpus.seedOnce({ intents: [SEED.intents[0]!] }, NOW)).toBe(false);
    const stored = await corpus.list();
    expect(stored.map((s) => `${s.locale}:${s.intent.id}`)).toEqual(['en:shipping.fee', 'ja:shipping.fee']);
    expect(stored[1]?.intent).toEqual({
      id: 'shipping.fee',
      title: '送料',
      utterances: ['送料はいくら', '配送料を知りたい'],
      answer: '送料は{{shippingFee}}です。',
    });
  });

  it('adds utterances once, comparing normalised text', async () => {
    const added = await corpus.addUtterances(
      'ja',
      'shipping.fee',
      ['送料はいくら', '送料はいくら？', '送料高くない？'],
      'u1',
      NOW,
    );
    expect(added).toBe(2);
    const stored = await corpus.get('ja', 'shipping.fee');
    expect(stored?.intent.utterances).toEqual([
      '送料はいくら',
      '配送料を知りたい',
      '送料はいくら？',
      '送料高くない？',
    ]);
    expect(stored?.updatedBy).toBe('u1');
    await expect(corpus.addUtterances('ja', 'no.such', ['x'], null, NOW)).rejects.toMatchObject({
      code: 'CONSOLE_ERR_NOT_FOUND',
    });
  });

  it('keeps both utterances when two staff assign to the same intent at once', async () => {
    const [a, b] = await Promise.all([
      corpus.addUtterances('en', 'shipping.fee', ['postage please'], 'u1', NOW),
      corpus.addUtterances('en', 'shipping.fee', ['delivery charge?'], 'u2', NOW),
    ]);
    expect(a + b).toBe(2);
    const stored = await corpus.get('en', 'shipping.fee');
    expect(stored?.intent.utterances).toEqual(expect.arrayContaining(['postage please', 'delivery charge?']));
  });

  it('numbers versions, stores the model gzipped and reads it back', async () => {
    const snapshot = (await corpus.loadCorpus()).intents;
    const first = await models.createVersion({
      corpus: snapshot,
      corpusHash: 'h1',
      engineVersion: 'e',
      createdBy: null,
      now: NOW,
    });
    const second = await models.createVersion({
      corpus: snapshot,
      corpusHash: 'h2',
      engineVersion: 'e',
      createdBy: 'u1',
      now: NOW,
    });
    expect([first.number, second.number]).toEqual([1, 2]);
    expect((await models.findTraining())?.id).toBe(second.id);
    await models.setProgress(first.id, { stage: 'training', fraction: 0.5 });
    expect((await models.getVersion(first.id))?.progress).toEqual({ stage: 'training', fraction: 0.5 });
    const evaluation = { candidate: {}, live: null, liveVersionId: null };
    await models.finishVersion(first.id, FAKE_MODEL, evaluation, NOW);
    await models.failVersion(second.id, 'BOT_ERR_TRAINING_FAILED: boom', NOW);
    const artifacts = await models.loadArtifacts(first.id);
    expect(Buffer.from(artifacts!.model).equals(Buffer.from(FAKE_MODEL))).toBe(true);
    expect(artifacts?.corpus.map((i) => i.id)).toEqual(['shipping.fee', 'shipping.fee']);
    expect(await models.loadArtifacts(second.id)).toBeUndefined();
    expect((await models.corpusOf(first.id))?.map((i) => i.id)).toEqual(['shipping.fee', 'shipping.fee']);
    expect((await models.findReadyByHash('h1', 'e'))?.id).toBe(first.id);
    expect(await models.findReadyByHash('h2', 'e')).toBeUndefined();
    const listed = await models.listVersions();
    expect(listed.map((v) => [v.number, v.status])).toEqual([
      [2, 'failed'],
      [1, 'ready'],
    ]);
    expect(listed[1]?.utterances).toBe(snapshot.reduce((n, i) => n + i.utterances.length, 0));
  });

  it('treats the newest publication as live, even at the same clock time', async () => {
    const [version] = await models.listVersions();
    const ready = (await models.listVersions()).find((v) => v.status === 'ready');
    expect(version).toBeDefined();
    const third = await models.createVersion({
      corpus: [],
      corpusHash: 'h3',
      engineVersion: 'e',
      createdBy: null,
      now: NOW,
    });
    await models.finishVersion(third.id, FAKE_MODEL, { candidate: {}, live: null, liveVersionId: null }, NOW);
    await models.publish({
      versionId: ready!.id,
      publishedBy: null,
      reason: null,
      overridden: false,
      now: NOW,
    });
    await models.publish({
      versionId: third.id,
      publishedBy: 'u1',
      reason: 'why',
      overridden: true,
      now: NOW,
    });
    expect((await models.livePublication())?.versionId).toBe(third.id);
    await models.publish({
      versionId: ready!.id,
      publishedBy: 'u1',
      reason: 'rollback',
      overridden: false,
      now: NOW,
    });
    const history = await models.listPublications();
    expect(history.map((p) => p.versionId)).toEqual([ready!.id, third.id, ready!.id]);
    expect(history[1]).toMatchObject({ overridden: true, reason: 'why', versionNumber: third.number });
  });

  it('fails trainings left running by a dead process once they are stale', async () => {
    const stale = await models.createVersion({
      corpus: [],
      corpusHash: 'h4',
      engineVersion: 'e',
      createdBy: null,
      now: new Date(NOW.getTime() - 2 * 3_600_000),
    });
    expect(await models.failStaleTraining(new Date(NOW.getTime() - 3_600_000), NOW)).toBe(1);
    expect((await models.getVersion(stale.id))?.status).toBe('failed');
  });

  it('replaces the whole corpus on import', async () => {
    await corpus.replaceAll({ intents: [SEED.intents[1]!] }, 'u1', NOW);
    expect((await corpus.list()).map((s) => s.locale)).toEqual(['en']);
    expect(await corpus.delete('en', 'shipping.fee', 'u1', NOW)).toBe(true);
    expect(await corpus.delete('en', 'shipping.fee', 'u1', NOW)).toBe(false);
  });

  it('keeps every change in the history, newest first', async () => {
    const changes = await corpus.history(100);
    expect(changes.map((c) => c.change)).toEqual(['delete', 'import', 'assign', 'assign', 'assign', 'seed']);
    expect(changes[0]).toMatchObject({ by: 'u1', revisions: 1, at: NOW });
    // The import wrote the English intent and deleted the Japanese one.
    expect(changes[1]?.revisions).toBe(2);
  });

  it('rebuilds and restores the corpus as it was after any change', async () => {
    const [, importChange, lastAssign] = await corpus.history(100);
    expect((await corpus.corpusAfter(importChange!.changeId))?.intents.map((i) => i.locale)).toEqual(['en']);
    const before = await corpus.corpusAfter(lastAssign!.changeId);
    expect(before?.intents.map((i) => `${i.locale}:${i.id}`)).toEqual(['en:shipping.fee', 'ja:shipping.fee']);
    expect(before?.intents[1]?.utterances).toContain('送料高くない？');
    await corpus.replaceAll(before!, 'u2', NOW, 'restore');
    expect((await corpus.list()).map((s) => `${s.locale}:${s.intent.id}`)).toEqual([
      'en:shipping.fee',
      'ja:shipping.fee',
    ]);
    expect((await corpus.history(1))[0]).toMatchObject({ change: 'restore', by: 'u2' });
    expect(await corpus.corpusAfter('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});
