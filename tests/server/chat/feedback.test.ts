import { describe, expect, test } from 'vitest';
import { ConversationBinding } from '../../../server/chat/conversation-binding.ts';
import { recordFeedback } from '../../../server/chat/feedback.ts';
import type { ServerFrame } from '../../../server/schemas/protocol.ts';

const NOW = new Date('2026-12-01T03:00:00Z');

function setup(known: boolean) {
  const sent: ServerFrame[] = [];
  const calls: [string, string, number][] = [];
  const deps = {
    storage: {
      async setFeedback(conversationId: string, messageId: string, value: 1 | -1) {
        calls.push([conversationId, messageId, value]);
        return known;
      },
    },
    maxTextLength: 200,
    send: (frame: ServerFrame) => sent.push(frame),
  };
  return { sent, calls, deps };
}

describe('recordFeedback', () => {
  test.each([
    { value: 'helpful', stored: 1 },
    { value: 'not-helpful', stored: -1 },
  ] as const)(
    'stores $value as $stored on the bound conversation and acknowledges it',
    async ({ value, stored }) => {
      const { sent, calls, deps } = setup(true);
      const binding = new ConversationBinding();
      binding.bind(
        {
          id: 'c-1',
          tokenHash: 'h',
          locale: 'ja',
          state: {},
          email: null,
          customerId: null,
          channel: 'web',
          staffReplyAt: null,
          createdAt: NOW,
          updatedAt: NOW,
        },
        'ja',
      );
      await recordFeedback(deps, binding, 'm-1', value);
      expect(calls).toEqual([['c-1', 'm-1', stored]]);
      expect(sent).toEqual([{ type: 'feedback-ack', messageId: 'm-1', value }]);
    },
  );

  test('a message of no bound conversation is unknown, and nothing is asked of storage', async () => {
    const { sent, calls, deps } = setup(true);
    await recordFeedback(deps, new ConversationBinding(), 'm-1', 'helpful');
    expect(calls).toEqual([]);
    expect(sent[0]).toMatchObject({ type: 'error', code: 'CHAT_ERR_UNKNOWN_MESSAGE', seq: null });
  });

  test('a message storage does not know in this conversation is unknown', async () => {
    const { sent, deps } = setup(false);
    const binding = new ConversationBinding();
    binding.bind(
      {
        id: 'c-1',
        tokenHash: 'h',
        locale: 'en',
        state: {},
        email: null,
        customerId: null,
        channel: 'web',
        staffReplyAt: null,
        createdAt: NOW,
        updatedAt: NOW,
      },
      'en',
    );
    await recordFeedback(deps, binding, 'm-2', 'helpful');
    expect(sent[0]).toMatchObject({ type: 'error', code: 'CHAT_ERR_UNKNOWN_MESSAGE' });
  });
});
