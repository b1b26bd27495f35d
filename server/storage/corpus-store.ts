/**
 * The editable corpus in the database, one row per intent and locale, so every server instance and
 * every staff member sees the same corpus. The shipped `corpus/` directory seeds it once; import and
 * export keep the YAML file format (and git workflows) available. The bot never answers from this
 * table directly: a model version snapshots the corpus it was trained on, and answers come from the
 * published snapshot, so an edit changes nothing for shoppers until it is trained and published.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CorpusIntent } from '../../bot/corpus/corpus-schema.ts';
import type { Corpus, LoadedIntent } from '../../bot/corpus/load-corpus.ts';
import { normalizeText } from '../../bot/nlu/normalize.ts';
import { ServerError } from '../errors.ts';
import { clampLimit, fromJson, toDate } from './column-values.ts';
import type { CorpusIntentsTable, Database } from './database-schema.ts';
import type { Locale } from './repository.ts';
import type { StorageDialect } from './storage-dialect.ts';

/** One stored intent of one locale. */
export interface StoredCorpusIntent {
  locale: Locale;
  domain: string;
  intent: CorpusIntent;
  updatedAt: Date;
  updatedBy: string | null;
}

/** The intent asked for does not exist in that locale. */
export class IntentNotFoundError extends ServerError {
  constructor(locale: Locale, id: string) {
    super('CONSOLE_ERR_NOT_FOUND', `no intent ${id} in ${locale}`, { status: 404 });
  }
}

/** What made a change of the corpus (a row of the history). */
export type CorpusChangeKind = 'seed' | 'baseline' | 'save' | 'delete' | 'assign' | 'import' | 'restore';

/** One change of the corpus as the history lists it. */
export interface CorpusChange {
  changeId: string;
  change: CorpusChangeKind;
  at: Date;
  by: string | null;
  /** Intents written or deleted by the change. */
  revisions: number;
}

/** The revision an intent gets in a change: its new body, or null when the change deleted it. */
interface Revision {
  locale: Locale;
  intentId: string;
  domain: string;
  intent: CorpusIntent | null;
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
        await this.record(trx, 'seed', null, now, corpus.intents.map(revisionOf));
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
      .transaction()
      .execute(async (trx) => {
        await trx
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
        await this.record(trx, 'save', userId, now, [{ locale, intentId: intent.id, domain, intent }]);
      });
    return { locale, domain, intent, updatedAt: now, updatedBy: userId };
  }

  /** Deletes one intent of one locale; false when there was none. */
  async delete(locale: Locale, id: string, userId: string | null, now: Date): Promise<boolean> {
    return this.db()
      .transaction()
      .execute(async (trx) => {
        const row = await trx
          .deleteFrom('corpus_intents')
          .where('locale', '=', locale)
          .where('intent_id', '=', id)
          .returning('domain')
          .executeTakeFirst();
        if (!row) return false;
        await this.record(trx, 'delete', userId, now, [
          { locale, intentId: id, domain: row.domain, intent: null },
        ]);
        return true;
      });
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
        await this.record(trx, 'assign', userId, now, [{ locale, intentId, domain: stored.domain, intent }]);
        return added.length;
      });
  }

  /**
   * Replaces the whole corpus (an import, or a restore from the history), in one transaction. The history
   * gets a deletion for every intent the new corpus lacks and a revision for every intent it has.
   */
  async replaceAll(
    corpus: Corpus,
    userId: string | null,
    now: Date,
    change: 'import' | 'restore' = 'import',
  ): Promise<void> {
    await this.db()
      .transaction()
      .execute(async (trx) => {
        const before = await trx
          .selectFrom('corpus_intents')
          .select(['locale', 'intent_id', 'domain'])
          .execute();
        const kept = new Set(corpus.intents.map((i) => `${i.locale}\u0000${i.id}`));
        const removed: Revision[] = before
          .filter((row) => !kept.has(`${row.locale}\u0000${row.intent_id}`))
          .map((row) => ({ locale: row.locale, intentId: row.intent_id, domain: row.domain, intent: null }));
        await this.record(trx, change, userId, now, [...removed, ...corpus.intents.map(revisionOf)]);
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

  /** Writes one change's revisions (nothing when there are none). */
  private async record(
    trx: Transaction<Database>,
    change: CorpusChangeKind,
    userId: string | null,
    now: Date,
    revisions: readonly Revision[],
  ): Promise<void> {
    const changeId = randomUUID();
    // In slices: one statement's bound parameters stay far below SQLite's and PostgreSQL's limits.
    for (let start = 0; start < revisions.length; start += 200) {
      await trx
        .insertInto('corpus_revisions')
        .values(
          revisions.slice(start, start + 200).map((r) => ({
            change_id: changeId,
            change,
            changed_at: now.toISOString(),
            changed_by: userId,
            locale: r.locale,
            intent_id: r.intentId,
            domain: r.domain,
            body: r.intent === null ? null : JSON.stringify(r.intent),
          })),
        )
        .execute();
    }
  }

  /** The corpus's changes, newest first (at most `limit`). */
  async history(limit: number): Promise<CorpusChange[]> {
    const rows = await this.db()
      .selectFrom('corpus_revisions')
      .select((eb) => [
        'change_id',
        'change',
        'changed_by',
        eb.fn.max('seq').as('last'),
        eb.fn.max('changed_at').as('at'),
        eb.fn.countAll().as('revisions'),
      ])
      .groupBy(['change_id', 'change', 'changed_by'])
      .orderBy('last', 'desc')
      .limit(clampLimit(limit, 100))
      .execute();
    return rows.map((row) => ({
      changeId: row.change_id,
      change: row.change as CorpusChangeKind,
      at: toDate(row.at as Date | string),
      by: row.changed_by,
      revisions: Number(row.revisions),
    }));
  }

  /**
   * The corpus as it was right after a change (per intent, its newest revision up to the change's last
   * one; deleted intents left out); undefined when there is no such change.
   */
  async corpusAfter(changeId: string): Promise<Corpus | undefined> {
    const last = await this.db()
      .selectFrom('corpus_revisions')
      .select((eb) => eb.fn.max('seq').as('last'))
      .where('change_id', '=', changeId)
      .executeTakeFirst();
    if (last?.last === null || last?.last === undefined) return undefined;
    const rows = await this.db()
      .selectFrom('corpus_revisions')
      .select(['seq', 'locale', 'intent_id', 'domain', 'body'])
      .where('seq', '<=', Number(last.last))
      .orderBy('seq')
      .execute();
    const latest = new Map<string, (typeof rows)[number]>();
    for (const row of rows) latest.set(`${row.locale}\u0000${row.intent_id}`, row);
    const intents: StoredCorpusIntent[] = [];
    for (const row of latest.values()) {
      if (row.body === null) continue;
      intents.push({
        locale: row.locale,
        domain: row.domain,
        intent: fromJson<CorpusIntent>(this.dialect, row.body),
        updatedAt: new Date(0),
        updatedBy: null,
      });
    }
    return { intents: intents.sort(byLocaleDomainId).map(toLoadedIntent) };
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

/** The revision that writes a loaded intent. */
function revisionOf(intent: LoadedIntent): Revision {
  return { locale: intent.locale, intentId: intent.id, domain: intent.domain, intent: stripLoaded(intent) };
}

/** The file-format intent of a loaded one (drops locale, domain and file). */
export function stripLoaded(intent: LoadedIntent): CorpusIntent {
  const { locale: _locale, domain: _domain, file: _file, ...rest } = intent;
  return rest;
}
