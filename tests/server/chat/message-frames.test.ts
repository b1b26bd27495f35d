import { describe, expect, test } from 'vitest';
import { historyMessage, replyFrame, viewOf } from '../../../server/chat/message-frames.ts';
import type { StoredMessage } from '../../../server/storage/repository.ts';

const BUTTON = { label: '送料', text: '送料は？', intent: 'shipping.fee' };

function stored(overrides: Partial<StoredMessage> = {}): StoredMessage {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    conversationId: 'c',
    seq: 2,
    role: 'bot',
    text: '送料は500円です。',
    clientSeq: null,
    replyTo: '00000000-0000-4000-8000-000000000000',
    decision: 'answer',
    intent: 'shipping.fee',
    score: 0.9,
    payload: { quickReplies: [BUTTON], reason: null, locale: 'en' },
    feedback: null,
    createdAt: new Date('2026-12-01T03:00:00Z'),
    ...overrides,
  };
}

describe('message frames', () => {
  test('a stored reply becomes the reply frame to the given seq, with its stored locale and buttons', () => {
    expect(replyFrame(stored(), 5, 'ja')).toEqual({
      type: 'reply',
      messageId: '00000000-0000-4000-8000-000000000001',
      replyTo: 5,
      decision: 'answer',
      reason: null,
      intent: 'shipping.fee',
      score: 0.9,
      locale: 'en',
      markdown: '送料は500円です。',
      quickReplies: [BUTTON],
      createdAt: '2026-12-01T03:00:00.000Z',
    });
  });

  test("a row stored without a locale is sent in the conversation's", () => {
    expect(replyFrame(stored({ payload: null }), null, 'ja')).toMatchObject({
      locale: 'ja',
      quickReplies: [],
    });
  });

  test('a stored decision outside the reply decisions is sent as none', () => {
    expect(replyFrame(stored({ decision: 'system' }), null, 'ja').decision).toBe('none');
  });

  test('handoff facts are carried by both shapes, and absent when not stored', () => {
    const handoff = { step: 'email' as const };
    const withHandoff = stored({ payload: { quickReplies: [], reason: null, handoff } });
    expect(replyFrame(withHandoff, 1, 'ja').handoff).toEqual(handoff);
    expect(historyMessage(withHandoff).handoff).toEqual(handoff);
    expect('handoff' in historyMessage(stored())).toBe(false);
  });

  test.each([
    { feedback: 1, shown: 'helpful' },
    { feedback: -1, shown: 'not-helpful' },
    { feedback: null, shown: null },
  ])('a history entry shows stored feedback $feedback as $shown', ({ feedback, shown }) => {
    expect(historyMessage(stored({ feedback })).feedback).toBe(shown);
  });

  test('a shopper message in the history keeps its client seq and has no buttons', () => {
    const shopper = stored({ role: 'shopper', clientSeq: 3, decision: null, payload: null, replyTo: null });
    expect(historyMessage(shopper)).toMatchObject({
      role: 'shopper',
      clientSeq: 3,
      quickReplies: [],
      decision: null,
    });
  });

  test('the view reads the payload once for both shapes', () => {
    expect(viewOf(stored())).toMatchObject({ quickReplies: [BUTTON], locale: 'en', handoff: {} });
  });
});
