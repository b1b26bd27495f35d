/**
 * PostgreSQL's group commit of message exchanges, on a real server: the exchanges of one event-loop turn
 * are one statement, each keeps its own outcome (a retried message, an unknown conversation, a broken
 * constraint), a conversation's two exchanges of one turn are stored in order, exchanges asked while
 * statements are out wait and leave together, and the statements of a turn are split by conversation,
 * size and patch shape.
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CompiledQuery } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { PostgresAppends } from '../../../server/storage/postgres-appends.ts';
import {
  MAX_EXCHANGES_PER_STATEMENT,
  MAX_FLUSHES_IN_FLIGHT,
  roundsOf,
} from '../../../server/storage/postgres-exchange-batch.ts';
import type { Exchange } from '../../../server/storage/postgres-message-sql.ts';
import type { ConversationPatch } from '../../../server/storage/repository.ts';
import { kyselyStatementRunner, type StatementRunner } from '../../../server/storage/statement-runner.ts';
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

  it('orders a statement’s exchanges by the columns their patch sets, so that its text repeats', () => {
    const withEmail = pending('x', { email: 'a@example.com', updatedAt: AT });
    const stateOnly = pending('y', { updatedAt: AT });
    const [[one]] = roundsOf([withEmail, stateOnly]) as [[(typeof withEmail)[]]];
    const [[two]] = roundsOf([stateOnly, withEmail]) as [[(typeof withEmail)[]]];
    expect(one).toEqual(two);
  });
});
