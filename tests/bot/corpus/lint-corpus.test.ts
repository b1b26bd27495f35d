import { describe, expect, test } from 'vitest';
import { lintCorpus } from '../../../bot/corpus/lint-corpus.ts';
import type { Corpus, LoadedIntent } from '../../../bot/corpus/load-corpus.ts';

const many = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

function intent(locale: 'ja' | 'en', id: string, extra: Partial<LoadedIntent> = {}): LoadedIntent {
  const n = id === 'none' ? (locale === 'ja' ? 150 : 80) : locale === 'ja' ? 30 : 15;
  return {
    locale,
    domain: 'd',
    file: `${locale}/d.yaml`,
    id,
    title: id,
    utterances: many(`${locale}-${id}-`, n),
    tests: many(`${locale}-${id}-test-`, 5),
    ...(id === 'none' ? {} : { answer: 'ok' }),
    ...extra,
  };
}

function codes(corpus: Corpus): string[] {
  return lintCorpus(corpus).map((i) => i.code);
}

const clean: Corpus = {
  intents: [intent('ja', 'a'), intent('en', 'a'), intent('ja', 'none'), intent('en', 'none')],
};

describe('lintCorpus', () => {
  test('finds nothing in a clean corpus', () => {
    expect(lintCorpus(clean)).toEqual([]);
  });

  test('reports the same utterance in two intents as an error', () => {
    const corpus: Corpus = {
      intents: [
        intent('ja', 'a', { utterances: [...many('x', 30), '解約したい'] }),
        intent('ja', 'b', { utterances: [...many('y', 30), '解約したい'] }),
        intent('en', 'a'),
        intent('en', 'b'),
      ],
    };
    expect(codes(corpus)).toContain('CORPUS_DUPLICATE_UTTERANCE');
  });

  test('reports near duplicates across intents (punctuation, kana, width) as warnings', () => {
    const corpus: Corpus = {
      intents: [
        intent('ja', 'a', { utterances: [...many('x', 30), 'キャンセルしたい'] }),
        intent('ja', 'b', { utterances: [...many('y', 30), 'きゃんせるしたい！'] }),
        intent('en', 'a'),
        intent('en', 'b'),
      ],
    };
    const issue = lintCorpus(corpus).find((i) => i.code === 'CORPUS_NEAR_DUPLICATE');
    expect(issue?.severity).toBe('warning');
  });

  test('reports an intent missing in one locale', () => {
    expect(codes({ intents: [intent('ja', 'a'), intent('ja', 'b'), intent('en', 'a')] })).toContain(
      'CORPUS_MISSING_LOCALE',
    );
  });

  test.each([
    { name: 'empty answer', answer: '  ', code: 'CORPUS_EMPTY_ANSWER' },
    { name: 'unknown placeholder', answer: '送料は{{postage}}です', code: 'CORPUS_UNKNOWN_PLACEHOLDER' },
    { name: 'broken placeholder', answer: '送料は{{shippingFee}です', code: 'CORPUS_BROKEN_PLACEHOLDER' },
    { name: 'javascript link', answer: '[押して](javascript:alert(1))', code: 'CORPUS_UNSAFE_LINK' },
  ])('reports an answer with $name', ({ answer, code }) => {
    expect(codes({ intents: [intent('ja', 'a', { answer }), intent('en', 'a')] })).toContain(code);
  });

  test('reports too few utterances', () => {
    expect(
      codes({ intents: [intent('ja', 'a', { utterances: ['一つだけ'] }), intent('en', 'a')] }),
    ).toContain('CORPUS_TOO_FEW_UTTERANCES');
  });

  test('reports a held-out test that is also trained on', () => {
    const corpus: Corpus = {
      intents: [intent('ja', 'a', { tests: ['ja-a-3'] }), intent('en', 'a')],
    };
    expect(codes(corpus)).toContain('CORPUS_TEST_IN_TRAINING');
  });

  test('reports a quick reply to an unknown intent', () => {
    expect(codes({ intents: [intent('ja', 'a', { quickReplies: ['zzz'] }), intent('en', 'a')] })).toContain(
      'CORPUS_UNKNOWN_QUICK_REPLY',
    );
  });
});
