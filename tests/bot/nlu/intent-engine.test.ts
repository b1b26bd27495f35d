import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { IntentEngine } from '../../../bot/nlu/intent-engine.ts';
import { trainInWorker } from '../../../bot/nlu/train-in-worker.ts';
import type { TrainingExample } from '../../../bot/nlu/types.ts';
import { SMALL_CORPUS } from '../../helpers/small-corpus.ts';

const examples = (locale: 'ja' | 'en'): TrainingExample[] =>
  SMALL_CORPUS.intents
    .filter((i) => i.locale === locale)
    .flatMap((i) => i.utterances.map((text) => ({ text, intent: i.id })));

const PROBES = [
  '定期便の周期を変更したいです',
  '解約したい',
  '送料いくら？',
  '猫が好き',
  '今日の株価',
  'how much is postage',
  'tell me a joke about cats',
  '？？？',
];

describe('IntentEngine', () => {
  let engine: IntentEngine;
  beforeAll(async () => {
    engine = await IntentEngine.train({ ja: examples('ja'), en: examples('en') });
  });

  test('answers an in-scope question with its intent', () => {
    expect(engine.predict('定期便の周期を変更したいです').decision).toMatchObject({
      decision: 'answer',
      intent: 'subscription.interval_change',
    });
  });

  test('refuses an off-topic question instead of answering it', () => {
    expect(engine.predict('宇宙が好き').decision.decision).not.toBe('answer');
    expect(engine.predict('猫が好き').decision.decision).toBe('none');
  });

  test('refuses a question about another company and names it, but not the shop’s own names', async () => {
    const refused = engine.predict('楽天の定期便を解約したい');
    expect(refused.otherCompany).toBe('楽天');
    expect(refused.decision).toMatchObject({ decision: 'none', reason: 'other-company' });
    const shop = await IntentEngine.fromBytes(engine.toBytes(), { ownNames: ['楽天堂'] });
    expect(shop.predict('楽天堂の定期便を解約したい').otherCompany).toBeNull();
  });

  test('classifies a long message clause by clause and names the clause it decided on', () => {
    const result = engine.predict('先週お試しを注文しました。今日また届きました。定期便を解約したいです。');
    expect(result.clauses).toBe(3);
    expect(result.decidingClause).toBe('定期便を解約したいです。');
    expect(result.decision).toMatchObject({ decision: 'answer', intent: 'subscription.cancel' });
  });

  test('does not classify the story before a request on its own', () => {
    const result = engine.predict('先月お試しを注文したのですが、定期便を解約したいです');
    expect(result.clauses).toBe(1);
    expect(result.decidingClause).not.toBe('先月お試しを注文したのですが');
    expect(result.decision).toMatchObject({ decision: 'answer', intent: 'subscription.cancel' });
  });

  test('routes English text to the English model by script', () => {
    const result = engine.predict('how much is shipping', 'ja');
    expect(result.locale).toBe('en');
    expect(result.decision).toMatchObject({ decision: 'answer', intent: 'shipping.fee' });
  });

  test('training is deterministic', async () => {
    const again = await IntentEngine.train({ ja: examples('ja'), en: examples('en') });
    expect(Buffer.from(again.toBytes()).equals(Buffer.from(engine.toBytes()))).toBe(true);
  });

  test('a model file loads with identical predictions, the none intent included', async () => {
    // A copy at an odd byte offset, as a Buffer sliced from a larger one may be.
    const bytes = engine.toBytes();
    const unaligned = new Uint8Array(bytes.byteLength + 3).subarray(3);
    unaligned.set(bytes);
    for (const copy of [bytes.slice(), unaligned]) {
      const loaded = await IntentEngine.fromBytes(copy);
      expect(loaded.intents('ja')).toContain('none');
      for (const probe of PROBES) {
        const before = engine.predict(probe);
        const after = loaded.predict(probe);
        expect(after.decision).toEqual(before.decision);
        expect(after.ranked).toEqual(before.ranked);
      }
      expect(loaded.predict('猫が好き').decision.decision).toBe('none');
      expect(Buffer.from(loaded.toBytes()).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  test('a JSON model of the older format still loads with identical predictions', async () => {
    // Versions stored before the model file hold gzipped engine JSON; fromBytes reads both.
    const legacy = new TextEncoder().encode(JSON.stringify(engine.toJSON()));
    const loaded = await IntentEngine.fromBytes(legacy);
    for (const probe of PROBES) expect(loaded.predict(probe)).toEqual(engine.predict(probe));
    expect(Buffer.from(loaded.toBytes()).equals(Buffer.from(engine.toBytes()))).toBe(true);
  });

  test('rejects a model of another format with a coded error', async () => {
    await expect(IntentEngine.load({ format: 'nlp.js' } as never)).rejects.toMatchObject({
      code: 'BOT_ERR_MODEL_LOAD',
    });
    await expect(
      IntentEngine.fromBytes(new TextEncoder().encode('{"format":"nlp.js"}')),
    ).rejects.toMatchObject({
      code: 'BOT_ERR_MODEL_LOAD',
    });
    await expect(IntentEngine.fromBytes(Uint8Array.of(1, 2, 3))).rejects.toMatchObject({
      code: 'BOT_ERR_MODEL_LOAD',
    });
  });

  test('rejects a truncated model file with a coded error instead of loading part of it', async () => {
    const bytes = engine.toBytes();
    for (const length of [20, bytes.byteLength >> 1, bytes.byteLength - 8]) {
      await expect(IntentEngine.fromBytes(bytes.slice(0, length))).rejects.toMatchObject({
        code: 'BOT_ERR_MODEL_LOAD',
      });
    }
  });

  test('keeps its result cache bounded', async () => {
    const small = await IntentEngine.fromBytes(engine.toBytes(), { cacheSize: 50 });
    for (let i = 0; i < 500; i += 1) small.predict(`メッセージ ${i} 番`);
    expect(small.cachedResults).toBe(50);
  });

  test('writes no files while training, predicting and exporting (no NLP.js autosave)', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'no-autosave-'));
    const previous = process.cwd();
    process.chdir(dir);
    try {
      const trained = await IntentEngine.train({ ja: examples('ja') });
      trained.predict('解約したい');
      trained.toBytes();
      trained.toJSON();
      expect(await fs.readdir(dir)).toEqual([]);
    } finally {
      process.chdir(previous);
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  test('a single shared leftover word does not give a confident answer', async () => {
    // NLP.js squares and normalises outputs, so one shared token used to score 1.0.
    const result = engine.predict('明日はあるかな');
    expect(result.decision.decision).not.toBe('answer');
    expect(result.ranked[0]!.score).toBeLessThan(0.9);
  });

  test('trains in a worker thread to the same model as in-process training', async () => {
    const model = await trainInWorker({ ja: examples('ja'), en: examples('en') });
    expect(Buffer.from(model).equals(Buffer.from(engine.toBytes()))).toBe(true);
  });
});
