import { describe, expect, test } from 'vitest';
import { ConversationBinding } from '../../../server/chat/conversation-binding.ts';
import type { Conversation } from '../../../server/storage/repository.ts';

const CONVERSATION: Conversation = {
  id: 'c-1',
  tokenHash: 'h',
  locale: 'ja',
  state: {},
  email: null,
  customerId: null,
  channel: 'web',
  staffReplyAt: null,
  createdAt: new Date('2026-12-01T00:00:00Z'),
  updatedAt: new Date('2026-12-01T00:00:00Z'),
};

describe('ConversationBinding', () => {
  test('is unbound and Japanese until a conversation is bound', () => {
    const binding = new ConversationBinding();
    expect(binding.conversation).toBeUndefined();
    expect(binding.conversationId).toBeUndefined();
    expect(binding.locale).toBe('ja');
  });

  test('binding sets the conversation and the locale of the replies', () => {
    const binding = new ConversationBinding();
    binding.bind(CONVERSATION, 'en');
    expect(binding.conversationId).toBe('c-1');
    expect(binding.locale).toBe('en');
  });

  test('a stored patch is applied to the copy, and its locale becomes the replies’ locale', () => {
    const binding = new ConversationBinding();
    binding.bind(CONVERSATION, 'ja');
    const updatedAt = new Date('2026-12-01T01:00:00Z');
    const next = binding.apply(CONVERSATION, {
      state: { misses: 1 },
      locale: 'en',
      email: 'a@example.jp',
      updatedAt,
    });
    expect(next).toEqual({
      ...CONVERSATION,
      state: { misses: 1 },
      locale: 'en',
      email: 'a@example.jp',
      updatedAt,
    });
    expect(binding.conversation).toEqual(next);
    expect(binding.locale).toBe('en');
  });

  test('a patch without a locale keeps the replies’ locale', () => {
    const binding = new ConversationBinding();
    binding.bind(CONVERSATION, 'en');
    binding.apply(CONVERSATION, { state: {}, updatedAt: new Date() });
    expect(binding.locale).toBe('en');
  });
});
