/**
 * Trained model versions and the publication history, in the database so every instance loads the same
 * live model. A version keeps the corpus it was trained on (answers come from that snapshot), the
 * gzipped model file (bot/nlu/model-file.ts; versions stored before it hold gzipped engine JSON, which
 * IntentEngine.fromBytes still reads) and its evaluation. The live model is the newest publication; a rollback is one
 * more publication of an older version, so the history is never rewritten.
 */
import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { LoadedIntent } from '../../bot/corpus/load-corpus.ts';
import type { ModelEvaluation, TrainingProgress } from '../schemas/console-api.ts';
import { fromJson, toDate, toNullableDate } from './column-values.ts';
import type { Database, ModelPublicationsTable, ModelVersionsTable } from './database-schema.ts';
import { isUniqueViolation } from './db-errors.ts';
import type { StorageDialect } from './storage-dialect.ts';

/** A model version without its (large) model bytes and corpus. */
export interface ModelVersionInfo {
  id: string;
  number: number;
  status: 'training' | 'ready' | 'failed';
  progress: TrainingProgress | null;
  corpusHash: string;
  engineVersion: string;
  evaluation: ModelEvaluation | null;
  error: string | null;
  createdAt: Date;
  createdBy: string | null;
  finishedAt: Date | null;
  utterances: number;
}

/** One publication: which version went live, when, by whom and why. */
export interface ModelPublication {
  id: string;
  versionId: string;
  versionNumber: number;
  publishedAt: Date;
  publishedBy: string | null;
  reason: string | null;
  overridden: boolean;
}

/** PostgreSQL NOTIFY channel announcing a new publication; the payload is the schema name. */
export const MODEL_CHANNEL = 'shop_bot_model_published';

/** Columns of a version without the model blob and corpus. */
const INFO_COLUMNS = [
  'id',
  'number',
  'status',
  'progress',
  'corpus_hash',
  'engine_version',
  'evaluation',
  'error',
  'created_at',
  'created_by',
  'finished_at',
] as const;

/** Model versions and publications over the shared database. */
export class ModelStore {
  constructor(
    private readonly db: () => Kysely<Database>,
    private readonly dialect: StorageDialect,
  ) {}

  private toInfo(
    row: Pick<Selectable<ModelVersionsTable>, (typeof INFO_COLUMNS)[number]>,
    utterances: number,
  ): ModelVersionInfo {
    return {
      id: row.id,
      number: row.number,
      status: row.status,
      progress: row.progress === null ? null : fromJson<TrainingProgress>(this.dialect, row.progress),
      corpusHash: row.corpus_hash,
      engineVersion: row.engine_version,
      evaluation: row.evaluation === null ? null : fromJson<ModelEvaluation>(this.dialect, row.evaluation),
      error: row.error,
      createdAt: toDate(row.created_at),
      createdBy: row.created_by,
      finishedAt: toNullableDate(row.finished_at),
      utterances,
    };
  }

