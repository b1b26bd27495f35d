/**
 * Group commit for the LINE inbox's writes: every write asked for in the same event-loop turn (the
 * webhook's stores, the worker's claims and settlements) runs in ONE write transaction, each in its own
 * savepoint, so one commit (one fsync on SQLite) serves them all and one write failing undoes only
 * itself. Each caller's promise settles once the whole transaction is durable. At 200 events/s a write
 * per event and step would be about a thousand commits a second; this makes it one per turn.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../storage/database-schema.ts';
import type { StorageDialect } from '../../storage/storage-dialect.ts';
import { writeTransaction } from '../../storage/write-transaction.ts';

interface Pending {
  write(trx: Kysely<Database>): Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Runs writes together, one transaction per event-loop turn. */
export class InboxGroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly db: () => Kysely<Database>,
    private readonly dialect: StorageDialect,
  ) {}

  /** Runs `write` in the next group transaction; resolves with its result once that is committed. */
  run<T>(write: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      await writeTransaction(this.db(), this.dialect, async (trx) => {
        for (const [index, pending] of batch.entries()) {
          const savepoint = sql.raw(`inbox_write_${index}`);
          await sql`savepoint ${savepoint}`.execute(trx);
          try {
            outcomes.push({ ok: true, value: await pending.write(trx) });
            await sql`release savepoint ${savepoint}`.execute(trx);
          } catch (error) {
            await sql`rollback to savepoint ${savepoint}`.execute(trx);
            await sql`release savepoint ${savepoint}`.execute(trx);
            outcomes.push({ ok: false, value: error });
          }
        }
      });
    } catch (error) {
      // The transaction itself failed (begin or commit): nothing of the batch is durable.
      for (const pending of batch) pending.reject(error);
      return;
    }
    for (const [index, pending] of batch.entries()) {
      const outcome = outcomes[index]!;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.value);
    }
  }
}
