/**
 * The editable corpus in the database, one row per intent and locale, so every server instance and
 * every staff member sees the same corpus. The shipped `corpus/` directory seeds it once; import and
 * export keep the YAML file format (and git workflows) available. The bot never answers from this
 * table directly: a model version snapshots the corpus it was trained on, and answers come from the
 * published snapshot, so an edit changes nothing for shoppers until it is trained and published.
 */
import type { Kysely, Selectable } from 'kysely';
import type { CorpusIntent } from '../../bot/corpus/corpus-schema.ts';
import type { Corpus, LoadedIntent } from '../../bot/corpus/load-corpus.ts';
import { normalizeText } from '../../bot/nlu/normalize.ts';
import { fromJson, toDate } from './column-values.ts';
import type { CorpusIntentsTable, Database } from './database-schema.ts';
import type { StorageDialect } from './migrations.ts';
import type { Locale } from './repository.ts';

/** One stored intent of one locale. */
export interface StoredCorpusIntent {
  locale: Locale;
  domain: string;
  intent: CorpusIntent;
  updatedAt: Date;
  updatedBy: string | null;
}

/** The intent asked for does not exist in that locale. */
export class IntentNotFoundError extends Error {
  readonly code = 'CONSOLE_ERR_NOT_FOUND';
  readonly statusCode = 404;
  constructor(locale: Locale, id: string) {
    super(`no intent ${id} in ${locale}`);
  }
}

/** Settings key recording that the corpus was seeded (so deleting every intent does not reseed). */
const SEEDED_KEY = 'corpus_seeded_at';

/** Stable order: locale, then domain, then id (the order files list them in is not kept). */
function byLocaleDomainId(a: StoredCorpusIntent, b: StoredCorpusIntent): number {
  return (
    a.locale.localeCompare(b.locale) ||
    a.domain.localeCompare(b.domain) ||
    a.intent.id.localeCompare(b.intent.id)
  );
}

/** The corpus over the shared database. */
export class CorpusStore {
  constructor(
    private readonly db: () => Kysely<Database>,
    private readonly dialect: StorageDialect,
  ) {}

  private toStored(row: Selectable<CorpusIntentsTable>): StoredCorpusIntent {
    return {
      locale: row.locale,
      domain: row.domain,
      intent: fromJson<CorpusIntent>(this.dialect, row.body),
      updatedAt: toDate(row.updated_at),
      updatedBy: row.updated_by,
    };
  }

  /** True once the corpus was seeded (or imported). */
  async isSeeded(): Promise<boolean> {
    const row = await this.db()
      .selectFrom('settings')
      .select('key')
      .where('key', '=', SEEDED_KEY)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Seeds the corpus once, on the first start of a fresh database. Safe when several instances start
   * together: the seed marker and rows are inserted with "on conflict do nothing". True when it seeded.
   */
  async seedOnce(corpus: Corpus, now: Date): Promise<boolean> {
    return this.db()
      .transaction()
      .execute(async (trx) => {
        const inserted = await trx
          .insertInto('settings')
          .values({ key: SEEDED_KEY, value: JSON.stringify(now.toISOString()) })
          .onConflict((oc) => oc.column('key').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
        for (const intent of corpus.intents) {
          await trx
            .insertInto('corpus_intents')
            .values(this.row(intent.locale, intent.domain, stripLoaded(intent), null, now))
            .onConflict((oc) => oc.columns(['locale', 'intent_id']).doNothing())
            .execute();
        }
        return true;
      });
  }

  private row(locale: Locale, domain: string, intent: CorpusIntent, userId: string | null, now: Date) {
    return {
      locale,
      intent_id: intent.id,
      domain,
      body: JSON.stringify(intent),
      updated_at: now.toISOString(),
      updated_by: userId,
    };
  }

  /** Every intent, optionally of one locale, in a stable order. */
  async list(locale?: Locale): Promise<StoredCorpusIntent[]> {
    let query = this.db().selectFrom('corpus_intents').selectAll();
    if (locale) query = query.where('locale', '=', locale);
    return (await query.execute()).map((row) => this.toStored(row)).sort(byLocaleDomainId);
  }

  async get(locale: Locale, id: string): Promise<StoredCorpusIntent | undefined> {
    const row = await this.db()
      .selectFrom('corpus_intents')
      .selectAll()
      .where('locale', '=', locale)
      .where('intent_id', '=', id)
      .executeTakeFirst();
    return row && this.toStored(row);
  }

  /** Creates or replaces one intent of one locale. */
  async save(
    locale: Locale,
    domain: string,
    intent: CorpusIntent,
    userId: string | null,
    now: Date,
  ): Promise<StoredCorpusIntent> {
    const row = this.row(locale, domain, intent, userId, now);
    await this.db()
      .insertInto('corpus_intents')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['locale', 'intent_id']).doUpdateSet({
          domain: row.domain,
          body: row.body,
          updated_at: row.updated_at,
          updated_by: row.updated_by,
        }),
      )
      .execute();
    return { locale, domain, intent, updatedAt: now, updatedBy: userId };
  }

