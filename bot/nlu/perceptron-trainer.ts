/**
 * A faster trainer for NLP.js's NeuralNetwork. It performs exactly the updates of
 * `NeuralNetwork.train` in @nlpjs/neural 4.25 (same order, same float32 storage, same learning-rate decay
 * and stopping rules) but over compressed sparse rows and typed arrays instead of objects keyed by feature
 * index, which makes it an order of magnitude faster. The result is loaded into a real NeuralNetwork, and
 * tests/bot/nlu/perceptron-trainer.test.ts checks the weights equal NLP.js's own training bit for bit.
 */

/** NLP.js NeuralNetwork settings that affect training (its defaults where unset). */
export interface PerceptronSettings {
  iterations: number;
  learningRate: number;
  errorThresh?: number;
  deltaErrorThresh?: number;
  momentum?: number;
  alpha?: number;
}

/** Training data in NLP.js's shape: one input object and the intent per example. */
export interface PerceptronExample {
  input: Record<string, number>;
  intent: string;
}

/** Trained weights, in NLP.js lookup order. */
export interface TrainedPerceptrons {
  /** Features in first-occurrence order (NLP.js's Lookup order). */
  features: string[];
  /** Intents in first-occurrence order. */
  intents: string[];
  /** One Float32Array of weights per intent. */
  weights: Float32Array[];
  biases: number[];
  iterations: number;
  error: number;
}

/** Trains one-vs-rest perceptrons with NLP.js's update rule. */
export function trainPerceptrons(
  examples: readonly PerceptronExample[],
  settings: PerceptronSettings,
): TrainedPerceptrons {
  const errorThresh = settings.errorThresh ?? 0.00005;
  const deltaErrorThresh = settings.deltaErrorThresh ?? 0.000001;
  const momentum = settings.momentum ?? 0.5;
  const alpha = settings.alpha ?? 0.07;

  const featureIndex = new Map<string, number>();
  const features: string[] = [];
  const intentIndex = new Map<string, number>();
  const intents: string[] = [];
  // Compressed sparse rows, keys in each input object's own order (as Lookup.prepare keeps them).
  const rowStart = new Int32Array(examples.length + 1);
  let nonZeros = 0;
  for (const e of examples) nonZeros += Object.keys(e.input).length;
  const columns = new Int32Array(nonZeros);
  const values = new Float64Array(nonZeros);
  const target = new Int32Array(examples.length);
  let cursor = 0;
  examples.forEach((example, row) => {
    rowStart[row] = cursor;
    for (const key of Object.keys(example.input)) {
      let index = featureIndex.get(key);
      if (index === undefined) {
        index = features.length;
        featureIndex.set(key, index);
        features.push(key);
      }
      columns[cursor] = index;
      values[cursor] = example.input[key]!;
      cursor += 1;
    }
    let intent = intentIndex.get(example.intent);
    if (intent === undefined) {
      intent = intents.length;
      intentIndex.set(example.intent, intent);
      intents.push(example.intent);
    }
    target[row] = intent;
  });
  rowStart[examples.length] = cursor;

  const weights = intents.map(() => new Float32Array(features.length));
  const changes = intents.map(() => new Float32Array(features.length));
  const biases = intents.map(() => 0);
  let error = Number.POSITIVE_INFINITY;
  let deltaError = Number.POSITIVE_INFINITY;
  let iterations = 0;
  while (iterations < settings.iterations && error > errorThresh && deltaError > deltaErrorThresh) {
    iterations += 1;
    const rate = settings.learningRate / (1 + 0.001 * iterations);
    const lastError = error;
    error = 0;
    for (let p = 0; p < intents.length; p += 1) {
      const w = weights[p]!;
      const c = changes[p]!;
      let bias = biases[p]!;
      // Summed per perceptron first, then into the total, as NLP.js does (float addition order matters).
      let perceptronError = 0;
      for (let row = 0; row < examples.length; row += 1) {
        const start = rowStart[row]!;
        const end = rowStart[row + 1]!;
        let sum = bias;
        for (let k = start; k < end; k += 1) sum += values[k]! * w[columns[k]!]!;
        const actual = sum <= 0 ? 0 : alpha * sum;
        const expected = target[row] === p ? 1 : 0;
        const difference = expected - actual;
        if (difference) {
          perceptronError += difference ** 2;
          const delta = (actual > 0 ? 1 : alpha) * difference * rate;
          for (let k = start; k < end; k += 1) {
            const column = columns[k]!;
            const change = delta * values[k]! + momentum * c[column]!;
            c[column] = change;
            w[column] = w[column]! + change;
          }
          bias += delta;
        }
      }
      biases[p] = bias;
      error += perceptronError;
    }
    error /= intents.length * examples.length;
    deltaError = Math.abs(error - lastError);
  }
  return { features, intents, weights, biases, iterations, error };
}
