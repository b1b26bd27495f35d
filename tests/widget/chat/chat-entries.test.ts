import { describe, expect, test } from 'vitest';
import {
  answeredSeqs,
  emailRequest,
  greetingEntry,
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

describe('greetingEntry', () => {
  test("opens the transcript with the bubble's words as the bot's, without a time", () => {
    expect(greetingEntry('こんばんは。')).toMatchObject({
      key: 'greeting',
      role: 'bot',
      text: 'こんばんは。',
      createdAt: null,
    });
  });
});

describe('emailRequest', () => {
  const asking = historyEntry({
    ...history('bot', 2, null, 'メールアドレスを教えてください'),
    handoff: { step: 'email' },
  });

  test("is the latest bot message when it asks for the shopper's address", () => {
    expect(emailRequest([historyEntry(history('shopper', 1, 1, '人と話したい')), asking])).toBe(asking);
  });

  test('a notice after it does not hide the form', () => {
    expect(emailRequest([asking, noticeEntry('速すぎます', 1, new Date())])).toBe(asking);
  });

  test('is gone once the shopper wrote again or the bot moved on', () => {
    expect(emailRequest([asking, historyEntry(history('shopper', 3, 2, 'taro@example.jp'))])).toBeUndefined();
    expect(emailRequest([asking, historyEntry(history('bot', 4, null, 'answer'))])).toBeUndefined();
  });
});
