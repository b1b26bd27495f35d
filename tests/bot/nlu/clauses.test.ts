import { beforeAll, describe, expect, test } from 'vitest';
import { englishClauses, japaneseClauses, MAX_CLAUSES } from '../../../bot/nlu/clauses.ts';
import { analyseJapanese, loadJapaneseAnalyzer } from '../../../bot/nlu/japanese-analyzer.ts';

const clausesOf = (text: string): string[] => japaneseClauses(analyseJapanese(text)).map((c) => c.text);

describe('japaneseClauses', () => {
  beforeAll(() => loadJapaneseAnalyzer());

  test('cuts a story into sentences and the request clause out of its sentence', () => {
    expect(clausesOf('お試しを注文した。2回目が届いた。解約したいが電話がつながらない。')).toEqual([
      'お試しを注文した。',
      '2回目が届いた。',
      '解約したいが',
      '電話がつながらない。',
    ]);
  });

  test('cuts after けど, ので and のに, not after the case particle が', () => {
    expect(clausesOf('余っているので周期を変えたいけど方法がわからない')).toEqual([
      '余っているので',
      '周期を変えたいけど',
      '方法がわからない',
    ]);
    expect(clausesOf('商品が届かない')).toEqual([]);
  });

  test('a message of one clause gives no clauses (the whole message covers it)', () => {
    expect(clausesOf('定期便を解約したい')).toEqual([]);
  });

  test('drops spans too short to mean anything alone', () => {
    expect(clausesOf('はい。解約したいです。')).toEqual([]);
  });

  test('keeps only the last clauses of a very long message', () => {
    const story = Array.from({ length: MAX_CLAUSES + 4 }, (_, i) => `${i + 1}回目の商品が届いた。`).join('');
    const clauses = clausesOf(`${story}解約したい。`);
    expect(clauses).toHaveLength(MAX_CLAUSES);
    expect(clauses.at(-1)).toBe('解約したい。');
  });
});

describe('englishClauses', () => {
  test('cuts English text into sentences', () => {
    expect(englishClauses('i ordered a trial. a second box came! i want to cancel.')).toEqual([
      'i ordered a trial.',
      'a second box came!',
      'i want to cancel.',
    ]);
    expect(englishClauses('cancel my subscription')).toEqual([]);
  });
});