  /**
   * Creates a version in `training` with the next number. Two instances creating at once both get a
   * number: the loser of the unique constraint retries with the next one.
   */
  async createVersion(input: {
    corpus: LoadedIntent[];
    corpusHash: string;
    engineVersion: string;
    createdBy: string | null;
    now: Date;
  }): Promise<ModelVersionInfo> {
    const utterances = input.corpus.reduce((n, i) => n + i.utterances.length, 0);
    for (let attempt = 0; ; attempt += 1) {
      const last = await this.db()
        .selectFrom('model_versions')
        .select((eb) => eb.fn.max('number').as('n'))
        .executeTakeFirst();
      const row = {
        id: randomUUID(),
        number: Number(last?.n ?? 0) + 1,
        status: 'training' as const,
        progress: JSON.stringify({ stage: 'queued', fraction: 0 }),
        corpus: JSON.stringify(input.corpus),
        corpus_hash: input.corpusHash,
        engine_version: input.engineVersion,
        model: null,
        evaluation: null,
        error: null,
        created_at: input.now.toISOString(),
        created_by: input.createdBy,
        finished_at: null,
        heartbeat_at: input.now.toISOString(),
      };
      try {
        await this.db().insertInto('model_versions').values(row).execute();
        return this.toInfo(
          { ...row, progress: { stage: 'queued', fraction: 0 }, evaluation: null },
          utterances,
        );
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 5) throw error;
      }
    }
  }

  async setProgress(id: string, progress: TrainingProgress): Promise<void> {
    await this.db()
      .updateTable('model_versions')
      .set({ progress: JSON.stringify(progress) })
      .where('id', '=', id)
      .where('status', '=', 'training')
      .execute();
  }

  /** Stores the trained model and its evaluation; the version becomes `ready`. */
  async finishVersion(id: string, model: Uint8Array, evaluation: ModelEvaluation, now: Date): Promise<void> {
    await this.db()
      .updateTable('model_versions')
      .set({
        status: 'ready',
        progress: null,
        // Level 1: a third of the size (a version per training adds up) and the fastest to compress;
        // unzipping takes about as long at any level.
        model: gzipSync(model, { level: 1 }),
        evaluation: JSON.stringify(evaluation),
        finished_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
  }

  async failVersion(id: string, error: string, now: Date): Promise<void> {
    await this.db()
      .updateTable('model_versions')
      .set({ status: 'failed', progress: null, error: error.slice(0, 2000), finished_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }

  /** Records that the process training a version is alive (see failStaleTraining). */
  async heartbeat(id: string, now: Date): Promise<void> {
    await this.db()
      .updateTable('model_versions')
      .set({ heartbeat_at: now.toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'training')
      .execute();
  }

  /** Marks versions left `training` by a process whose last heartbeat is before `since` as failed. */
  async failStaleTraining(since: Date, now: Date): Promise<number> {
    const result = await this.db()
      .updateTable('model_versions')
      .set({
        status: 'failed',
        progress: null,
        error: 'training was interrupted (server stopped)',
        finished_at: now.toISOString(),
      })
      .where('status', '=', 'training')
      // The last heartbeat (rows from before 006_training_heartbeat have none: their start counts).
      .where((eb) => eb.fn.coalesce('heartbeat_at', 'created_at'), '<', since.toISOString())
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Versions, newest first (without model bytes). */
  async listVersions(limit = 100): Promise<ModelVersionInfo[]> {
    const rows = await this.db()
      .selectFrom('model_versions')
      .select([...INFO_COLUMNS, 'corpus'])
      .orderBy('number', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) =>
      this.toInfo(row, countUtterances(fromJson<LoadedIntent[]>(this.dialect, row.corpus))),
    );
  }

  async getVersion(id: string): Promise<ModelVersionInfo | undefined> {
    const row = await this.db()
      .selectFrom('model_versions')
      .select([...INFO_COLUMNS, 'corpus'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && this.toInfo(row, countUtterances(fromJson<LoadedIntent[]>(this.dialect, row.corpus)));
  }

  /** A ready version with the same training data and engine, if one exists (no need to train again). */
  async findReadyByHash(corpusHash: string, engineVersion: string): Promise<ModelVersionInfo | undefined> {
    const row = await this.db()
      .selectFrom('model_versions')
      .select([...INFO_COLUMNS, 'corpus'])
      .where('corpus_hash', '=', corpusHash)
      .where('engine_version', '=', engineVersion)
      .where('status', '=', 'ready')
      .orderBy('number', 'desc')
      .executeTakeFirst();
    return row && this.toInfo(row, countUtterances(fromJson<LoadedIntent[]>(this.dialect, row.corpus)));
  }

  /** The version currently training, if any. */
  async findTraining(): Promise<ModelVersionInfo | undefined> {
    const row = await this.db()
      .selectFrom('model_versions')
      .select([...INFO_COLUMNS, 'corpus'])
      .where('status', '=', 'training')
      .orderBy('number', 'desc')
      .executeTakeFirst();
    return row && this.toInfo(row, countUtterances(fromJson<LoadedIntent[]>(this.dialect, row.corpus)));
  }

  /** The corpus a version was trained on (without reading its model bytes). */
  async corpusOf(id: string): Promise<LoadedIntent[] | undefined> {
    const row = await this.db()
      .selectFrom('model_versions')
      .select('corpus')
      .where('id', '=', id)
      .executeTakeFirst();
    return row && fromJson<LoadedIntent[]>(this.dialect, row.corpus);
  }

  /** The model bytes (for IntentEngine.fromBytes) and corpus of a ready version. */
  async loadArtifacts(id: string): Promise<{ model: Uint8Array; corpus: LoadedIntent[] } | undefined> {
    const row = await this.db()
      .selectFrom('model_versions')
      .select(['model', 'corpus'])
      .where('id', '=', id)
      .where('status', '=', 'ready')
      .executeTakeFirst();
    if (!row?.model) return undefined;
    return {
      model: gunzipSync(row.model),
      corpus: fromJson<LoadedIntent[]>(this.dialect, row.corpus),
    };
  }

  /** Records a publication (the version becomes live everywhere). */
  async publish(input: {
    versionId: string;
    publishedBy: string | null;
    reason: string | null;
    overridden: boolean;
    now: Date;
  }): Promise<ModelPublication> {
    for (let attempt = 0; ; attempt += 1) {
      const last = await this.db()
        .selectFrom('model_publications')
        .select((eb) => eb.fn.max('seq').as('n'))
        .executeTakeFirst();
      const id = randomUUID();
      try {
        await this.db()
          .transaction()
          .execute(async (trx) => {
            await trx
              .insertInto('model_publications')
              .values({
                id,
                seq: Number(last?.n ?? 0) + 1,
                version_id: input.versionId,
                published_at: input.now.toISOString(),
                published_by: input.publishedBy,
                reason: input.reason,
                overridden: input.overridden ? 1 : 0,
              })
              .execute();
            // PostgreSQL tells every listening instance at commit (server/plugins/model-sync.ts); the
            // payload names the schema so deployments sharing a database ignore each other.
            if (this.dialect === 'postgres') {
              await sql`select pg_notify(${MODEL_CHANNEL}, current_schema())`.execute(trx);
            }
          });
      } catch (error) {
        // Another instance published at the same moment: take the next number.
        if (!isUniqueViolation(error) || attempt >= 5) throw error;
        continue;
      }
      const publication = (await this.listPublications(1))[0];
      if (!publication) throw new Error('publication was not stored');
      return publication;
    }
  }

  /** Publications, newest first. */
  async listPublications(limit = 100): Promise<ModelPublication[]> {
    const rows = await this.db()
      .selectFrom('model_publications')
      .innerJoin('model_versions', 'model_versions.id', 'model_publications.version_id')
      .selectAll('model_publications')
      .select('model_versions.number')
      .orderBy('model_publications.seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => toPublication(row, row.number));
  }

  /** The live publication: the newest one. */
  async livePublication(): Promise<ModelPublication | undefined> {
    return (await this.listPublications(1))[0];
  }
}

function countUtterances(corpus: LoadedIntent[]): number {
  return corpus.reduce((n, i) => n + i.utterances.length, 0);
}

function toPublication(row: Selectable<ModelPublicationsTable>, versionNumber: number): ModelPublication {
  return {
    id: row.id,
    versionId: row.version_id,
    versionNumber,
    publishedAt: toDate(row.published_at),
    publishedBy: row.published_by,
    reason: row.reason,
    overridden: row.overridden === 1,
  };
}
