/**
 * The LINE inbox (server/channels/line/line-inbox-store.ts) on SQLite and PostgreSQL: a redelivery
 * stores nothing, each user's events are numbered in order, and only the first pending event of a user
 * is ever claimed — by one claimer, until it is settled or its lease runs out.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  type LineInboxStore as Inbox,
  LineInboxStore,
  type NewInboxEvent,
} from '../../../../server/channels/line/line-inbox-store.ts';
import { type StorageBackend, storageBackends, useStorage } from '../../../helpers/storage-backends.ts';

const T0 = new Date('2026-12-04T03:00:00.000Z');

function event(lineUserId: string, text = 'hi', webhookEventId = `E${randomUUID()}`): NewInboxEvent {
  return {
    webhookEventId,
    lineUserId,
    type: 'message',
    event: { type: 'message', message: { type: 'text', text } },
    replyToken: `token-${webhookEventId}`,
    eventAt: T0,
  };
}

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe.each(storageBackends())('LINE inbox on $name', (backend: StorageBackend) => {
  const storage = useStorage(backend);
  let inbox: Inbox;
  beforeAll(async () => {
    inbox = new LineInboxStore(() => storage.database(), storage.dialect);
  });

  test('stores events in order with per-user numbers; a redelivery stores nothing', async () => {
    const first = event('Ua', 'one', 'R1');
    expect(await inbox.storeEvents([first, event('Ub'), event('Ua', 'two')], T0)).toEqual({
      stored: 3,
      duplicates: 0,
    });
    expect(await inbox.storeEvents([first, event('Ua', 'three')], at(1))).toEqual({
      stored: 1,
      duplicates: 1,
    });
    const stored = await inbox.list({ lineUserId: 'Ua' });
    expect(stored.map((e) => [e.userSeq, (e.event.message as { text: string }).text])).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
    ]);
    expect(stored[0]).toMatchObject({
      state: 'pending',
      attempts: 0,
      replyToken: 'token-R1',
      outgoing: null,
    });
  });

  test("claims only each user's first pending event, never a busy user's, never twice", async () => {
    const claimed = await inbox.claimHeads({
      now: at(2),
      leaseUntil: at(12),
      limit: 10,
      busy: new Set(['Ub']),
    });
    expect(claimed.map((e) => [e.lineUserId, e.userSeq, e.attempts])).toEqual([['Ua', 1, 1]]);
    // Leased: another claimer gets nothing of Ua's while the lease lasts.
    const other = new LineInboxStore(() => storage.database(), storage.dialect);
    expect(
      (await other.claimHeads({ now: at(3), leaseUntil: at(13), limit: 10, busy: new Set() })).map(
        (e) => e.lineUserId,
      ),
    ).toEqual(['Ub']);
    // Settled, Ua's next event is the head.
    const claim = { webhookEventId: claimed[0]!.webhookEventId, attempt: 1 };
    expect(await inbox.markDone(claim, { state: 'answered', sentBy: 'reply', at: at(4) })).toBe(true);
    const next = await inbox.claimHeads({ now: at(4), leaseUntil: at(14), limit: 10, busy: new Set(['Ub']) });
    expect(next.map((e) => [e.lineUserId, e.userSeq])).toEqual([['Ua', 2]]);
  });

  test('an expired lease is claimed again and the old claim can no longer settle', async () => {
    const [head] = await inbox
      .list({ lineUserId: 'Ua' })
      .then((all) => all.filter((e) => e.state === 'pending'));
    expect(head?.userSeq).toBe(2);
    const again = await inbox.claimHeads({
      now: at(20),
      leaseUntil: at(30),
      limit: 10,
      busy: new Set(['Ub']),
    });
    expect(again.map((e) => [e.userSeq, e.attempts])).toEqual([[2, 2]]);
    const stale = { webhookEventId: head!.webhookEventId, attempt: 1 };
    expect(await inbox.markDone(stale, { state: 'answered', sentBy: 'push', at: at(21) })).toBe(false);
    const current = { webhookEventId: head!.webhookEventId, attempt: 2 };
    expect(await inbox.saveOutgoing(current, [{ type: 'text', text: 'answer' }])).toBe(true);
    expect(await inbox.scheduleRetry(current, { nextAttemptAt: at(60), error: 'LINE 500' })).toBe(true);
    // Not due yet: nothing of Ua's (its head waits), and the order holds.
    expect(
      await inbox.claimHeads({ now: at(30), leaseUntil: at(40), limit: 10, busy: new Set(['Ub']) }),
    ).toEqual([]);
    const [due] = await inbox.claimHeads({
      now: at(61),
      leaseUntil: at(71),
      limit: 10,
      busy: new Set(['Ub']),
    });
    expect(due).toMatchObject({ userSeq: 2, attempts: 3, outgoing: [{ type: 'text', text: 'answer' }] });
  });

  test('concurrent deliveries of one user number every event once', async () => {
    const batches = Array.from({ length: 8 }, (_, i) => [event('Uc', `a${i}`), event('Uc', `b${i}`)]);
    const results = await Promise.all(batches.map((batch) => inbox.storeEvents(batch, at(100))));
    expect(results.reduce((sum, r) => sum + r.stored, 0)).toBe(16);
    const seqs = (await inbox.list({ lineUserId: 'Uc' })).map((e) => e.userSeq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  test('counts answers by method and prunes settled events only', async () => {
    const sent = await inbox.countSent();
    expect(sent).toEqual({ reply: 1, push: 0 });
    const pruned = await inbox.pruneSettled(at(1000));
    expect(pruned).toBe(1);
    expect((await inbox.list({ lineUserId: 'Ua' })).map((e) => e.userSeq)).toEqual([2, 3]);
  });
});
