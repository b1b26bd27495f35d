import { beforeAll, describe, expect, test } from 'vitest';
import { englishClauses, japaneseClauses, letterCount, MAX_CLAUSES } from '../../../bot/nlu/clauses.ts';
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

  test('marks a scene-setting clause before the request as background, not one that asks or wants', () => {
    const background = (text: string) =>
      japaneseClauses(analyseJapanese(text)).map((c) => [c.text, c.background]);
    expect(background('定期を申し込んだのですが、次のお届け日を変えられますか？')).toEqual([
      ['定期を申し込んだのですが', true],
      ['、次のお届け日を変えられますか？', false],
    ]);
    expect(background('いつでもやめられると聞いていたのに、電話がつながらない。')).toEqual([
      ['いつでもやめられると聞いていたのに', true],
      ['、電話がつながらない。', false],
    ]);
    expect(background('解約したいのですが、電話がつながりません')).toEqual([
      ['解約したいのですが', false],
      ['、電話がつながりません', false],
    ]);
    // The last clause is never background, even when it trails off with a particle.
    expect(background('次の定期を止めたい。申し込んだばかりなのですが')).toEqual([
      ['次の定期を止めたい。', false],
      ['申し込んだばかりなのですが', false],
    ]);
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

describe('letterCount', () => {
  test('counts letters and digits by code point, as the Unicode classes L and N define them', () => {
    const texts = [
      '解約したいです！',
      'ｊｋｌ１２３ abc 456',
      '🙄🙄。送信テスト',
      '𠮷野家の注文',
      'ⅻ Ⅳ ½ ②',
      '\ud800孤立した\udc00サロゲート',
      '',
      '。、・…',
    ];
    for (const text of texts) {
      expect(letterCount(text), text).toBe(text.match(/[\p{L}\p{N}]/gu)?.length ?? 0);
    }
    expect(letterCount('𠮷野家')).toBe(3);
  });
});
