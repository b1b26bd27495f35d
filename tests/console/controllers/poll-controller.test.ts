import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { PollController } from '../../../console/controllers/poll-controller.ts';
import { FakeHost } from '../../helpers/controller-host.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('PollController', () => {
  test('calls once per interval after the previous call ended, until the tick says stop', async () => {
    let calls = 0;
    const poll = new PollController(new FakeHost(), async () => ++calls < 3, 1000);
    poll.start();
    expect(poll.active).toBe(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toBe(3);
    expect(poll.active).toBe(false);
  });

  test('a slow call delays the next one instead of overlapping it', async () => {
    let running = 0;
    let overlapped = false;
    const poll = new PollController(
      new FakeHost(),
      async () => {
        running += 1;
        if (running > 1) overlapped = true;
        await new Promise((resolve) => setTimeout(resolve, 2500));
        running -= 1;
        return true;
      },
      1000,
    );
    poll.start();
    await vi.advanceTimersByTimeAsync(10_000);
    poll.stop();
    expect(overlapped).toBe(false);
  });

  test('a failing call keeps polling', async () => {
    let calls = 0;
    const poll = new PollController(new FakeHost(), async () => {
      calls += 1;
      throw new Error('network');
    });
    poll.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(calls).toBe(3);
    expect(poll.active).toBe(true);
    poll.stop();
  });

  test('stops when the host leaves the page', async () => {
    let calls = 0;
    const host = new FakeHost();
    const poll = new PollController(host, async () => {
      calls += 1;
      return true;
    });
    poll.start();
    host.disconnect();
    await vi.advanceTimersByTimeAsync(5000);
    expect([calls, poll.active]).toEqual([0, false]);
  });
});
