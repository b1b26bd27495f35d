/**
 * Every write path of the transcript stores the same rows: the same conversation, messages, exchange,
 * patch and retried message written through the portable kysely path and through the fast path of the
 * dialect (SQLite's group-committed hot writes, PostgreSQL's single-statement appends) read back as
 * equal objects and as equal raw rows (the stored text of dates and JSON included). Run on both
 * databases (tests/helpers/storage-backends.ts).
 */
import { randomUUID } from 'node:crypto';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotActionRecord } from '../../../server/storage/bot-action-store.ts';
import type { Database } from '../../../server/storage/database-schema.ts';
import { KyselyStorage } from '../../../server/storage/kysely-storage.ts';
import { KyselyTranscriptWrites } from '../../../server/storage/kysely-transcript-writes.ts';
import { openSqliteDatabase, openStorage } from '../../../server/storage/open-storage.ts';
import { PostgresAppends } from '../../../server/storage/postgres-appends.ts';
import type { Storage } from '../../../server/storage/repository.ts';
import { SqliteHotWrites } from '../../../server/storage/sqlite-hot-writes.ts';
import { kyselyStatementRunner } from '../../../server/storage/statement-runner.ts';
import type { TranscriptWrites } from '../../../server/storage/transcript-writes.ts';
import { type StorageBackend, storageBackends } from '../../helpers/storage-backends.ts';

const CREATED = new Date('2026-11-23T14:40:00.000Z');
const ANSWERED = new Date('2026-11-23T14:40:01.250Z');
const PATCHED = new Date('2026-11-23T14:41:30.500Z');

interface WritePath {
  name: string;
  writes: TranscriptWrites;
}

/**
 * The storage (migrated; it reads), each write path of the backend over the same database, and how to
 * close them all.
 */
async function open(
  backend: StorageBackend,
): Promise<{ storage: Storage; paths: WritePath[]; close: () => Promise<void> }> {
  const options = await backend.setup();
  if (backend.name === 'sqlite') {
    const raw = openSqliteDatabase(options.dataDir);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
    // Without the raw handle the storage itself writes through kysely; the hot path is built here.
    const storage = new KyselyStorage(db, 'sqlite');
    await storage.migrate();
    const hot = new SqliteHotWrites(raw, (fn) => db.connection().execute(fn));
    return {
      storage,
      paths: [
        { name: 'kysely', writes: new KyselyTranscriptWrites(() => db, 'sqlite') },
        { name: 'SQLite hot writes', writes: hot },
      ],
      // The hot path built here is not the storage's own: its checkpoint thread (with a connection of
      // its own to the file) must stop before the directory is removed, or it recreates files in it.
      close: async () => {
        await hot.close();
        await storage.close();
      },
    };
  }
  const storage = await openStorage(options);
  const db = () => storage.database();
  return {
    storage,
    paths: [
      { name: 'kysely', writes: new KyselyTranscriptWrites(db, 'postgres') },
      { name: 'PostgreSQL appends', writes: new PostgresAppends(db, kyselyStatementRunner(db)) },
      // As the server runs them: each statement prepared by name on the storage's pool.
      { name: 'PostgreSQL appends, prepared', writes: new PostgresAppends(db, storage.statements()) },
    ],
    close: () => storage.close(),
  };
}

/** What one path wrote, by the ids it was given. */
interface Written {
  conversationId: string;
  ids: string[];
}

/**
 * The same transcript through one path: a conversation, a shopper message and a bot reply, an exchange
 * with a patch, a retry of the first message, and a patch that forgets the email. Each result must
 * equal what is read back.
 */
async function writeTranscript(storage: Storage, writes: TranscriptWrites): Promise<Written> {
  const ids = Array.from({ length: 4 }, () => randomUUID());
  const [first, reply, second, secondReply] = ids as [string, string, string, string];
  const conversation = await writes.createConversation({
    id: randomUUID(),
    tokenHash: randomUUID(),
    locale: 'ja',
    createdAt: CREATED,
  });
  expect(await storage.getConversation(conversation.id)).toEqual(conversation);
  const conversationId = conversation.id;

  const shopper = { id: first, conversationId, clientSeq: 1, text: '届くのはいつ？', createdAt: CREATED };
  const stored = await writes.appendShopperMessage(shopper);
  const bot = await writes.appendBotMessage({
    id: reply,
    conversationId,
    replyTo: first,
    text: '通常3日で届きます。',
    decision: 'clarify',
    intent: 'shipping.when',
    score: 0.625,
    payload: { quickReplies: ['はい', 'いいえ'], nested: { depth: 2, none: null } },
    createdAt: ANSWERED,
  });
  const exchange = await writes.appendExchange(
    { id: second, conversationId, clientSeq: 2, text: 'email please', createdAt: ANSWERED },
    {
      id: secondReply,
      conversationId,
      replyTo: second,
      text: 'Your address?',
      decision: 'handoff',
      intent: null,
      score: null,
      payload: null,
      createdAt: ANSWERED,
    },
    {
      state: { flow: 'handoff', step: 'email' },
      locale: 'en',
      email: 'Shopper@Example.org',
      updatedAt: PATCHED,
    },
  );
  const retried = await writes.appendShopperMessage({ ...shopper, id: randomUUID() });
  expect(retried).toEqual({ message: stored.message, duplicate: true });

  if (exchange.duplicate) throw new Error('a new exchange was answered as a retry');
  const messages = await storage.listMessages(conversationId);
  expect(messages).toEqual([stored.message, bot, exchange.message, exchange.reply]);
  expect(messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);

  await writes.updateConversation(conversationId, { email: null, updatedAt: PATCHED });
  expect(await storage.getConversation(conversationId)).toEqual({
    ...conversation,
    locale: 'en',
    state: { flow: 'handoff', step: 'email' },
    email: null,
    updatedAt: PATCHED,
  });
  return { conversationId, ids: [conversationId, conversation.tokenHash, ...ids] };
}

