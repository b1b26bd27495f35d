import { describe, expect, test } from 'vitest';
import {
  answeredSeqs,
  historyEntry,
  noticeEntry,
  outboxEntry,
  replyEntry,
} from '../../../widget/chat/chat-entries.ts';
import { history, reply, uuid } from '../../helpers/widget-chat.ts';

describe('historyEntry', () => {
  test("a shopper's message keeps the key of its outbox line, so the bubble is not drawn again", () => {
    const sent = outboxEntry({ seq: 4, text: '送料は？', createdAt: '2026-11-23T14:40:00.000Z' });
    const restored = historyEntry(history('shopper', 1, 4, '送料は？'));
    expect(restored.key).toBe(sent.key);
    expect(restored).toMatchObject({ id: uuid(1), status: 'sent', seq: 4 });
  });

  test("a bot message is keyed by the server's id and carries its handoff facts", () => {
    const entry = historyEntry({ ...history('bot', 2, null, '承りました'), handoff: { step: 'email' } });
    expect(entry).toMatchObject({ key: `m:${uuid(2)}`, role: 'bot', seq: null });
    expect(entry.handoff.asksEmail).toBe(true);
  });
});

describe('replyEntry', () => {
  test("shows the reply's Markdown under the server's id, not yet rated", () => {
    expect(replyEntry(reply(1, 7, '**550円**です'))).toMatchObject({
      key: `m:${uuid(7)}`,
      id: uuid(7),
      role: 'bot',
      text: '**550円**です',
      feedback: null,
      status: 'sent',
    });
  });
});

describe('outboxEntry', () => {
  test('a waiting message shows as sending, with no server id yet', () => {
    expect(outboxEntry({ seq: 2, text: 'こんにちは', intent: 'greeting', createdAt: 'x' })).toMatchObject({
      key: 's:2',
      id: null,
      role: 'shopper',
      status: 'sending',
      seq: 2,
    });
  });
});

describe('noticeEntry', () => {
  test('the same sentence twice gets two keys', () => {
    const now = new Date('2026-11-23T14:41:00.000Z');
    const first = noticeEntry('速すぎます', 3, now);
    const second = noticeEntry('速すぎます', 4, now);
    expect(first).toMatchObject({ role: 'notice', text: '速すぎます', createdAt: now.toISOString() });
    expect(first.key).not.toBe(second.key);
  });
});

describe('answeredSeqs', () => {
  test('a shopper message is answered when a bot message follows it', () => {
    const messages = [
      history('shopper', 1, 1, '一つ目'),
      history('bot', 2, null, 'answer'),
      history('shopper', 3, 2, '二つ目'),
    ];
    expect([...answeredSeqs(messages)]).toEqual([1]);
  });

  test('messages without a client seq (typed elsewhere) are never counted', () => {
    expect([...answeredSeqs([history('shopper', 1, null, 'x'), history('bot', 2, null, 'y')])]).toEqual([]);
  });
});
