import { describe, expect, test } from 'vitest';
import { readConversationState, storedState } from '../../../server/chat/conversation-state.ts';

describe('readConversationState', () => {
  test('a new conversation has an empty state', () => {
    expect(readConversationState({})).toEqual({});
  });

  test('a state the bot wrote reads back as written', () => {
    const state = {
      misses: 2,
      greeting: { shownAt: '2026-12-01T03:00:00.000Z' },
      flow: { name: 'cancellation', step: 'reason' },
      handoff: { id: 'h', step: 'email' },
      lastAnswer: { messageId: 'm', intent: 'shipping.fee' },
    };
    expect(readConversationState(state)).toEqual(state);
  });

  test.each([
    { name: 'a negative miss count', stored: { misses: -1 }, read: {} },
    { name: 'a miss count as text', stored: { misses: '2' }, read: {} },
    { name: 'a flow that is not an object', stored: { flow: 'cancellation' }, read: {} },
    { name: 'a handoff as a list', stored: { handoff: [] }, read: {} },
    {
      name: 'a greeting with a timestamp that is not text',
      stored: { greeting: { shownAt: 5, dismissedAt: '2026-12-01T03:00:00.000Z' } },
      read: { greeting: { dismissedAt: '2026-12-01T03:00:00.000Z' } },
    },
  ])('$name is dropped, so the bot starts that part afresh', ({ stored, read }) => {
    expect(readConversationState(stored)).toEqual(read);
  });

  test('fields the state does not have are not read', () => {
    expect(readConversationState({ misses: 1, somethingElse: true })).toEqual({ misses: 1 });
  });
});

describe('storedState', () => {
  test('stores the same fields as a plain record', () => {
    const state = { misses: 0, greeting: { dismissedAt: '2026-12-01T03:00:00.000Z' } };
    expect(storedState(state)).toEqual(state);
  });
});
