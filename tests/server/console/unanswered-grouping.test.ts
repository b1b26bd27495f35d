import { describe, expect, test } from 'vitest';
import { groupUnanswered, type QuestionToSort } from '../../../server/console/group-unanswered.ts';
import { groupInWorker, UnansweredGrouping } from '../../../server/console/unanswered-grouping.ts';

const QUEUE: QuestionToSort[] = [
  { id: 'a', text: '解約したい', locale: 'ja', intent: null },
  { id: 'b', text: '解約したいです', locale: 'ja', intent: 'subscription.cancel' },
  { id: 'c', text: '送料はいくら', locale: 'ja', intent: null },
  { id: 'd', text: 'cancel subscription', locale: 'en', intent: null },
];

describe('UnansweredGrouping', () => {
  test('groups the same queue once however often it is asked', async () => {
    let runs = 0;
    const grouping = new UnansweredGrouping(async (questions) => {
      runs++;
      return groupUnanswered(questions);
    });
    const first = await grouping.group(QUEUE);
    const again = await Promise.all([grouping.group(QUEUE), grouping.group([...QUEUE])]);
    expect(runs).toBe(1);
    expect(again).toEqual([first, first]);
  });

  test('groups again when the queue changed', async () => {
    let runs = 0;
    const grouping = new UnansweredGrouping(async (questions) => {
      runs++;
      return groupUnanswered(questions);
    });
    await grouping.group(QUEUE);
    await grouping.group(QUEUE.slice(1));
    expect(runs).toBe(2);
  });

  test('tries again after a failed run', async () => {
    let runs = 0;
    const grouping = new UnansweredGrouping(async (questions) => {
      runs++;
      if (runs === 1) throw new Error('worker died');
      return groupUnanswered(questions);
    });
    await expect(grouping.group(QUEUE)).rejects.toThrow('worker died');
    await expect(grouping.group(QUEUE)).resolves.toHaveLength(3);
  });

  test('passes only the first characters of a long text to the grouping', async () => {
    let seen: QuestionToSort[] = [];
    const grouping = new UnansweredGrouping(async (questions) => {
      seen = questions;
      return groupUnanswered(questions);
    });
    await grouping.group([{ id: 'x', text: '長'.repeat(5000), locale: 'ja', intent: null }]);
    expect([...seen[0]!.text].length).toBe(200);
  });
});

describe('groupInWorker', () => {
  test('groups per locale in a worker thread, as on the main thread', async () => {
    const groups = await groupInWorker(QUEUE);
    expect(groups).toEqual(groupUnanswered(QUEUE));
    expect(groups.map((g) => g.memberIds)).toEqual([['a', 'b'], ['c'], ['d']]);
  });
});
