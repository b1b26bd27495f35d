/** Models: train, compare (the publish gate), publish, roll back (`/models`). */
import { type Static, Type } from '@sinclair/typebox';
import { IdParams, IsoDate, LocaleSchema, Uuid } from './common.ts';

/** Scores of one model on one locale's held-out tests (and cross-validation folds, when run). */
export const LocaleScores = Type.Object({
  inScopeAccuracy: Type.Number(),
  outOfScopeRecall: Type.Number(),
  tests: Type.Integer(),
  perIntent: Type.Record(Type.String(), Type.Object({ total: Type.Integer(), correct: Type.Integer() })),
  crossValidation: Type.Optional(
    Type.Object({ folds: Type.Integer(), inScopeAccuracy: Type.Number(), outOfScopeRecall: Type.Number() }),
  ),
});
export type LocaleScores = Static<typeof LocaleScores>;

/** A model's evaluation, and the live model's on the same tests, taken when training finished. */
export const ModelEvaluation = Type.Object({
  candidate: Type.Record(Type.String(), LocaleScores),
  /** The live model scored on the candidate's tests (null when nothing was live). */
  live: Type.Union([Type.Record(Type.String(), LocaleScores), Type.Null()]),
  liveVersionId: Type.Union([Uuid, Type.Null()]),
});
export type ModelEvaluation = Static<typeof ModelEvaluation>;

/** One line of the comparison table: an intent of a locale, live vs candidate. */
export const IntentComparison = Type.Object({
  locale: LocaleSchema,
  intent: Type.String(),
  total: Type.Integer(),
  liveCorrect: Type.Union([Type.Integer(), Type.Null()]),
  candidateCorrect: Type.Integer(),
});
export type IntentComparison = Static<typeof IntentComparison>;

/** A score the publish gate compares, per locale (bot/nlu/publish-gate.ts GateMeasure). */
export const GateMeasure = Type.Union([
  Type.Literal('in-scope-accuracy'),
  Type.Literal('out-of-scope-recall'),
  Type.Literal('cross-validation-accuracy'),
]);

/**
 * Why the gate finds a candidate worse: a stable code and its figures (scores are ratios 0–1). The
 * console words each code in the staff member's language.
 */
export const GateReason = Type.Union([
  /** An intent the candidate lacks answered `messages` shopper messages recently. */
  Type.Object({
    code: Type.Literal('PUBLISH_GATE_INTENT_REMOVED'),
    locale: LocaleSchema,
    intent: Type.String(),
    messages: Type.Integer(),
  }),
  /** The live model served this locale and the candidate has no model for it. */
  Type.Object({ code: Type.Literal('PUBLISH_GATE_LOCALE_MISSING'), locale: LocaleSchema }),
  /** A score dropped from `live` to `candidate`. */
  Type.Object({
    code: Type.Literal('PUBLISH_GATE_SCORE_DROPPED'),
    locale: LocaleSchema,
    measure: GateMeasure,
    live: Type.Number(),
    candidate: Type.Number(),
  }),
]);
export type GateReason = Static<typeof GateReason>;

/** The publish gate's verdict: `worse` when any reason holds. */
export const ModelComparison = Type.Object({
  worse: Type.Boolean(),
  reasons: Type.Array(GateReason),
  intents: Type.Array(IntentComparison),
});
export type ModelComparison = Static<typeof ModelComparison>;

export const TrainingProgress = Type.Object({
  /** queued | training | evaluating | cross-validating | done */
  stage: Type.String(),
  /** 0–1. */
  fraction: Type.Number(),
  detail: Type.Optional(Type.String()),
});
export type TrainingProgress = Static<typeof TrainingProgress>;

export const ModelVersionSummary = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  status: Type.Union([Type.Literal('training'), Type.Literal('ready'), Type.Literal('failed')]),
  progress: Type.Union([TrainingProgress, Type.Null()]),
  createdAt: IsoDate,
  createdBy: Type.Union([Type.String(), Type.Null()]),
  /** The staff member's name (null for the server's first model or a deleted account). */
  createdByName: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([IsoDate, Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  live: Type.Boolean(),
  /** Was it ever published (rollback targets). */
  published: Type.Boolean(),
  utterances: Type.Integer(),
});
export type ModelVersionSummary = Static<typeof ModelVersionSummary>;

export const Publication = Type.Object({
  id: Uuid,
  versionId: Uuid,
  versionNumber: Type.Integer(),
  publishedAt: IsoDate,
  publishedBy: Type.Union([Type.String(), Type.Null()]),
  /** The staff member's name (null for the server's first model or a deleted account). */
  publishedByName: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  overridden: Type.Boolean(),
});
export type Publication = Static<typeof Publication>;

export const ModelList = Type.Object({
  liveVersionId: Type.Union([Uuid, Type.Null()]),
  versions: Type.Array(ModelVersionSummary),
  publications: Type.Array(Publication),
});
export type ModelList = Static<typeof ModelList>;

export const ModelDetail = Type.Object({
  version: ModelVersionSummary,
  evaluation: Type.Union([ModelEvaluation, Type.Null()]),
  /** Against the model live now (null while training, when failed, or when nothing is live). */
  comparison: Type.Union([ModelComparison, Type.Null()]),
});
export type ModelDetail = Static<typeof ModelDetail>;

export const ModelParams = IdParams;
export type ModelParams = Static<typeof ModelParams>;

/** `POST /models/:id/publish`. A worse model needs `overrideReason` and the admin role. */
export const PublishBody = Type.Object(
  { overrideReason: Type.Optional(Type.String({ minLength: 3, maxLength: 500 })) },
  { additionalProperties: false },
);
export type PublishBody = Static<typeof PublishBody>;

/** `POST /models/:id/rollback`: makes an earlier published version live again; the reason is kept. */
export const RollbackBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500 }) },
  { additionalProperties: false },
);
export type RollbackBody = Static<typeof RollbackBody>;