/** The raw stored rows of a transcript, with its ids replaced by their position (ids differ per path). */
async function storedRows(storage: Storage, written: Written): Promise<unknown[]> {
  const db = storage.database();
  const conversation = await db
    .selectFrom('conversations')
    .selectAll()
    .where('id', '=', written.conversationId)
    .execute();
  const messages = await db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', written.conversationId)
    .orderBy('seq')
    .execute();
  const anonymous = (value: unknown) => {
    const index = written.ids.indexOf(value as string);
    return index === -1 ? value : `id#${index}`;
  };
  return [...conversation, ...messages].map((row) =>
    Object.fromEntries(Object.entries(row).map(([column, value]) => [column, anonymous(value)])),
  );
}

describe.each(storageBackends())('transcript write paths on $name', (backend) => {
  let storage: Storage;
  let paths: WritePath[];
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ storage, paths, close } = await open(backend));
  });
  afterAll(async () => {
    await close();
    await backend.teardown();
  });

  it('each path reads back what it wrote, and every path stores the same rows', async () => {
    const rows = [];
    for (const path of paths) {
      const written = await writeTranscript(storage, path.writes);
      rows.push({ path: path.name, rows: await storedRows(storage, written) });
    }
    expect(rows).toHaveLength(paths.length);
    const [kysely, ...fast] = rows as [(typeof rows)[0], ...(typeof rows)[0][]];
    // The conversation and four messages; nothing of the retried message.
    expect(kysely.rows).toHaveLength(5);
    expect(fast.length).toBeGreaterThan(0);
    for (const other of fast) expect(other.rows, other.path).toEqual(kysely.rows);
  });

  it('each path stores a new conversation with the first state it is given, and with none an empty one', async () => {
    for (const path of paths) {
      const state = { misses: 0, greeting: { shownAt: CREATED.toISOString() } };
      const greeted = await path.writes.createConversation({
        id: randomUUID(),
        tokenHash: randomUUID(),
        locale: 'ja',
        state,
        createdAt: CREATED,
      });
      expect(greeted.state, path.name).toEqual(state);
      expect(await storage.getConversation(greeted.id), path.name).toEqual(greeted);
      const plain = await path.writes.createConversation({
        id: randomUUID(),
        tokenHash: randomUUID(),
        locale: 'ja',
        createdAt: CREATED,
      });
      expect((await storage.getConversation(plain.id))?.state, path.name).toEqual({});
    }
  });

  /** An audit row of a skip done in `conversationId`. */
  const auditOf = (conversationId: string): BotActionRecord => ({
    id: randomUUID(),
    conversationId,
    actionId: randomUUID(),
    customerId: 'cust-a',
    kind: 'skip',
    subscriptionId: 'sub-a1',
    change: { kind: 'skip' },
    result: 'done',
    code: null,
    createdAt: ANSWERED,
  });

  it('each path commits a reply, its new state and its action’s audit row together, or none of them', async () => {
    for (const path of paths) {
      const conversation = await path.writes.createConversation({
        id: randomUUID(),
        tokenHash: randomUUID(),
        locale: 'ja',
        createdAt: CREATED,
      });
      const conversationId = conversation.id;
      const question = await path.writes.appendShopperMessage({
        id: randomUUID(),
        conversationId,
        clientSeq: 1,
        text: '手続きする',
        createdAt: CREATED,
      });
      const reply = (text: string) => ({
        id: randomUUID(),
        conversationId,
        replyTo: question.message.id,
        text,
        decision: 'answer' as const,
        intent: 'subscription.skip',
        score: null,
        payload: { action: { ok: true } },
        createdAt: ANSWERED,
      });
      const patch = { state: { misses: 0 }, updatedAt: PATCHED };

      // The audit row cannot be stored (its conversation does not exist): the reply and state neither.
      await expect(
        path.writes.appendReply(reply('手続きが完了しました。'), patch, auditOf(randomUUID())),
        path.name,
      ).rejects.toThrow();
      expect(await storage.listMessages(conversationId), path.name).toEqual([question.message]);
      expect(await storage.getConversation(conversationId), path.name).toEqual(conversation);

      const audit = auditOf(conversationId);
      const done = await path.writes.appendReply(reply('手続きが完了しました。'), patch, audit);
      expect(done, path.name).toMatchObject({ seq: 2, replyTo: question.message.id });
      expect(await storage.listMessages(conversationId), path.name).toEqual([question.message, done]);
      expect(await storage.getConversation(conversationId), path.name).toEqual({
        ...conversation,
        state: { misses: 0 },
        updatedAt: PATCHED,
      });
      expect(await storage.listBotActions({ conversationId }), path.name).toEqual([audit]);

      // A reply without an action writes no audit row; a repeated audit id writes no second one.
      const plain = await path.writes.appendReply(reply('ほかにご用件は？'), patch);
      expect(plain.seq, path.name).toBe(3);
      await path.writes.appendReply(reply('もう一度'), patch, audit);
      expect(await storage.listBotActions({ conversationId }), path.name).toEqual([audit]);
    }
  });
});
