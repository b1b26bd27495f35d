/**
 * The outbox at a glance on both backends: counts per pending, sending and failed (sent mail is not
 * counted), and the queue time of the oldest mail not yet sent.
 */
import { describe, expect, it } from 'vitest';
import { readOutboxStats } from '../../../server/storage/outbox-stats.ts';
import { queuedMailAt } from '../../helpers/chat-rows.ts';
import { type StorageBackend, storageBackends, useStorage } from '../../helpers/storage-backends.ts';

const T0 = new Date('2026-12-01T00:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe.each(storageBackends())('readOutboxStats on $name', (backend: StorageBackend) => {
  const storage = useStorage(backend);

  const queue = (createdAt: Date) => queuedMailAt(storage, createdAt);

  it('is all zero with nothing waiting on an empty outbox', async () => {
    expect(await readOutboxStats(storage.database())).toEqual({
      pending: 0,
      sending: 0,
      failed: 0,
      oldestUnsentAt: null,
    });
  });

  it('counts each state and finds the oldest mail not yet sent', async () => {
    const sent = await queue(at(0));
    const failed = await queue(at(1));
    const sending = await queue(at(2));
    await queue(at(3));
    await queue(at(4));
    const lease = { leaseUntil: at(600) };
    for (const id of [sent, failed, sending]) {
      const [claimed] = await storage.claimDueMail({ now: at(10), ...lease, limit: 1 });
      expect(claimed?.id).toBe(id);
    }
    await storage.markMailSent({ id: sent, attempt: 1 }, at(11));
    await storage.markMailFailed({ id: failed, attempt: 1 }, '550 no such user');
    const stats = await readOutboxStats(storage.database());
    expect(stats).toEqual({ pending: 2, sending: 1, failed: 1, oldestUnsentAt: at(2) });
  });
});
