/**
 * Group commit on SQLite: writes of many chats in one event-loop turn share a transaction, yet each
 * caller sees exactly its own outcome — a failing write (unknown conversation, a constraint broken
 * halfway through an exchange) or a duplicate retry in the same batch does not undo or duplicate
 * anyone else's message, and leaves nothing of itself behind. While another connection (another process
 * of a cluster, a CLI) holds the write lock, a batch waits without blocking the event loop.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteDatabase, openStorage, SQLITE_FILE_NAME } from '../../../server/storage/open-storage.ts';
import type { Storage } from '../../../server/storage/repository.ts';
import { SqliteHotWrites } from '../../../server/storage/sqlite-hot-writes.ts';
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

describe('SQLite hot writes while another connection holds the write lock', () => {
  const backend = sqliteBackend();
  let storage: Storage;
  let dataDir = '';

  beforeAll(async () => {
    dataDir = (await backend.setup()).dataDir;
    // Migrated schema; the hot writes under test get their own connection to the same file.
    storage = await openStorage({ dataDir });
  });
  afterAll(async () => {
    await storage.close();
    await backend.teardown();
  });

  /** Hot writes on a connection of their own, with this busy timeout, and another connection. */
  function connections(busyTimeoutMs: number) {
    const raw = openSqliteDatabase(dataDir);
    raw.pragma(`busy_timeout = ${busyTimeoutMs}`);
    const hot = new SqliteHotWrites(raw, (fn) => fn());
    const other = new SqliteDatabase(path.join(dataDir, SQLITE_FILE_NAME));
    return {
      hot,
      other,
      close: async () => {
        other.close();
        await hot.close();
        raw.close();
      },
    };
  }

  const message = (conversationId: string) => ({
    id: randomUUID(),
    conversationId,
    clientSeq: 1,
    text: '周期を変えたい',
    createdAt: NOW,
  });

  const conversation = () =>
    storage.createConversation({ id: randomUUID(), tokenHash: randomUUID(), locale: 'ja', createdAt: NOW });

  const outcome = (promise: Promise<unknown>) => {
    const state: { status: 'pending' | 'fulfilled' | 'rejected'; error?: unknown } = { status: 'pending' };
    promise.then(
      () => (state.status = 'fulfilled'),
      (error: unknown) => Object.assign(state, { status: 'rejected', error }),
    );
    return state;
  };

  it('keeps the event loop turning while it waits, and commits once the lock is free', async () => {
    const { hot, other, close } = connections(5000);
    const { id } = await conversation();
    other.prepare('begin immediate').run();
    const write = outcome(hot.appendShopperMessage(message(id)));
    // Blocked in SQLite's busy handler, this thread would not run these timers before the busy timeout
    // ran out, and the write would have failed with SQLITE_BUSY by then.
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(write.status).toBe('pending');
    other.prepare('commit').run();
    for (let i = 0; i < 200 && write.status === 'pending'; i++) await new Promise((r) => setTimeout(r, 5));
    expect(write.status).toBe('fulfilled');
    expect((await storage.listMessages(id)).map((m) => m.text)).toEqual(['周期を変えたい']);
    await close();
  });

  it('fails with SQLITE_BUSY once the lock stayed taken for the busy timeout, then writes again', async () => {
    const { hot, other, close } = connections(50);
    const { id } = await conversation();
    other.prepare('begin immediate').run();
    const write = outcome(hot.appendShopperMessage(message(id)));
    for (let i = 0; i < 200 && write.status === 'pending'; i++) await new Promise((r) => setTimeout(r, 5));
    expect(write.status).toBe('rejected');
    expect((write.error as { code?: string }).code).toBe('SQLITE_BUSY');
    other.prepare('commit').run();
    const again = await hot.appendShopperMessage(message(id));
    expect(again.message.seq).toBe(1);
    await close();
  });
});
