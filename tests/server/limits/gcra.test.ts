import { describe, expect, test } from 'vitest';
import {
  type GcraState,
  gcraStep,
  NEVER_REFUSE_MS,
  perMinute,
  type RateRule,
} from '../../../server/limits/gcra.ts';

/** Runs events at the given times through one key; returns which were allowed. */
function run(rule: RateRule, times: number[]): boolean[] {
  let state: GcraState | undefined;
  return times.map((now) => {
    const step = gcraStep(state, now, rule);
    state = step.state;
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
    expect(gcraStep(first.state, 250, rule).result).toEqual({ allowed: false, retryAfterMs: 750 });
  });

  test('a never-refusing rule hands out slots one interval apart (a fair queue)', () => {
    const rule = { intervalMs: 30_000, toleranceMs: NEVER_REFUSE_MS };
    let state: GcraState | undefined;
    const starts = [0, 0, 0, 100_000].map((now) => {
      const step = gcraStep(state, now, rule);
      state = step.state;
      return step.result.allowed ? step.result.startMs : -1;
    });
    expect(starts).toEqual([0, 30_000, 60_000, 100_000]);
  });

  test('counts an event whose clock lags the latest the key has seen at that latest clock', () => {
    // Read at 5 and at 0, stored in that order: two of a burst of two, not one.
    expect(run(perMinute(1, 2), [5, 0, 1])).toEqual([true, true, false]);
    expect(run(perMinute(60, 1), [1000, 0, 1999, 2000])).toEqual([true, false, false, true]);
  });

  test('tells a refused event its wait against its own clock', () => {
    const rule = perMinute(60, 1);
    const first = gcraStep(undefined, 1000, rule);
    expect(gcraStep(first.state, 900, rule).result).toEqual({ allowed: false, retryAfterMs: 1100 });
  });
});
