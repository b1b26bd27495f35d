/**
 * Training and publishing with a safety net. `start` snapshots the database corpus into a new model
 * version and trains, scores and cross-validates it in a worker thread, storing progress as it goes
 * (so any instance's console can show it). When it is ready, the live model is scored on the same
 * held-out tests. `publish` refuses a model the gate finds worse unless an admin overrides with a
 * reason; `rollback` republishes an earlier published version. Both swap the bot in this instance at
 * once; other instances follow at their next check.
 */
import { LRUCache } from 'lru-cache';
import type { Corpus } from '../../bot/corpus/load-corpus.ts';
import { trainingExamples } from '../../bot/corpus/load-corpus.ts';
import type { LocaleScores } from '../../bot/nlu/model-job.ts';
import { compareWithLive, type GateVerdict, type RemovedIntent } from '../../bot/nlu/publish-gate.ts';
import { runModelJobInWorker, scoreModelsInWorker } from '../../bot/nlu/run-model-job.ts';
import type { Locale } from '../../bot/nlu/types.ts';
import { unionTests } from '../../bot/nlu/union-tests.ts';
import { errorText, ServerError } from '../errors.ts';
import { corpusHash, ENGINE_VERSION } from '../model/corpus-hash.ts';
import { corpusTests } from '../model/corpus-tests.ts';
import type { ModelRuntime } from '../model/model-runtime.ts';
import type { ModelEvaluation, Role } from '../schemas/console-api.ts';
import type { CorpusStore } from '../storage/corpus-store.ts';
import type { IntentTraffic } from '../storage/intent-traffic.ts';
import type { ModelStore, ModelVersionInfo } from '../storage/model-store.ts';
import { corpusLimitProblem } from './corpus-limits.ts';
import { describeReasons } from './gate-reasons-text.ts';
import { can } from './roles.ts';

/**
 * A refusal with a stable code and HTTP status (the console translates the code). A worse model's
 * refusal carries the gate's verdict as `details.comparison`.
 */
export class TrainingError extends ServerError {}

/** A training without a heartbeat this long is from a process that died: it no longer blocks a new one. */
export const STALE_TRAINING_MS = 60_000;
/** How often a running training records that its process is alive (ms). */
const HEARTBEAT_MS = 10_000;
/** Answers within this window make an intent "in use": dropping it needs an admin's reason. */
const TRAFFIC_WINDOW_MS = 30 * 24 * 3_600_000;
/** Progress is written at most this often (ms), so a fast job does not flood the database. */
const PROGRESS_WRITE_INTERVAL_MS = 250;

