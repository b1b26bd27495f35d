import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  isTransient,
  MAX_RESENDS,
  RESEND_DELAY_MS,
  ResendSchedule,
} from '../../../widget/chat/resend-schedule.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('isTransient', () => {
  test.each([
    { code: 'CHAT_ERR_NOT_READY', transient: true },
    { code: 'CHAT_ERR_INTERNAL', transient: true },
    { code: 'CHAT_ERR_RATE_LIMITED', transient: true },
    { code: 'CHAT_ERR_CLIENT_RATE_LIMITED', transient: true },
    { code: 'CHAT_ERR_HANDOFF_RATE_LIMITED', transient: true },
    { code: 'CHAT_ERR_TEXT_TOO_LONG', transient: false },
    { code: 'CHAT_ERR_INVALID_FRAME', transient: false },
  ])('$code: $transient', ({ code, transient }) => {
    expect(isTransient(code)).toBe(transient);
  });
});

describe('ResendSchedule', () => {
  test('waits longer before each resend of the same message', () => {
    const schedule = new ResendSchedule();
    const resend = vi.fn();
    schedule.schedule(1, resend);
    vi.advanceTimersByTime(RESEND_DELAY_MS);
    expect(resend).toHaveBeenCalledTimes(1);
    schedule.schedule(1, resend);
    vi.advanceTimersByTime(RESEND_DELAY_MS * 2 - 1);
    expect(resend).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(resend).toHaveBeenCalledTimes(2);
  });

  test('gives up after the last try', () => {
    const schedule = new ResendSchedule();
    for (let i = 0; i < MAX_RESENDS; i++) expect(schedule.schedule(1, () => {})).toBe(true);
    expect(schedule.schedule(1, () => {})).toBe(false);
  });

  test('a cancelled resend never goes out', () => {
    const schedule = new ResendSchedule();
    const resend = vi.fn();
    schedule.schedule(1, resend);
    schedule.schedule(2, resend);
    schedule.cancel(1);
    vi.advanceTimersByTime(RESEND_DELAY_MS);
    expect(resend).toHaveBeenCalledTimes(1);
    schedule.schedule(3, resend);
    schedule.cancelAll();
    vi.advanceTimersByTime(RESEND_DELAY_MS * 10);
    expect(resend).toHaveBeenCalledTimes(1);
  });
});
