/**
 * The LINE worker (server/channels/line/line-worker.ts) with its inbox, bot and LINE faked: how it
 * settles an event (answered, skipped, retried with a doubling delay, given up), that it stores the
 * rendering before sending and sends a stored one again, and the loading indicator on a slow answer.
 */
import type { messagingApi } from '@line/bot-sdk';
import { describe, expect, test } from 'vitest';
import type { InboxClaim, InboxEvent } from '../../../../server/channels/line/line-inbox-store.ts';
import {
  LineWorker,
  type LineWorkerDependencies,
  MAX_ATTEMPTS,
  retryDelayMs,
} from '../../../../server/channels/line/line-worker.ts';
import { waitFor } from '../../../helpers/wait-for.ts';

const NOW = new Date('2026-12-04T03:00:00.000Z');
const TEXT: messagingApi.Message = { type: 'text', text: '送料は550円です。' };

function inboxEvent(overrides: Partial<InboxEvent> = {}): InboxEvent {
  return {
    webhookEventId: 'E1',
    lineUserId: 'U1',
    userSeq: 1,
    type: 'message',
    event: {},
    replyToken: 'token',
    eventAt: NOW,
    receivedAt: NOW,
    state: 'pending',
    attempts: 1,
    outgoing: null,
    sentBy: null,
    answeredAt: null,
    lastError: null,
    ...overrides,
  };
}

/** A worker over one claimable event; records what it did. */
function harness(event: InboxEvent, overrides: Partial<LineWorkerDependencies> = {}) {
  const did: string[] = [];
  let claimable = [event];
  const deps: LineWorkerDependencies = {
    inbox: {
      claimHeads: async () => {
        const claimed = claimable;
        claimable = [];
        return claimed;
      },
      saveOutgoing: async (_claim: InboxClaim, outgoing) => {
        did.push(`saved ${outgoing.length}`);
        return true;
      },
      markDone: async (_claim, done) => {
        did.push(`done ${done.state} ${done.sentBy}`);
        return true;
      },
      scheduleRetry: async (_claim, retry) => {
        did.push(`retry in ${retry.nextAttemptAt.getTime() - NOW.getTime()} ms`);
        return true;
      },
      markFailed: async () => {
        did.push('failed');
        return true;
      },
      pruneSettled: async () => 0,
    },
    answer: async () => [TEXT],
    send: async (_event, _messages, retried) => {
      did.push(`sent${retried ? ' again' : ''}`);
      return 'reply';
    },
    showLoading: async () => {
      did.push('loading');
    },
    concurrency: 4,
    clock: () => NOW,
    log: { info() {}, warn() {}, error() {} },
    ...overrides,
  };
  return { worker: new LineWorker(deps), did };
}

async function runOnce(h: ReturnType<typeof harness>, settledWhen: (did: string[]) => boolean) {
  h.worker.start();
  await waitFor(() => settledWhen(h.did), 'the event settled', { timeoutMs: 5000 });
  await h.worker.stop();
  return h.did;
}

describe('LineWorker', () => {
  test('stores the rendering, then sends it, then marks the event answered', async () => {
    const did = await runOnce(harness(inboxEvent()), (d) => d.some((x) => x.startsWith('done')));
    expect(did).toEqual(['saved 1', 'sent', 'done answered reply']);
  });

  test('sends a rendering stored by an earlier attempt again, without answering anew', async () => {
    const h = harness(inboxEvent({ attempts: 2, outgoing: [TEXT] }), {
      answer: async () => {
        throw new Error('must not be asked');
      },
    });
    expect(await runOnce(h, (d) => d.some((x) => x.startsWith('done')))).toEqual([
      'sent again',
      'done answered reply',
    ]);
  });

  test('an event with nothing to send is skipped', async () => {
    const h = harness(inboxEvent(), { answer: async () => [] });
    expect(await runOnce(h, (d) => d.some((x) => x.startsWith('done')))).toEqual([
      'saved 0',
      'done skipped null',
    ]);
  });

  test('a failure is retried after a doubling delay, and given up after MAX_ATTEMPTS', async () => {
    const failing = { send: async (): Promise<'reply'> => Promise.reject(new Error('LINE 500')) };
    const third = await runOnce(harness(inboxEvent({ attempts: 3 }), failing), (d) =>
      d.some((x) => x.startsWith('retry')),
    );
    expect(third.at(-1)).toBe('retry in 4000 ms');
    const last = await runOnce(harness(inboxEvent({ attempts: MAX_ATTEMPTS }), failing), (d) =>
      d.includes('failed'),
    );
    expect(last.at(-1)).toBe('failed');
    expect([1, 2, 3, 30].map(retryDelayMs)).toEqual([1000, 2000, 4000, 30 * 60_000]);
  });

  test('shows the loading indicator while a slow answer is made, not for a quick one', async () => {
    const slow = harness(inboxEvent(), {
      answer: () => new Promise((resolve) => setTimeout(() => resolve([TEXT]), 1200)),
    });
    expect(await runOnce(slow, (d) => d.some((x) => x.startsWith('done')))).toEqual([
      'loading',
      'saved 1',
      'sent',
      'done answered reply',
    ]);
    const quick = await runOnce(harness(inboxEvent()), (d) => d.some((x) => x.startsWith('done')));
    expect(quick).not.toContain('loading');
  });
});
