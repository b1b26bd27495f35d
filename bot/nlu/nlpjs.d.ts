/**
 * Minimal typings for the parts of NLP.js 4.x we call. NLP.js ships no types; these cover only the
 * surface the facade uses, so a future upgrade that changes it fails type-checking here first.
 */
declare module '@nlpjs/lang-en' {
  export class TokenizerEn {
    tokenize(text: string, normalize?: boolean): string[];
  }
  export class StemmerEn {
    stem(tokens: string[]): string[];
  }
  export class StopwordsEn {
    isStopword(token: string): boolean;
  }
}

declare module '@nlpjs/neural' {
  export interface NeuralNetworkSettings {
    iterations?: number;
    errorThresh?: number;
    deltaErrorThresh?: number;
    learningRate?: number;
    momentum?: number;
    alpha?: number;
    log?: boolean | ((status: { iterations: number; error: number }, timeMs: number) => void);
  }
  export interface NeuralNetworkJson {
    settings: NeuralNetworkSettings;
    features?: string[];
    intents?: string[];
    perceptrons?: number[][];
  }
  export class NeuralNetwork {
    constructor(settings?: NeuralNetworkSettings);
    settings: NeuralNetworkSettings;
    train(corpus: { input: Record<string, number>; output: Record<string, number> }[]): {
      iterations: number;
      error: number;
    };
    run(input: Record<string, number>): Record<string, number> | undefined;
    toJSON(): NeuralNetworkJson;
    fromJSON(json: NeuralNetworkJson): void;
    lookup: {
      inputLookup: { dict: Record<string, number>; items: string[] };
      outputLookup: { dict: Record<string, number>; items: string[] };
    };
    perceptrons: { name: string; weights: Float32Array; bias: number }[];
  }
}
