import { describe, expect, test } from 'vitest';
import { ConversationStore, storageKey } from '../../../widget/chat/conversation-store.ts';
import { CHAT_URL, history, MemoryStore, stored, storeWith, TOKEN } from '../../helpers/widget-chat.ts';

describe('storageKey', () => {
  test('two bots on one site keep two conversations', () => {
    expect(storageKey('wss://a.example/chat')).not.toBe(storageKey('wss://b.example/chat'));
  });
});

describe('ConversationStore', () => {
  test('numbers new messages from 1 and writes them through at once', () => {
    const store = new MemoryStore();
    const conversation = new ConversationStore(CHAT_URL, store);
    conversation.add('一つ目', undefined, '2026-11-23T14:40:00.000Z');
    const second = conversation.add('二つ目', 'shipping.fee', '2026-11-23T14:41:00.000Z');
    expect(second).toEqual({
      seq: 2,
      text: '二つ目',
      intent: 'shipping.fee',
      createdAt: '2026-11-23T14:41:00.000Z',
    });
    expect(stored(store)).toMatchObject({ token: null, seq: 2, outbox: [{ seq: 1 }, { seq: 2 }] });
  });

  test('continues after the larger counter when another tab used seqs meanwhile', () => {
    const store = new MemoryStore();
    const here = new ConversationStore(CHAT_URL, store);
    const otherTab = new ConversationStore(CHAT_URL, store);
    otherTab.add('a', undefined, 'x');
    otherTab.add('b', undefined, 'x');
    expect(here.add('c', undefined, 'x').seq).toBe(3);
  });

  test('reads a damaged entry as a fresh conversation', () => {
    const store = new MemoryStore();
    store.setItem(storageKey(CHAT_URL), JSON.stringify({ token: 7, seq: 'x', outbox: {} }));
    const conversation = new ConversationStore(CHAT_URL, store);
    expect([conversation.token, conversation.outbox]).toEqual([null, []]);
  });

  test('removes an answered message once, and says whether it was waiting', () => {
    const conversation = new ConversationStore(CHAT_URL, undefined);
    conversation.add('送料', undefined, 'x');
    expect(conversation.remove(1)).toBe(true);
    expect(conversation.remove(1)).toBe(false);
    expect(conversation.outbox).toEqual([]);
  });

  test("settles with a welcome's history: answered messages leave, numbering continues after it", () => {
    const store = storeWith({
      token: TOKEN,
      seq: 2,
      outbox: [
        { seq: 1, text: '一つ目', createdAt: 'x' },
        { seq: 2, text: '二つ目', createdAt: 'x' },
      ],
    });
    const conversation = new ConversationStore(CHAT_URL, store);
    const waiting = conversation.settle([history('shopper', 1, 5, '別のタブ')], new Set([1]));
    expect(waiting.map((i) => i.seq)).toEqual([2]);
    expect(stored(store)).toMatchObject({ token: TOKEN, seq: 5, outbox: [{ seq: 2 }] });
  });

  test('forgets a stale token', () => {
    const store = storeWith({ token: TOKEN, seq: 3, outbox: [] });
    new ConversationStore(CHAT_URL, store).setToken(null);
    expect(stored(store)).toEqual({ token: null, seq: 3, outbox: [] });
  });
});
