import { beforeAll, describe, expect, test } from 'vitest';
import { IntentModel } from '../../../bot/nlu/intent-model.ts';
import { loadJapaneseAnalyzer } from '../../../bot/nlu/japanese-analyzer.ts';
import { openModelFile, packModelFile } from '../../../bot/nlu/model-file.ts';
import { normalizeText } from '../../../bot/nlu/normalize.ts';
import { SMALL_CORPUS } from '../../helpers/small-corpus.ts';

const examples = SMALL_CORPUS.intents
  .filter((i) => i.locale === 'ja')
  .flatMap((i) => i.utterances.map((text) => ({ text, intent: i.id })));

describe('IntentModel', () => {
  let model: IntentModel;
  beforeAll(async () => {
    await loadJapaneseAnalyzer();
    model = IntentModel.train('ja', examples);
  });

  test.each(['定期便の周期を変えたい', '解約方法', '送料無料', '猫', '今日の天気', 'スタッフと話したいです'])(
    'scores %s exactly as NLP.js NeuralNetwork.run does',
    (text) => {
      const encoded = model.encode(normalizeText(text));
      const nlpjs = model.runWithNlpjs(encoded);
      const ours = model.classify(encoded).ranked;
      expect(ours).toHaveLength(model.intents.length);
      for (const { intent, score } of ours) expect(score).toBe(nlpjs[intent]);
    },
  );

  test('finds the nearest in-scope and out-of-scope training examples', () => {
    const result = model.classify(model.encode(normalizeText('定期便の周期を変えたい')));
    expect(result.nearestInScope).toMatchObject({ intent: 'subscription.interval_change' });
    expect(result.nearestInScope.score).toBeCloseTo(1, 5);
    expect(result.nearestNone).toBeLessThan(0.5);
  });

  test('an exported model restores the same neighbours and scores', () => {
    const copy = IntentModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    for (const text of ['周期変更できますか', 'ラーメン食べたい', '送料']) {
      const encoded = model.encode(normalizeText(text));
      expect(copy.classify(copy.encode(normalizeText(text)))).toEqual(model.classify(encoded));
    }
  });

  test('reads a model file written before the weights were stored feature-major', () => {
    const { meta, sections } = model.toParts('ja.');
    const { 'ja.weightsByFeature': byFeature, ...rest } = sections;
    const featureCount = (sections['ja.features'] as string[]).length;
    const intentCount = meta.intents.length;
    if (!(byFeature instanceof Float32Array)) throw new Error('expected the feature-major weights');
    const intentMajor = new Float32Array(byFeature.length);
    for (let f = 0; f < featureCount; f += 1)
      for (let i = 0; i < intentCount; i += 1)
        intentMajor[i * featureCount + f] = byFeature[f * intentCount + i]!;
    const older = { ...rest, 'ja.weights': intentMajor };
    const copy = IntentModel.fromParts(meta, openModelFile(packModelFile(meta, older)), 'ja.');
    for (const text of ['周期変更できますか', 'ラーメン食べたい', '送料', 'スタッフと話したい']) {
      expect(copy.classify(copy.encode(normalizeText(text)))).toEqual(
        model.classify(model.encode(normalizeText(text))),
      );
    }
  });

  test('restores the same neighbours and scores from its model file parts', () => {
    const { meta, sections } = model.toParts('ja.');
    const copy = IntentModel.fromParts(meta, openModelFile(packModelFile(meta, sections)), 'ja.');
    for (const text of ['周期変更できますか', 'ラーメン食べたい', '送料', 'スタッフと話したい']) {
      expect(copy.classify(copy.encode(normalizeText(text)))).toEqual(
        model.classify(model.encode(normalizeText(text))),
      );
    }
    expect(copy.toJSON()).toEqual(model.toJSON());
  });

  test.each([
    [
      'an example index past the last example',
      'ja.postingExamples',
      (a: Int32Array) => a.fill(1 << 20, 0, 1),
    ],
    ['descending posting starts', 'ja.postingStart', (a: Int32Array) => a.fill(1 << 20, 1, 2)],
    ['an intent index past the last intent', 'ja.exampleIntents', (a: Int32Array) => a.fill(99, 0, 1)],
  ])('refuses model file parts with %s', (_name, section, damage) => {
    const { meta, sections } = model.toParts('ja.');
    const damaged = { ...sections, [section]: damage((sections[section] as Int32Array).slice()) };
    expect(() =>
      IntentModel.fromParts(meta, openModelFile(packModelFile(meta, damaged)), 'ja.'),
    ).toThrowError(expect.objectContaining({ code: 'BOT_ERR_MODEL_FORMAT' }));
  });

  test('rejects a weight block that does not match its features', () => {
    const json = model.toJSON();
    expect(() => IntentModel.fromJSON({ ...json, biases: [1] })).toThrowError(
      expect.objectContaining({ code: 'BOT_ERR_MODEL_FORMAT' }),
    );
  });
});
