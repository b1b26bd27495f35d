/**
 * Group commit on SQLite: writes of many chats in one event-loop turn share a transaction, yet each
 * caller sees exactly its own outcome — a failing write (unknown conversation, a constraint broken
 * halfway through an exchange) or a duplicate retry in the same batch does not undo or duplicate
 * anyone else's message, and leaves nothing of itself behind.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sqliteBackend, useStorage } from '../../helpers/storage-backends.ts';

const NOW = new Date('2026-11-23T14:40:00Z');

describe('SQLite hot writes', () => {
  const backend = sqliteBackend();
  const storage = useStorage(backend);

  const newConversation = () =>
    storage.createConversation({ id: randomUUID(), tokenHash: randomUUID(), locale: 'ja', createdAt: NOW });

  it('commits many chats at once and settles each write on its own', async () => {
    const conversations = await Promise.all(Array.from({ length: 40 }, () => newConversation()));
    const writes = conversations.flatMap((c) => [
      storage.appendShopperMessage({
        id: randomUUID(),
        conversationId: c.id,
        clientSeq: 1,
        text: 'a',
        createdAt: NOW,
      }),
      // A retry of the same message in the same turn: stored once.
      storage.appendShopperMessage({
        id: randomUUID(),
        conversationId: c.id,
        clientSeq: 1,
        text: 'a',
        createdAt: NOW,
      }),
    ]);
    const orphan = storage.appendShopperMessage({
      id: randomUUID(),
      conversationId: randomUUID(),
      clientSeq: 1,
      text: 'nobody',
      createdAt: NOW,
    });
    const [results, orphanResult] = await Promise.all([
      Promise.all(writes),
      orphan.then(
        () => 'stored',
        (e: Error) => e.message,
      ),
    ]);
    expect(orphanResult).toMatch(/unknown conversation/);
    expect(results.filter((r) => r.duplicate)).toHaveLength(40);
    for (const c of conversations) {
      const stored = await storage.listMessages(c.id);
      expect(stored.map((m) => [m.seq, m.clientSeq, m.text])).toEqual([[1, 1, 'a']]);
    }
  });

  it('numbers a shopper message and its reply in order within one commit', async () => {
    const c = await newConversation();
    const shopperId = randomUUID();
    const [shopper, bot] = await Promise.all([
      storage.appendShopperMessage({
        id: shopperId,
        conversationId: c.id,
        clientSeq: 7,
        text: '送料は？',
        createdAt: NOW,
      }),
      storage.appendBotMessage({
        id: randomUUID(),
        conversationId: c.id,
        replyTo: shopperId,
        text: '送料は550円です。',
        decision: 'answer',
        intent: 'shipping.fee',
        score: 0.9,
        payload: { quickReplies: [] },
        createdAt: NOW,
      }),
      storage.updateConversation(c.id, { state: { turn: 1 }, email: 'a@example.jp', updatedAt: NOW }),
    ]);
    expect([shopper.message.seq, bot.seq]).toEqual([1, 2]);
    expect((await storage.findReplyTo(shopperId))?.payload).toEqual({ quickReplies: [] });
    expect(await storage.getConversation(c.id)).toMatchObject({ state: { turn: 1 }, email: 'a@example.jp' });
  });

  it('undoes only the write that fails halfway, and commits the rest of its batch', async () => {
    const conversations = await Promise.all(Array.from({ length: 5 }, () => newConversation()));
    const exchange = (conversationId: string, replyId: string) => {
      const shopperId = randomUUID();
      return storage.appendExchange(
        { id: shopperId, conversationId, clientSeq: 1, text: '解約したい', createdAt: NOW },
        {
          id: replyId,
          conversationId,
          replyTo: shopperId,
          text: '承知しました。',
          decision: 'answer',
          intent: 'subscription.cancel',
          score: 0.8,
          payload: null,
          createdAt: NOW,
        },
        { state: { step: 'asked' }, updatedAt: NOW },
      );
    };
    const taken = randomUUID();
    // In one batch: the third exchange's reply reuses the first one's id, so its shopper message is
    // inserted and then the reply breaks the primary key.
    const results = await Promise.allSettled(
      conversations.map((c, i) => exchange(c.id, i === 2 ? taken : i === 0 ? taken : randomUUID())),
    );
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    for (const [i, c] of conversations.entries()) {
      const stored = await storage.listMessages(c.id);
      expect(stored.map((m) => m.role)).toEqual(i === 2 ? [] : ['shopper', 'bot']);
      expect((await storage.getConversation(c.id))?.state).toEqual(i === 2 ? {} : { step: 'asked' });
    }
  });
});
