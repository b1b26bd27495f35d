/**
 * One session's live staff replies (staff-delivery.ts) over an in-memory news registry and store: a
 * notice sends the staff messages stored after the last one shown, never one twice, none of the
 * welcome's history, and nothing of a conversation the session no longer follows.
 */
import { describe, expect, test } from 'vitest';
import { StaffDelivery } from '../../../server/chat/staff-delivery.ts';
import { NewsRegistry } from '../../../server/conversation-news/news-registry.ts';
import type { ServerFrame } from '../../../server/schemas/protocol.ts';
import type { StoredMessage } from '../../../server/storage/repository.ts';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function staffMessage(conversationId: string, seq: number): StoredMessage {
  return {
    id: uuid(seq),
    conversationId,
    seq,
    role: 'staff',
    text: `${conversationId} staff ${seq}`,
    clientSeq: null,
    replyTo: null,
    decision: null,
    intent: null,
    score: null,
    payload: { staffName: '佐藤', channel: 'web', seenAt: null },
    feedback: null,
    createdAt: new Date('2026-12-04T01:00:00Z'),
  };
}

function setup() {
  const stored: StoredMessage[] = [];
  const news = new NewsRegistry();
  const frames: ServerFrame[] = [];
  const work: Promise<void>[] = [];
  const delivered: Date[] = [];
  const delivery = new StaffDelivery(
    {
      staffMessages: {
        after: async (conversationId, afterSeq) =>
          stored.filter((m) => m.conversationId === conversationId && m.seq > afterSeq),
      },
      news,
    },
    (task) => work.push(task()),
    (frame) => frames.push(frame),
    (at) => delivered.push(at),
  );
  const settled = () => Promise.all(work);
  return { stored, news, frames, delivery, settled, delivered };
}

describe('StaffDelivery', () => {
  test('a notice sends the new staff messages once, after the history the welcome showed', async () => {
    const { stored, news, frames, delivery, settled, delivered } = setup();
    delivery.follow('c-1');
    stored.push(staffMessage('c-1', 3));
    delivery.shown([{ seq: 3 } as never]);
    stored.push(staffMessage('c-1', 5));
    news.deliver('c-1');
    news.deliver('c-1');
    await settled();
    expect(frames.map((f) => f.type === 'staff-reply' && [f.message.seq, f.message.unread])).toEqual([
      [5, true],
    ]);
    expect(delivered).toHaveLength(1);
  });

  test('follows one conversation at a time and stops when told', async () => {
    const { stored, news, frames, delivery, settled } = setup();
    delivery.follow('c-1');
    delivery.follow('c-2');
    stored.push(staffMessage('c-1', 1), staffMessage('c-2', 1));
    news.deliver('c-1');
    news.deliver('c-2');
    await settled();
    expect(frames.map((f) => f.type === 'staff-reply' && f.message.text)).toEqual(['c-2 staff 1']);
    delivery.stop();
    stored.push(staffMessage('c-2', 2));
    news.deliver('c-2');
    await settled();
    expect(frames).toHaveLength(1);
    expect(news.size).toBe(0);
  });
});
