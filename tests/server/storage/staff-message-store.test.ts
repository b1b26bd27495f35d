/**
 * Staff messages in the transcript (migration 013) on SQLite and PostgreSQL: a reply takes the next seq
 * and marks the conversation, reads back unread after a seq, is marked seen once, and a shopper's
 * answer re-opens the conversation's newest escalation only when it is resolved.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { EscalationReviewStore } from '../../../server/storage/escalation-review-store.ts';
import { staffPayloadOf } from '../../../server/storage/staff-message-payload.ts';
import { StaffMessageStore } from '../../../server/storage/staff-message-store.ts';
import { storedConversation } from '../../helpers/chat-rows.ts';
import { type StorageBackend, storageBackends, useStorage } from '../../helpers/storage-backends.ts';

const AT = new Date('2026-12-04T01:00:00.000Z');

describe.each(storageBackends())('staff message store on $name', (backend: StorageBackend) => {
  const storage = useStorage(backend);
  let store: StaffMessageStore;

  beforeAll(async () => {
    store = new StaffMessageStore(() => storage.database(), storage.dialect);
  });

  const conversation = () => storedConversation(storage, AT);

  function reply(conversationId: string, text: string, at = AT) {
    return store.append({
      id: randomUUID(),
      conversationId,
      text,
      staffName: '佐藤',
      channel: 'web',
      createdAt: at,
    });
  }

  test('a reply is the next message of the transcript, unread, and the conversation remembers it', async () => {
    const id = await conversation();
    expect((await storage.getConversation(id))?.staffReplyAt).toBeNull();
    await storage.appendShopperMessage({
      id: randomUUID(),
      conversationId: id,
      clientSeq: 1,
      text: 'こんにちは',
      createdAt: AT,
    });
    const stored = await reply(id, 'お待たせしました。');
    expect(stored).toMatchObject({ seq: 2, role: 'staff', text: 'お待たせしました。' });
    const listed = await storage.listMessages(id);
    expect(listed.map((m) => [m.seq, m.role])).toEqual([
      [1, 'shopper'],
      [2, 'staff'],
    ]);
    expect(staffPayloadOf(listed[1]!)).toEqual({ staffName: '佐藤', channel: 'web', seenAt: null });
    expect((await storage.getConversation(id))?.staffReplyAt).toEqual(AT);
  });

  test('reads the staff messages after a seq, and marks those up to a seq seen once', async () => {
    const id = await conversation();
    const first = await reply(id, '一通目');
    await storage.appendShopperMessage({
      id: randomUUID(),
      conversationId: id,
      clientSeq: 1,
      text: 'はい',
      createdAt: AT,
    });
    const second = await reply(id, '二通目');
    expect((await store.after(id, 0)).map((m) => m.text)).toEqual(['一通目', '二通目']);
    expect((await store.after(id, first.seq)).map((m) => m.text)).toEqual(['二通目']);
    const seenAt = new Date('2026-12-04T02:00:00.000Z');
    expect(await store.markSeen(id, first.seq, seenAt)).toBe(1);
    expect(await store.markSeen(id, second.seq, seenAt)).toBe(1);
    expect(await store.markSeen(id, second.seq, new Date())).toBe(0);
    const seen = (await store.after(id, 0)).map((m) => staffPayloadOf(m).seenAt);
    expect(seen).toEqual([seenAt.toISOString(), seenAt.toISOString()]);
  });

  test('the shopper answering re-opens the newest escalation when it is resolved, and only then', async () => {
    const id = await conversation();
    const review = new EscalationReviewStore(() => storage.database());
    expect(await store.reopenAnswered(id)).toBeUndefined();
    const escalationId = randomUUID();
    await storage.createEscalationWithMail(
      {
        id: escalationId,
        conversationId: id,
        reason: 'user-requested',
        intent: null,
        score: null,
        email: 'hanako@example.jp',
        summary: null,
        createdAt: AT,
      },
      [],
    );
    expect(await store.reopenAnswered(id)).toBeUndefined();
    const staff = await storage.database().selectFrom('staff_users').select('id').executeTakeFirst();
    await review.resolve(escalationId, staff?.id ?? randomUUID(), AT);
    expect((await review.get(escalationId))?.status).toBe('resolved');
    expect(await store.reopenAnswered(id)).toBe(escalationId);
    expect(await review.get(escalationId)).toMatchObject({
      status: 'open',
      resolvedAt: null,
      resolvedBy: null,
    });
  });

  test('many replies and chat appends at once keep the seq gapless', async () => {
    const id = await conversation();
    await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => reply(id, `staff ${i}`)),
      ...Array.from({ length: 5 }, (_, i) =>
        storage.appendShopperMessage({
          id: randomUUID(),
          conversationId: id,
          clientSeq: i + 1,
          text: `s ${i}`,
          createdAt: AT,
        }),
      ),
    ]);
    expect((await storage.listMessages(id)).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
