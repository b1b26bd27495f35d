/**
 * PostgreSQL's group commit of message exchanges, on a real server: the exchanges of one event-loop turn
 * are one statement, each keeps its own outcome (a retried message, an unknown conversation, a broken
 * constraint), a conversation's two exchanges of one turn are stored in order, exchanges asked while
 * statements are out wait and leave together, and the statements of a turn are split by conversation
 * and size.
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { type CompiledQuery, sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { newBotMessage, newShopperMessage } from '../../../server/storage/message-table.ts';
import { PostgresAppends } from '../../../server/storage/postgres-appends.ts';
import { MAX_EXCHANGES_PER_STATEMENT, roundsOf } from '../../../server/storage/postgres-exchange-batch.ts';
import {
  type Exchange,
  exchangesParameter,
  exchangesSql,
} from '../../../server/storage/postgres-message-sql.ts';
import type { ConversationPatch } from '../../../server/storage/repository.ts';
import { kyselyStatementRunner, type StatementRunner } from '../../../server/storage/statement-runner.ts';
import { MAX_FLUSHES_IN_FLIGHT } from '../../../server/storage/turn-queue.ts';
import { storedConversation } from '../../helpers/chat-rows.ts';
import { postgresBackend, useStorage } from '../../helpers/storage-backends.ts';

const AT = new Date('2026-12-04T14:40:00.000Z');

describe('PostgreSQL exchanges of one turn', () => {
  const backend = postgresBackend();
  const storage = useStorage(backend);
  let statements: string[];
  let appends: PostgresAppends;
  /** While set, statements wait for it before they run. */
  let gate: Promise<void> | undefined;

  beforeAll(async () => {
    const db = () => storage.database();
    const inner = kyselyStatementRunner(db);
    const counting: StatementRunner = async (query: CompiledQuery) => {
      statements.push(query.sql);
      await gate;
      return inner(query);
    };
    appends = new PostgresAppends(db, counting);
  });

  const conversation = () => storedConversation(storage, AT);

  const exchange = (
    conversationId: string,
    clientSeq: number,
    text: string,
    replyId: string = randomUUID(),
  ) => {
    const shopperId = randomUUID();
    return [
      { id: shopperId, conversationId, clientSeq, text, createdAt: AT },
      {
        id: replyId,
        conversationId,
        replyTo: shopperId,
        text: `${text}への答え`,
        decision: 'answer' as const,
        intent: 'subscription.cancel',
        score: 0.9,
        payload: null,
        createdAt: AT,
      },
      { state: { turn: clientSeq }, updatedAt: AT } as ConversationPatch,
    ] as const;
  };

  it('stores the exchanges of three chats in one statement, each with its own seqs and state', async () => {
    const ids = [await conversation(), await conversation(), await conversation()];
    statements = [];
    const results = await Promise.all(
      ids.map((id, i) => appends.appendExchange(...exchange(id, 1, `解約${i}`))),
    );
    expect(statements).toHaveLength(1);
    for (const [i, id] of ids.entries()) {
      expect(results[i]).toMatchObject({ duplicate: false, message: { seq: 1 }, reply: { seq: 2 } });
      expect((await storage.listMessages(id)).map((m) => [m.seq, m.text])).toEqual([
        [1, `解約${i}`],
        [2, `解約${i}への答え`],
      ]);
      expect((await storage.getConversation(id))?.state).toEqual({ turn: 1 });
    }
  });

  it('applies each exchange’s own patch in one statement: the columns it sets, null included, and no others', async () => {
    const [withEmail, cleared, stateOnly] = [
      await conversation(),
      await conversation(),
      await conversation(),
    ];
    await storage.updateConversation(cleared, { email: 'before@example.com', updatedAt: AT });
    await storage.updateConversation(stateOnly, {
      email: 'kept@example.com',
      state: { old: true },
      updatedAt: AT,
    });
    const later = new Date(AT.getTime() + 60_000);
    const [a, b, c] = [
      exchange(withEmail, 1, 'メール'),
      exchange(cleared, 1, '消す'),
      exchange(stateOnly, 1, '状態'),
    ];
    statements = [];
    await Promise.all([
      appends.appendExchange(a[0], a[1], { email: 'new@example.com', locale: 'en', updatedAt: later }),
      appends.appendExchange(b[0], b[1], { email: null, state: { step: 'ask' }, updatedAt: later }),
      appends.appendExchange(c[0], c[1], { state: { nested: { list: [1, '二'] } }, updatedAt: later }),
    ]);
    expect(statements).toHaveLength(1);
    expect(await storage.getConversation(withEmail)).toMatchObject({
      email: 'new@example.com',
      locale: 'en',
      state: {},
      updatedAt: later,
    });
    expect(await storage.getConversation(cleared)).toMatchObject({ email: null, state: { step: 'ask' } });
    expect(await storage.getConversation(stateOnly)).toMatchObject({
      email: 'kept@example.com',
      locale: 'ja',
      state: { nested: { list: [1, '二'] } },
    });
    const [, reply] = await storage.listMessages(withEmail);
    expect(reply).toMatchObject({ role: 'bot', replyTo: a[0].id, intent: 'subscription.cancel', score: 0.9 });
  });

  it('stores a lone surrogate as U+FFFD and a typed backslash-u as typed, in the shared statement', async () => {
    const [lone, typed] = [await conversation(), await conversation()];
    statements = [];
    await Promise.all([
      appends.appendExchange(...exchange(lone, 1, 'a\uD800b')),
      appends.appendExchange(...exchange(typed, 1, 'c\\ud800d')),
    ]);
    expect(statements).toHaveLength(1);
    expect((await storage.listMessages(lone))[0]!.text).toBe('a\uFFFDb');
    expect((await storage.listMessages(typed))[0]!.text).toBe('c\\ud800d');
  });

  it('answers a retried message with the first one and an unknown conversation with an error, alone', async () => {
    const [retried, fresh] = [await conversation(), await conversation()];
    const first = await appends.appendExchange(...exchange(retried, 1, '一回目'));
    statements = [];
    const [again, unknown, stored] = await Promise.allSettled([
      appends.appendExchange(...exchange(retried, 1, '一回目')),
      appends.appendExchange(...exchange(randomUUID(), 1, '迷子')),
      appends.appendExchange(...exchange(fresh, 1, '新しい')),
    ]);
    expect(again).toMatchObject({
      status: 'fulfilled',
      value: { duplicate: true, message: { id: first.message.id } },
    });
    expect(unknown).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringContaining('unknown conversation') },
    });
    expect(stored).toMatchObject({ status: 'fulfilled', value: { duplicate: false, message: { seq: 1 } } });
    expect(await storage.listMessages(retried)).toHaveLength(2);
  });

  it('keeps one exchange’s broken constraint its own: the others of the turn are stored', async () => {
    const [a, b, c] = [await conversation(), await conversation(), await conversation()];
    const taken = await appends.appendExchange(...exchange(a, 1, 'はじめ'));
    if (taken.duplicate) throw new Error('the first exchange was stored before');
    statements = [];
    // The reply's id is one that exists: the shared statement fails as a whole, each then runs alone.
    const [broken, ok1, ok2] = await Promise.allSettled([
      appends.appendExchange(...exchange(b, 1, '重複', taken.reply.id)),
      appends.appendExchange(...exchange(a, 2, '二回目')),
      appends.appendExchange(...exchange(c, 1, '別の人')),
    ]);
    expect(broken.status).toBe('rejected');
    expect(await storage.listMessages(b)).toEqual([]);
    expect(ok1).toMatchObject({ status: 'fulfilled', value: { message: { seq: 3 } } });
    expect(ok2).toMatchObject({ status: 'fulfilled', value: { message: { seq: 1 } } });
    expect(statements.length).toBeGreaterThan(1);
  });

  it(`sends the exchanges asked while ${MAX_FLUSHES_IN_FLIGHT} statements are out together, when one comes back`, async () => {
    const ids = await Promise.all(Array.from({ length: MAX_FLUSHES_IN_FLIGHT + 3 }, () => conversation()));
    statements = [];
    let open = () => {};
    gate = new Promise((resolve) => {
      open = resolve;
    });
    const results: Promise<unknown>[] = [];
    for (const [i, id] of ids.entries()) {
      results.push(appends.appendExchange(...exchange(id, 1, `順番${i}`)));
      await nextTurn();
    }
    // One statement per turn until MAX_FLUSHES_IN_FLIGHT are out; the three after them wait.
    expect(statements).toHaveLength(MAX_FLUSHES_IN_FLIGHT);
    gate = undefined;
    open();
    await Promise.all(results);
    expect(statements).toHaveLength(MAX_FLUSHES_IN_FLIGHT + 1);
    for (const id of ids) expect(await storage.listMessages(id)).toHaveLength(2);
  });

  it('stores two exchanges of one conversation asked in one turn in the order asked', async () => {
    const id = await conversation();
    statements = [];
    const [first, second] = await Promise.all([
      appends.appendExchange(...exchange(id, 1, 'まず')),
      appends.appendExchange(...exchange(id, 2, 'つぎ')),
    ]);
    expect([first.message.seq, second.message.seq]).toEqual([1, 3]);
    expect((await storage.listMessages(id)).map((m) => m.text)).toEqual([
      'まず',
      'まずへの答え',
      'つぎ',
      'つぎへの答え',
    ]);
    expect(statements).toHaveLength(2);
  });

  /** Conversations enough that a scan would look cheaper than a hundred lookups (the array's guess). */
  const addConversations = (prefix: string) =>
    sql`insert into conversations (id, token_hash, locale, state, created_at, updated_at)
      select ${prefix} || n, ${prefix} || 'hash-' || n, 'ja', '{}'::jsonb, now(), now()
        from generate_series(1, 5000) as n`.execute(storage.database());

  /**
   * The generic plan of the statement for `count` exchanges, as a pooled connection keeps it: explained
   * once per step of `steps`, on one connection, after that step ran.
   */
  const cachedPlans = async (count: number, steps: (() => Promise<unknown>)[]): Promise<string[]> => {
    const ids = await Promise.all(Array.from({ length: count }, () => conversation()));
    const parameter = exchangesParameter(
      ids.map((id) => {
        const [shopper, reply, patch] = exchange(id, 1, '計画');
        return { shopper: newShopperMessage(shopper), reply: newBotMessage(reply), patch };
      }),
    );
    const plans: string[] = [];
    await storage
      .database()
      .connection()
      .execute(async (connection) => {
        await sql`set plan_cache_mode = force_generic_plan`.execute(connection);
        await sql.raw(`prepare exchanges_plan(jsonb) as ${exchangesSql(count)}`).execute(connection);
        for (const step of steps) {
          await step();
          const { rows } = await sql<{
            'QUERY PLAN': string;
          }>`explain (costs off) execute exchanges_plan(${sql.lit(parameter)})`.execute(connection);
          plans.push(rows.map((row) => row['QUERY PLAN']).join('\n'));
        }
        await sql`deallocate exchanges_plan`.execute(connection);
        await sql`reset plan_cache_mode`.execute(connection);
      });
    return plans;
  };

  it('keeps finding conversations by primary key when its plan was made while the table was small', async () => {
    // Made on the handful of conversations of the tests above, then kept (no ANALYZE, as with
    // autovacuum off) while the table grows: one UPDATE of all the patched ids was planned as a scan.
    const plans = await cachedPlans(3, [async () => {}, () => addConversations('grown-')]);
    expect(plans).toHaveLength(2);
    for (const plan of plans) {
      expect(plan).not.toMatch(/Seq Scan on conversations/);
      expect(plan.match(/Index Scan using conversations_pkey on conversations target/g)).toHaveLength(3);
    }
  });

  it('looks conversations up by primary key, also in its generic plan, never scanning them', async () => {
    await addConversations('bulk-');
    await sql`analyze conversations`.execute(storage.database());
    const [plan] = await cachedPlans(1, [async () => {}]);
    expect(plan).toContain('conversations_pkey');
    expect(plan).not.toMatch(/Seq Scan on conversations/);
  });
});

describe('roundsOf', () => {
  const pending = (conversationId: string, patch: ConversationPatch) => ({
    exchange: { shopper: { conversationId }, reply: {}, patch } as unknown as Exchange,
  });

  it('puts a conversation’s later exchanges in later rounds and caps a statement’s size', () => {
    const queued = [
      pending('a', { updatedAt: AT }),
      pending('a', { updatedAt: AT }),
      ...Array.from({ length: MAX_EXCHANGES_PER_STATEMENT + 1 }, (_, i) =>
        pending(`c${i}`, { updatedAt: AT }),
      ),
    ];
    const rounds = roundsOf(queued);
    expect(rounds.map((round) => round.map((statement) => statement.length))).toEqual([
      [MAX_EXCHANGES_PER_STATEMENT, 2],
      [1],
    ]);
    expect(rounds[1]![0]![0]).toBe(queued[1]);
  });
});
