import { describe, expect, test } from 'vitest';
import {
  groupingWork,
  groupSimilarQuestions,
  MAX_GROUPED_CHARS,
  type QuestionToGroup,
  questionFeatures,
} from '../../../bot/review/group-similar-questions.ts';
import { seededRandom } from '../../helpers/prng.ts';

function questions(texts: readonly string[], guesses: readonly (string | null)[] = []): QuestionToGroup[] {
  return texts.map((text, i) => ({ id: `q${i}`, text, guess: guesses[i] ?? null }));
}

function texts(groups: ReturnType<typeof groupSimilarQuestions>): string[][] {
  return groups.map((g) => g.members.map((m) => m.text));
}

describe('groupSimilarQuestions', () => {
  test('puts 解約したい, 解約したいです and 定期便を解約したい together and 送料はいくら apart', () => {
    const groups = groupSimilarQuestions(
      questions(['解約したい', '解約したいです', '定期便を解約したい', '送料はいくら']),
    );
    expect(texts(groups)).toEqual([['解約したい', '解約したいです', '定期便を解約したい'], ['送料はいくら']]);
  });

  test('labels a group with its most typical question and lists the others by similarity', () => {
    const [group] = groupSimilarQuestions(questions(['定期便を解約したい', '解約したいです', '解約したい']));
    expect(group?.label).toBe('解約したい');
    expect(group?.members[0]?.text).toBe('解約したい');
    expect(group?.members).toHaveLength(3);
  });

  test('does not join questions that share only grammar (いくら, したい)', () => {
    const groups = groupSimilarQuestions(questions(['送料はいくら', '返品はいくら', '解約したい']));
    expect(groups).toHaveLength(3);
  });

  test('groups English questions by their content words, not by "how do I"', () => {
    const groups = groupSimilarQuestions(
      questions([
        'How do I cancel my subscription?',
        'cancel subscription',
        'I want to cancel',
        'How do I change my address?',
        'What is the shipping fee?',
        'shipping cost',
      ]),
    );
    expect(texts(groups).map((members) => [...members].sort())).toEqual([
      ['How do I cancel my subscription?', 'I want to cancel', 'cancel subscription'],
      ['What is the shipping fee?', 'shipping cost'],
      ['How do I change my address?'],
    ]);
  });

  test('treats full-width, katakana and punctuation variants as the same words', () => {
    const groups = groupSimilarQuestions(questions(['ポイントは使えますか？', 'ﾎﾟｲﾝﾄ使える', '届かない']));
    expect(texts(groups)[0]).toHaveLength(2);
  });

  test('gives the same groups whatever the input order', () => {
    const input = questions([
      '解約したい',
      '送料はいくら',
      '定期便を解約したい',
      '送料っていくら',
      '解約したいです',
    ]);
    const forward = texts(groupSimilarQuestions(input));
    const backward = texts(groupSimilarQuestions([...input].reverse()));
    expect(backward).toEqual(forward);
  });

  test('suggests the intent most members were guessed as', () => {
    const [group] = groupSimilarQuestions(
      questions(
        ['解約したい', '解約したいです', '定期便を解約したい'],
        ['subscription.skip', 'subscription.cancel', 'subscription.cancel'],
      ),
    );
    expect(group?.suggestedIntent).toBe('subscription.cancel');
  });

  test('suggests no intent when nobody guessed one, and returns no groups for no questions', () => {
    expect(groupSimilarQuestions(questions(['解約したい']))[0]?.suggestedIntent).toBeNull();
    expect(groupSimilarQuestions([])).toEqual([]);
  });

  test.each([
    { name: 'Japanese: bigrams without the polite ending', text: '解約ですか？', has: '解約', lacks: 'です' },
    { name: 'English: trigrams of content words only', text: 'How do I cancel?', has: 'can', lacks: '_ho' },
  ])('features — $name', ({ text, has, lacks }) => {
    const features = questionFeatures(text);
    expect(features.has(has)).toBe(true);
    expect(features.has(lacks)).toBe(false);
  });
});

/** `count` texts of `length` random kanji (CJK unified ideographs), seeded: the attack input. */
function randomKanjiTexts(count: number, length: number, seed: number): QuestionToGroup[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `k${String(i).padStart(5, '0')}`,
    text: Array.from({ length }, () => String.fromCodePoint(0x4e00 + Math.floor(random() * 20_000))).join(''),
    guess: null,
  }));
}

/** `count` variants of one question (one group): each has a different number appended. */
function nearDuplicates(count: number): QuestionToGroup[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `d${String(i).padStart(5, '0')}`,
    text: `定期便を解約したいのですが注文番号${i}番です`,
    guess: null,
  }));
}

/**
 * The least CPU time of seven runs of each of `small` and `large`, run in turns so that a stretch of
 * contention from other test files (CPU time rises with it: caches, GC helper threads) falls on both
 * rather than on every run of one. The least is the run other processes disturbed least.
 */
function leastCpuMicros(small: () => void, large: () => void): { small: number; large: number } {
  const least = { small: Number.POSITIVE_INFINITY, large: Number.POSITIVE_INFINITY };
  const time = (run: () => void) => {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    return used.user + used.system;
  };
  for (let round = 0; round < 7; round++) {
    least.small = Math.min(least.small, time(small));
    least.large = Math.min(least.large, time(large));
  }
  return least;
}

describe('groupSimilarQuestions growth', () => {
  // 16× the questions may cost at most 64× the CPU time: growth no faster than n^1.5, where comparing
  // all pairs costs 256×. The bound on the exponent is the one 8× for 4× set; measured over a range
  // four times wider, a disturbance of the timing moves the measured exponent half as much. Sizes large
  // enough that the small run takes milliseconds, not timer noise.
  test.each([
    {
      name: 'random kanji texts (every question its own group)',
      small: 50,
      input: (n: number) => randomKanjiTexts(n, 250, n),
    },
    { name: 'near-duplicates (one big group)', small: 250, input: (n: number) => nearDuplicates(n) },
  ])('takes at most 64× the CPU time for 16× the questions — $name', ({ small, input }) => {
    const smallInput = input(small);
    const largeInput = input(16 * small);
    groupSimilarQuestions(smallInput); // warm the JIT so the small run is not charged for compiling
    groupSimilarQuestions(largeInput);
    const time = leastCpuMicros(
      () => groupSimilarQuestions(smallInput),
      () => groupSimilarQuestions(largeInput),
    );
    expect(time.large / time.small).toBeLessThanOrEqual(64);
  });

  test.each([
    { name: 'random kanji texts', input: (n: number) => randomKanjiTexts(n, 1000, n) },
    { name: 'near-duplicates', input: (n: number) => nearDuplicates(n) },
  ])('does at most 8× the similarity work for 4× the questions — $name', ({ input }) => {
    const small = groupingWork(input(100));
    const large = groupingWork(input(400));
    expect(small.comparisons).toBeGreaterThan(0);
    expect(large.featureVisits / small.featureVisits).toBeLessThanOrEqual(8);
    expect(large.comparisons / small.comparisons).toBeLessThanOrEqual(8);
  });

  test('reads only the first characters of a long question', () => {
    const [long] = randomKanjiTexts(1, 5000, 7);
    const prefix = long!.text.slice(0, MAX_GROUPED_CHARS);
    expect(questionFeatures(long!.text)).toEqual(questionFeatures(prefix));
  });

  test('still groups the near-duplicates together at scale', () => {
    const groups = groupSimilarQuestions(nearDuplicates(400));
    expect(groups[0]?.members.length).toBeGreaterThanOrEqual(390);
  });
});