  /** Deletes one intent of one locale; false when there was none. */
  async delete(locale: Locale, id: string): Promise<boolean> {
    const result = await this.db()
      .deleteFrom('corpus_intents')
      .where('locale', '=', locale)
      .where('intent_id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /**
   * Adds texts as utterances of an intent (the unanswered queue's "assign"), skipping texts the intent
   * already has (compared after normalisation). Returns how many were added. Runs in a transaction so
   * two staff members assigning at once both keep their utterances.
   */
  async addUtterances(
    locale: Locale,
    intentId: string,
    texts: readonly string[],
    userId: string | null,
    now: Date,
  ): Promise<number> {
    return this.db()
      .transaction()
      .execute(async (trx) => {
        let select = trx
          .selectFrom('corpus_intents')
          .selectAll()
          .where('locale', '=', locale)
          .where('intent_id', '=', intentId);
        // PostgreSQL: lock the row so a concurrent assign waits instead of overwriting; SQLite's write
        // transaction is already exclusive.
        if (this.dialect === 'postgres') select = select.forUpdate();
        const row = await select.executeTakeFirst();
        if (!row) throw new IntentNotFoundError(locale, intentId);
        const stored = this.toStored(row);
        const known = new Set(stored.intent.utterances.map((u) => normalizeText(u)));
        const added: string[] = [];
        for (const text of texts) {
          const trimmed = text.trim().slice(0, 500);
          const key = normalizeText(trimmed);
          if (!trimmed || known.has(key)) continue;
          known.add(key);
          added.push(trimmed);
        }
        if (added.length === 0) return 0;
        const intent = { ...stored.intent, utterances: [...stored.intent.utterances, ...added] };
        await trx
          .updateTable('corpus_intents')
          .set({ body: JSON.stringify(intent), updated_at: now.toISOString(), updated_by: userId })
          .where('locale', '=', locale)
          .where('intent_id', '=', intentId)
          .execute();
        return added.length;
      });
  }

  /** Replaces the whole corpus (import), in one transaction. */
  async replaceAll(corpus: Corpus, userId: string | null, now: Date): Promise<void> {
    await this.db()
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('corpus_intents').execute();
        for (const intent of corpus.intents) {
          await trx
            .insertInto('corpus_intents')
            .values(this.row(intent.locale, intent.domain, stripLoaded(intent), userId, now))
            .execute();
        }
        await trx
          .insertInto('settings')
          .values({ key: SEEDED_KEY, value: JSON.stringify(now.toISOString()) })
          .onConflict((oc) => oc.column('key').doNothing())
          .execute();
      });
  }

  /** The stored corpus in the shape the bot trains on (file = `db:<locale>/<domain>`). */
  async loadCorpus(): Promise<Corpus> {
    return { intents: (await this.list()).map(toLoadedIntent) };
  }
}

/** A stored intent in the bot's corpus shape. */
export function toLoadedIntent(stored: StoredCorpusIntent): LoadedIntent {
  return {
    ...stored.intent,
    locale: stored.locale,
    domain: stored.domain,
    file: `db:${stored.locale}/${stored.domain}`,
  };
}

/** The file-format intent of a loaded one (drops locale, domain and file). */
export function stripLoaded(intent: LoadedIntent): CorpusIntent {
  const { locale: _locale, domain: _domain, file: _file, ...rest } = intent;
  return rest;
}
