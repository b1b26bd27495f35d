import { NeuralNetwork } from '@nlpjs/neural';
import { describe, expect, test } from 'vitest';
import { trainPerceptrons } from '../../../bot/nlu/perceptron-trainer.ts';

/** A deterministic pseudo-random sparse corpus: 6 intents, 300 examples, 80 features. */
function corpus(): { input: Record<string, number>; intent: string }[] {
  let seed = 42;
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  return Array.from({ length: 300 }, (_, i) => {
    const intent = `intent${i % 6}`;
    const input: Record<string, number> = {};
    input[`f${i % 6}`] = 0.5 + random();
    for (let k = 0; k < 6; k += 1) input[`f${Math.floor(random() * 80)}`] = random();
    return { input, intent };
  });
}

describe('trainPerceptrons', () => {
  test('produces exactly the weights of NLP.js NeuralNetwork.train', () => {
    const data = corpus();
    const settings = { iterations: 25, learningRate: 0.6 };
    const network = new NeuralNetwork({ ...settings, log: false });
    network.train(data.map((d) => ({ input: d.input, output: { [d.intent]: 1 } })));
    const ours = trainPerceptrons(data, settings);
    expect(ours.features).toEqual(network.lookup.inputLookup.items);
    expect(ours.intents).toEqual(network.lookup.outputLookup.items);
    ours.intents.forEach((_, i) => {
      expect(Array.from(ours.weights[i]!)).toEqual(Array.from(network.perceptrons[i]!.weights));
      expect(ours.biases[i]).toBe(network.perceptrons[i]!.bias);
    });
  });

  test('stops early like NLP.js when the error stops improving', () => {
    const data: { input: Record<string, number>; intent: string }[] = [
      { input: { a: 1 }, intent: 'x' },
      { input: { b: 1 }, intent: 'y' },
    ];
    const network = new NeuralNetwork({ iterations: 5000, learningRate: 0.6, log: false });
    const status = network.train(data.map((d) => ({ input: d.input, output: { [d.intent]: 1 } })));
    const ours = trainPerceptrons(data, { iterations: 5000, learningRate: 0.6 });
    expect(ours.iterations).toBe(status.iterations);
    expect(ours.iterations).toBeLessThan(5000);
  });
});
