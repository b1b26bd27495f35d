/**
 * PostgreSQL's group commit for the chat's message exchanges: the exchanges asked for in one event-loop
 * turn go to the server as one statement (postgres-message-sql.ts exchangesSql), one round trip and one
 * commit instead of one of each per exchange. A CPU profile of the PostgreSQL closed loop showed a third
 * of the chat's main thread writing to sockets, mostly one write per statement.
 *
 * Each exchange keeps its all-or-nothing: its three steps depend on each other inside the statement, and
 * the statement commits whole. An exchange that inserted nothing (a retried message, an unknown
 * conversation) runs again alone, which answers it as the single path does. When the statement fails
 * (another writer took a conversation's next seq, any broken constraint), nothing of it was written and
 * every exchange runs alone, so one exchange's failure is only its own. Two exchanges of one conversation
 * in one turn would take the same seq: the later ones wait for the next statement.
 *
 * At most MAX_FLUSHES_IN_FLIGHT turns' statements are out at once (turn-queue.ts); exchanges asked for
 * meanwhile leave together when one comes back.
 */
import { CompiledQuery } from 'kysely';
import { type Exchange, exchangeStored, exchangesParameter, exchangesSql } from './postgres-message-sql.ts';
import type { AppendExchangeResult } from './repository.ts';
import type { StatementRunner } from './statement-runner.ts';
import { TurnQueue } from './turn-queue.ts';

interface Pending {
  exchange: Exchange;
  resolve: (result: AppendExchangeResult) => void;
  reject: (error: unknown) => void;
}

/** At most this many exchanges per statement (a statement's row locks are held until it commits). */
export const MAX_EXCHANGES_PER_STATEMENT = 8;

export class PostgresExchangeBatch {
  private readonly queue = new TurnQueue<Pending>((queued) => this.flushRounds(roundsOf(queued)));

  constructor(
    private readonly run: StatementRunner,
    /** Stores one exchange in a statement of its own. */
    private readonly single: (exchange: Exchange) => Promise<AppendExchangeResult>,
  ) {}

  /** Stores `exchange` with the others of this event-loop turn; resolves after the commit. */
  append(exchange: Exchange): Promise<AppendExchangeResult> {
    return new Promise((resolve, reject) => this.queue.push({ exchange, resolve, reject }));
  }

  /** A round's statements run side by side; the next round (a conversation's later exchange) after them. */
  private async flushRounds(rounds: Pending[][][]): Promise<void> {
    for (const statements of rounds) await Promise.all(statements.map((batch) => this.flush(batch)));
  }

  /** Runs one statement's exchanges; settles each caller (never rejects itself). */
  private async flush(batch: Pending[]): Promise<void> {
    const alone = (p: Pending) => this.single(p.exchange).then(p.resolve, p.reject);
    if (batch.length === 1) return alone(batch[0]!);
    let rows: { i: number; seq: number }[];
    try {
      rows = await this.run<{ i: number; seq: number }>(
        CompiledQuery.raw(exchangesSql(batch.length), [exchangesParameter(batch.map((p) => p.exchange))]),
      );
    } catch {
      // Nothing of the statement was written: each exchange alone, with its own outcome.
      await Promise.all(batch.map(alone));
      return;
    }
    const stored = new Map(rows.map((row) => [Number(row.i), Number(row.seq)]));
    await Promise.all(
      batch.map((p, k) => {
        const seq = stored.get(k);
        if (seq !== undefined) return p.resolve(exchangeStored(p.exchange, seq));
        // Inserted nothing: a retried message (answered with the first) or an unknown conversation.
        return alone(p);
      }),
    );
  }
}

/**
 * Splits one turn's exchanges into rounds of statements: a conversation's first exchange in the first
 * round, its second in the next (in the order asked), at most MAX_EXCHANGES_PER_STATEMENT per statement.
 */
export function roundsOf<T extends { exchange: Exchange }>(queued: T[]): T[][][] {
  const rounds: T[][] = [];
  const roundOf = new Map<string, number>();
  for (const p of queued) {
    const conversation = p.exchange.shopper.conversationId;
    const round = roundOf.get(conversation) ?? 0;
    roundOf.set(conversation, round + 1);
    if (rounds[round] === undefined) rounds[round] = [];
    rounds[round].push(p);
  }
  return rounds.map((round) => {
    const statements: T[][] = [];
    for (let start = 0; start < round.length; start += MAX_EXCHANGES_PER_STATEMENT)
      statements.push(round.slice(start, start + MAX_EXCHANGES_PER_STATEMENT));
    return statements;
  });
}
