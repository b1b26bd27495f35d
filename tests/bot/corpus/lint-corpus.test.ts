import { describe, expect, test } from 'vitest';
import { MAX_ANSWER_LENGTH, MAX_UTTERANCE_LENGTH } from '../../../bot/corpus/corpus-schema.ts';
import { lintCorpus } from '../../../bot/corpus/lint-corpus.ts';
import { type Corpus, type LoadedIntent, loadCorpus } from '../../../bot/corpus/load-corpus.ts';

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
    {
      name: 'javascript reference link',
      answer: '[押して][x]\n\n[x]: javascript:alert(1)',
      code: 'CORPUS_UNSAFE_LINK',
    },
    { name: 'javascript autolink', answer: 'こちら <javascript:alert(1)>', code: 'CORPUS_UNSAFE_LINK' },
    {
      name: 'closing paragraph glued to the last list item',
      answer:
        '手順です。\n1. ログイン\n2. 「解約する」を選択\n3. 確定する\n次回発送日の7日前までにお手続きください。',
      code: 'CORPUS_LIST_PARAGRAPH_GLUED',
    },
    {
      name: 'bullet list with a glued paragraph',
      answer: '- **後払い**：到着後\n- 代引き\nどちらも手数料は無料です。',
      code: 'CORPUS_LIST_PARAGRAPH_GLUED',
    },
    {
      name: 'literal ** next to full-width brackets',
      answer: '- **3-Dセキュア（本人認証）**の未設定',
      code: 'CORPUS_LITERAL_EMPHASIS',
    },
    {
      name: 'answer longer than the limit',
      answer: 'あ'.repeat(MAX_ANSWER_LENGTH + 1),
      code: 'CORPUS_ANSWER_TOO_LONG',
    },
    { name: 'quotes nested too deep', answer: '> '.repeat(20), code: 'CORPUS_ANSWER_TOO_COMPLEX' },
    {
      name: 'quotes and lists nested on one line',
      answer: '> - '.repeat(20),
      code: 'CORPUS_ANSWER_TOO_COMPLEX',
    },
    { name: 'too many emphasis marks', answer: '***a_'.repeat(100), code: 'CORPUS_ANSWER_TOO_COMPLEX' },
    { name: 'too many unclosed link openers', answer: '[a]('.repeat(100), code: 'CORPUS_ANSWER_TOO_COMPLEX' },
  ])('reports an answer with $name', ({ answer, code }) => {
    expect(codes({ intents: [intent('ja', 'a', { answer }), intent('en', 'a')] })).toContain(code);
  });

  test.each([
    {
      name: 'a list, a blank line, then the closing paragraph',
      answer: '1. a\n2. b\n\n期限は7日前までです。',
    },
    { name: 'a continuation line indented under its item', answer: '1. a\n2. b\n   続きの説明' },
    {
      name: 'bold followed by a space after a full-width bracket',
      answer: '**休止（最長6か月）** もできます',
    },
    { name: 'bold with the bracket outside', answer: '**3-Dセキュア**（本人認証）の未設定' },
    {
      name: 'a placeholder link and a mail autolink',
      answer: '[マイページ]({{myPageUrl}}) か support@shop.example へ',
    },
  ])('accepts an answer with $name', ({ answer }) => {
    expect(lintCorpus({ intents: [intent('ja', 'a', { answer }), intent('en', 'a')] })).toEqual([]);
  });

  test('reports an utterance longer than the limit', () => {
    const long = 'あ'.repeat(MAX_UTTERANCE_LENGTH + 1);
    expect(
      codes({ intents: [intent('ja', 'a', { utterances: [...many('x', 30), long] }), intent('en', 'a')] }),
    ).toContain('CORPUS_UTTERANCE_TOO_LONG');
  });

  test('every shipped answer renders as written: no glued paragraph, no literal **', async () => {
    const corpus = await loadCorpus('corpus');
    const render = lintCorpus(corpus).filter((i) =>
      ['CORPUS_LIST_PARAGRAPH_GLUED', 'CORPUS_LITERAL_EMPHASIS'].includes(i.code),
    );
    expect(render.map((i) => `${i.locale} ${i.intent} ${i.code}`)).toEqual([]);
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

/**
 * Growth of linting with the size of hostile answers (#17): work at 4× the input stays within 8× the
 * smaller input's, i.e. linear, not a budget in milliseconds. Each size is timed as the best of several
 * batches of lints, alternating the two sizes, which keeps a busy machine's noise out of the ratio.
 */
describe('lintCorpus on pathological answers', () => {
  const SMALL = Math.floor(MAX_ANSWER_LENGTH / 4);
  const LARGE = SMALL * 4;

  function pattern(unit: string, chars: number): string {
    return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
  }

  /** The best time of ten lints, over nine rounds that alternate the two answers (load hits both). */
  function bestTimes(small: string, large: string): { small: number; large: number } {
    const lint = (answer: string): number => {
      const corpus: Corpus = { intents: [intent('ja', 'a', { answer }), intent('en', 'a')] };
      const start = performance.now();
      for (let i = 0; i < 10; i++) lintCorpus(corpus);
      return performance.now() - start;
    };
    const best = { small: Number.POSITIVE_INFINITY, large: Number.POSITIVE_INFINITY };
    for (let round = 0; round < 9; round++) {
      best.small = Math.min(best.small, lint(small));
      best.large = Math.min(best.large, lint(large));
    }
    return best;
  }

  test.each([
    { name: 'repeated "](" (link target)', unit: '"](' },
    { name: 'repeated {{ (unclosed placeholder)', unit: '{{' },
    { name: 'repeated [a]( (unclosed links)', unit: '[a](' },
    { name: 'repeated [ (open brackets)', unit: '[' },
    { name: 'repeated backslashes', unit: '\\' },
    { name: 'repeated < (autolink starts)', unit: '<' },
    { name: 'repeated ! (image starts)', unit: '!' },
    { name: 'repeated a_ (emphasis marks)', unit: 'a_' },
    { name: 'repeated "> - " (containers nested on one line)', unit: '> - ' },
    { name: 'repeated "- > " (containers nested on one line)', unit: '- > ' },
  ])('lints $name in linear time', ({ unit }) => {
    bestTimes(pattern(unit, SMALL), pattern(unit, SMALL)); // warm up the code paths before timing
    const { small, large } = bestTimes(pattern(unit, SMALL), pattern(unit, LARGE));
    expect(
      large / small,
      `${SMALL} chars: ${small.toFixed(2)} ms, ${LARGE}: ${large.toFixed(2)} ms`,
    ).toBeLessThanOrEqual(8);
  });

  test('refuses an answer far beyond the limit without reading its markdown', () => {
    const issues = lintCorpus({
      intents: [intent('ja', 'a', { answer: '"]('.repeat(MAX_ANSWER_LENGTH * 10) }), intent('en', 'a')],
    });
    expect(issues.map((i) => i.code)).toEqual(['CORPUS_ANSWER_TOO_LONG']);
  });
});
