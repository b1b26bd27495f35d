import { describe, expect, test } from 'vitest';
import { backoffDelay } from '../../../widget/chat/backoff.ts';

describe('backoffDelay', () => {
  test.each([
    { name: 'first retry after 1 s', attempt: 0, random: 1, ms: 1000 },
    { name: 'doubles each time', attempt: 3, random: 1, ms: 8000 },
    { name: 'caps at 30 s', attempt: 10, random: 1, ms: 30_000 },
    { name: 'jitter goes down to half', attempt: 2, random: 0, ms: 2000 },
  ])('$name', ({ attempt, random, ms }) => {
    expect(backoffDelay(attempt, () => random)).toBe(ms);
  });
});