export interface TrainingServiceOptions {
  corpusStore: CorpusStore;
  modelStore: ModelStore;
  runtime: ModelRuntime;
  /** Cross-validation folds per training (0: held-out tests only). */
  folds: number;
  now: () => Date;
  /** Answers per (locale, intent) since a time (storage/intent-traffic.ts). */
  intentTraffic: (since: Date) => Promise<IntentTraffic[]>;
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** What the console's training page uses. */
export interface TrainingService {
  /**
   * Marks trainings whose process died (no heartbeat for STALE_TRAINING_MS) as failed: called at start, so
   * a crash during a training does not leave "still training" behind.
   */
  recover(): Promise<number>;
  /** Starts training the current corpus; resolves once the version exists (training goes on). */
  start(userId: string | null): Promise<ModelVersionInfo>;
  /** Resolves when the training started by `start` in this process ends (tests, CLI). */
  settled(versionId: string): Promise<void>;
  /**
   * Stops the trainings this process runs and marks them failed ("interrupted"), so a restart does not
   * find them still "training" and refuse a new one. Called on shutdown, before storage closes.
   */
  stop(): Promise<void>;
  /** The gate's verdict for a ready version against the model live now. */
  compare(version: ModelVersionInfo): Promise<GateVerdict | null>;
  publish(
    versionId: string,
    by: { userId: string | null; role: Role; overrideReason?: string },
  ): Promise<void>;
  rollback(versionId: string, by: { userId: string | null; reason: string }): Promise<void>;
}

export function createTrainingService(options: TrainingServiceOptions): TrainingService {
  const { corpusStore, modelStore, runtime, now, log } = options;
  const running = new Map<string, Promise<void>>();
  /** The live model's scores on a version's tests, by `${versionId}:${liveVersionId}` (a few pairs). */
  const rescored = new LRUCache<
    string,
    { candidate: ModelEvaluation['candidate']; live: ModelEvaluation['live'] }
  >({ max: 16 });
  const stopping = new AbortController();

  /** Attaches the live version's own stored cross-validation to its scores. */
  async function withLiveCrossValidation(
    scores: Partial<Record<Locale, LocaleScores>>,
    liveVersionId: string | null,
  ): Promise<Record<string, LocaleScores>> {
    const stored = liveVersionId ? (await modelStore.getVersion(liveVersionId))?.evaluation : null;
    for (const [locale, figures] of Object.entries(scores)) {
      const cv = stored?.candidate[locale]?.crossValidation;
      if (cv && figures) figures.crossValidation = cv;
    }
    return scores as Record<string, LocaleScores>;
  }

  /** The gate's tests: the candidate corpus's and the live corpus's together. */
  function gateTests(candidate: Corpus): ReturnType<typeof unionTests> {
    const live = runtime.live();
    return unionTests(corpusTests(candidate), live ? corpusTests(live.corpus) : {});
  }

  /** Intents of the live corpus the candidate lacks that answered shoppers within the traffic window. */
  async function removedWithTraffic(candidate: Corpus): Promise<RemovedIntent[]> {
    const live = runtime.live();
    if (!live) return [];
    const kept = new Set(candidate.intents.map((i) => `${i.locale}\u0000${i.id}`));
    const removed = new Set(
      live.corpus.intents.map((i) => `${i.locale}\u0000${i.id}`).filter((key) => !kept.has(key)),
    );
    if (removed.size === 0) return [];
    const traffic = await options.intentTraffic(new Date(now().getTime() - TRAFFIC_WINDOW_MS));
    return traffic
      .filter((t) => t.messages > 0 && removed.has(`${t.locale}\u0000${t.intent}`))
      .sort((a, b) => a.locale.localeCompare(b.locale) || a.intent.localeCompare(b.intent));
  }

  async function train(version: ModelVersionInfo, corpus: Corpus): Promise<void> {
    let lastWrite = 0;
    const heartbeat = setInterval(() => {
      void modelStore.heartbeat(version.id, now()).catch(() => {});
    }, HEARTBEAT_MS);
    heartbeat.unref();
    try {
      const live = runtime.live();
      const result = await runModelJobInWorker(
        {
          examples: { ja: trainingExamples(corpus, 'ja'), en: trainingExamples(corpus, 'en') },
          tests: gateTests(corpus),
          folds: options.folds,
          // Scored in the worker too: scoring the live model here stalled the event loop (0.5–2 s).
          ...(live ? { live: live.engine.toBytes() } : {}),
        },
        (progress) => {
          const at = Date.now();
          if (at - lastWrite < PROGRESS_WRITE_INTERVAL_MS && progress.stage !== 'cross-validating') return;
          lastWrite = at;
          void modelStore.setProgress(version.id, progress).catch(() => {});
        },
        stopping.signal,
      );
      const evaluation: ModelEvaluation = {
        candidate: result.scores as Record<string, LocaleScores>,
        live: result.liveScores
          ? await withLiveCrossValidation(result.liveScores, live?.versionId ?? null)
          : null,
        liveVersionId: live?.versionId ?? null,
      };
      await modelStore.finishVersion(version.id, result.model, evaluation, now());
      log.info({ versionId: version.id, number: version.number }, 'model trained');
    } catch (error) {
      const message = stopping.signal.aborted
        ? 'training was interrupted (server stopped)'
        : errorText(error);
      log.error({ versionId: version.id, err: error }, 'model training failed');
      // Never an unhandled rejection: a storage that is already gone leaves the row to the stale check.
      await modelStore
        .failVersion(version.id, message, now())
        .catch((failure: unknown) =>
          log.error({ versionId: version.id, err: failure }, 'could not mark the training failed'),
        );
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function readyVersion(versionId: string): Promise<ModelVersionInfo> {
    const version = await modelStore.getVersion(versionId);
    if (!version) {
      throw new TrainingError('CONSOLE_ERR_NOT_FOUND', 'No such model version.', { status: 404 });
    }
    if (version.status !== 'ready') {
      throw new TrainingError(
        'CONSOLE_ERR_MODEL_NOT_READY',
        `Model v${version.number} is ${version.status}.`,
        {
          status: 409,
          details: { number: version.number, status: version.status },
        },
      );
    }
    return version;
  }

  const service: TrainingService = {
    async recover() {
      const at = now();
      return modelStore.failStaleTraining(new Date(at.getTime() - STALE_TRAINING_MS), at);
    },

    async start(userId) {
      if (stopping.signal.aborted) {
        throw new TrainingError(
          'CONSOLE_ERR_SHUTTING_DOWN',
          'The server is stopping; train again in a moment.',
          {
            status: 409,
          },
        );
      }
      const started = now();
      await modelStore.failStaleTraining(new Date(started.getTime() - STALE_TRAINING_MS), started);
      const busy = await modelStore.findTraining();
      if (busy) {
        throw new TrainingError('CONSOLE_ERR_TRAINING_RUNNING', `Model v${busy.number} is still training.`, {
          status: 409,
          details: { number: busy.number },
        });
      }
      const corpus = await corpusStore.loadCorpus();
      const tooLarge = corpusLimitProblem(corpus);
      if (tooLarge) {
        throw new TrainingError(
          'CONSOLE_ERR_CORPUS_TOO_LARGE',
          `The corpus is too large to train: ${tooLarge}.`,
          {
            status: 422,
          },
        );
      }
      const version = await modelStore.createVersion({
        corpus: corpus.intents,
        corpusHash: corpusHash(corpus),
        engineVersion: ENGINE_VERSION,
        createdBy: userId,
        now: started,
      });
      const job = train(version, corpus).finally(() => running.delete(version.id));
      running.set(version.id, job);
      return version;
    },

    async settled(versionId) {
      await running.get(versionId);
    },

    async stop() {
      stopping.abort();
      await Promise.all(running.values());
    },

    async compare(version) {
      if (version.status !== 'ready' || !version.evaluation) return null;
      const evaluation = version.evaluation;
      const live = runtime.live();
      if (!live) return compareWithLive(evaluation.candidate as Record<Locale, LocaleScores>, null);
      const corpus = { intents: (await modelStore.corpusOf(version.id)) ?? [] };
      // Someone published since this version was scored: score both models on the tests of this version
      // and of the model live now, in a worker, once per (version, live model) pair — the console asks
      // again every second while a page is open.
      let figures = { candidate: evaluation.candidate, live: evaluation.live };
      if ((live.versionId ?? null) !== evaluation.liveVersionId) {
        const key = `${version.id}:${live.versionId}`;
        let cached = rescored.get(key);
        if (!cached) {
          const artifacts = await modelStore.loadArtifacts(version.id);
          if (!artifacts) return null;
          const [candidate, current] = await scoreModelsInWorker(
            { models: [artifacts.model, live.engine.toBytes()], tests: gateTests(corpus) },
            stopping.signal,
          );
          for (const [locale, scores] of Object.entries(candidate ?? {})) {
            const cv = evaluation.candidate[locale]?.crossValidation;
            if (cv && scores) scores.crossValidation = cv;
          }
          cached = {
            candidate: (candidate ?? {}) as Record<string, LocaleScores>,
            live: await withLiveCrossValidation(current ?? {}, live.versionId ?? null),
          };
          rescored.set(key, cached);
        }
        figures = cached;
      }
      return compareWithLive(
        figures.candidate as Record<Locale, LocaleScores>,
        figures.live as Record<Locale, LocaleScores> | null,
        await removedWithTraffic(corpus),
      );
    },

    async publish(versionId, by) {
      const version = await readyVersion(versionId);
      const verdict = await service.compare(version);
      const overriding = Boolean(verdict?.worse);
      if (verdict && overriding) {
        if (!by.overrideReason) {
          throw new TrainingError(
            'CONSOLE_ERR_MODEL_WORSE',
            `Model v${version.number} is worse than the live model: ${describeReasons(verdict.reasons)}`,
            { status: 409, details: { comparison: verdict } },
          );
        }
        if (!can(by.role, 'models:override')) {
          throw new TrainingError('CONSOLE_ERR_FORBIDDEN', 'Only an admin may publish a worse model.', {
            status: 403,
          });
        }
      }
      await runtime.publish({
        versionId: version.id,
        publishedBy: by.userId,
        reason: overriding ? (by.overrideReason ?? null) : null,
        overridden: overriding,
      });
      log.info({ versionId, number: version.number, overriding }, 'model published');
    },

    async rollback(versionId, by) {
      const version = await readyVersion(versionId);
      const published = await modelStore.listPublications(1000);
      if (!published.some((p) => p.versionId === versionId)) {
        throw new TrainingError(
          'CONSOLE_ERR_NEVER_PUBLISHED',
          `Model v${version.number} was never published; publish it instead.`,
          { status: 409, details: { number: version.number } },
        );
      }
      await runtime.publish({ versionId, publishedBy: by.userId, reason: by.reason, overridden: false });
      log.info({ versionId, number: version.number }, 'model rolled back');
    },
  };
  return service;
}
