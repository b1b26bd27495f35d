import { describe, expect, test } from 'vitest';
import { gcraStep, NEVER_REFUSE_MS, perMinute, type RateRule } from '../../../server/limits/gcra.ts';

/** Runs events at the given times through one key; returns which were allowed. */
function run(rule: RateRule, times: number[]): boolean[] {
  let tat: number | undefined;
  return times.map((now) => {
    const step = gcraStep(tat, now, rule);
    tat = step.tat;
    return step.result.allowed;
  });
}

describe('gcraStep', () => {
  test('allows the burst at once, then one event per interval', () => {
    const rule = perMinute(60, 3);
    expect(run(rule, [0, 0, 0, 0])).toEqual([true, true, true, false]);
    expect(run(rule, [0, 0, 0, 999, 1000, 1000])).toEqual([true, true, true, false, true, false]);
  });

  test('never credits more than the burst however long the key was idle', () => {
    expect(run(perMinute(60, 2), [0, 3_600_000, 3_600_000, 3_600_000])).toEqual([true, true, true, false]);
  });

  test('a refused event does not push the recovery further out', () => {
    const rule = perMinute(60, 1);
    expect(run(rule, [0, 10, 20, 30, 1000])).toEqual([true, false, false, false, true]);
  });

  test('says how long until the next event is allowed', () => {
    const rule = perMinute(60, 1);
    const first = gcraStep(undefined, 0, rule);
    expect(gcraStep(first.tat, 250, rule).result).toEqual({ allowed: false, retryAfterMs: 750 });
  });

  test('a never-refusing rule hands out slots one interval apart (a fair queue)', () => {
    const rule = { intervalMs: 30_000, toleranceMs: NEVER_REFUSE_MS };
    let tat: number | undefined;
    const starts = [0, 0, 0, 100_000].map((now) => {
      const step = gcraStep(tat, now, rule);
      tat = step.tat;
      return step.result.allowed ? step.result.startMs : -1;
    });
    expect(starts).toEqual([0, 30_000, 60_000, 100_000]);
  });
});
