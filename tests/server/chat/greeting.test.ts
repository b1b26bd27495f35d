import { describe, expect, test } from 'vitest';
import { ConversationBinding } from '../../../server/chat/conversation-binding.ts';
import { dismissGreeting, offerGreeting } from '../../../server/chat/greeting.ts';
import type { Conversation, ConversationPatch } from '../../../server/storage/repository.ts';
import { jst, SHOP_CALENDAR } from '../../bot/calendar/fixtures.ts';

const NOW = jst('2026-12-01T10:30');

function conversation(state: Record<string, unknown> = {}): Conversation {
  return {
    id: 'c-1',
    tokenHash: 'h',
    locale: 'ja',
    state,
    email: null,
    customerId: null,
    channel: 'web',
    staffReplyAt: null,
    createdAt: NOW,
    updatedAt: NOW,
  };
}

function deps(writes: ConversationPatch[]) {
  return {
    storage: {
      async updateConversation(_id: string, patch: ConversationPatch) {
        writes.push(patch);
      },
    },
    calendar: SHOP_CALENDAR,
    now: () => NOW,
  };
}

describe('greeting step', () => {
  test('offers a greeting once and records it as shown, in the stored state and the binding', async () => {
    const writes: ConversationPatch[] = [];
    const binding = new ConversationBinding();
    const fresh = conversation({ misses: 1 });
    binding.bind(fresh, 'ja');
    expect(await offerGreeting(deps(writes), binding, fresh, false)).toEqual(expect.any(String));
    const shown = { misses: 1, greeting: { shownAt: NOW.toISOString() } };
    expect(writes).toEqual([{ state: shown, updatedAt: NOW }]);
    expect(binding.conversation?.state).toEqual(shown);
  });

  test.each([
    { name: 'already shown', state: { greeting: { shownAt: NOW.toISOString() } }, written: false },
    { name: 'the shopper has written', state: {}, written: true },
  ])('offers nothing and records nothing when $name', async ({ state, written }) => {
    const writes: ConversationPatch[] = [];
    const binding = new ConversationBinding();
    expect(await offerGreeting(deps(writes), binding, conversation(state), written)).toBeNull();
    expect(writes).toEqual([]);
  });

  test('a dismissal is recorded once, and not at all before a conversation exists', async () => {
    const writes: ConversationPatch[] = [];
    const binding = new ConversationBinding();
    await dismissGreeting(deps(writes), binding);
    expect(writes).toEqual([]);
    binding.bind(conversation(), 'ja');
    await dismissGreeting(deps(writes), binding);
    await dismissGreeting(deps(writes), binding);
    expect(writes).toEqual([
      { state: { misses: 0, greeting: { dismissedAt: NOW.toISOString() } }, updatedAt: NOW },
    ]);
  });
});
