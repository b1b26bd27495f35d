/**
 * Training and publishing: start a training, follow its progress, see its evaluation and the per-intent
 * comparison with the live model, publish it (a worse one only by an admin with a reason), and roll
 * back to an earlier published version.
 */
import type { FastifyPluginAsync } from 'fastify';
import { ConsoleHttpError } from '../../plugins/console-auth.ts';
import {
  ModelDetail,
  ModelList,
  ModelParams,
  ModelVersionSummary,
  PublishBody,
  RollbackBody,
} from '../../schemas/console-api.ts';
import type { ModelPublication, ModelVersionInfo } from '../../storage/model-store.ts';
import { consoleRouteSchema } from './route-schema.ts';

/** Staff names by id, for "created by" and "published by". */
type Names = Map<string, string>;
const nameOf = (names: Names, id: string | null): string | null =>
  id === null ? null : (names.get(id) ?? null);

function toSummary(
  version: ModelVersionInfo,
  liveId: string | null,
  published: Set<string>,
  names: Names,
): ModelVersionSummary {
  return {
    id: version.id,
    number: version.number,
    status: version.status,
    progress: version.progress,
    createdAt: version.createdAt.toISOString(),
    createdBy: version.createdBy,
    createdByName: nameOf(names, version.createdBy),
    finishedAt: version.finishedAt?.toISOString() ?? null,
    error: version.error,
    live: version.id === liveId,
    published: published.has(version.id),
    utterances: version.utterances,
  };
}

function toPublicationView(p: ModelPublication, names: Names) {
  return {
    id: p.id,
    versionId: p.versionId,
    versionNumber: p.versionNumber,
    publishedAt: p.publishedAt.toISOString(),
    publishedBy: p.publishedBy,
    publishedByName: nameOf(names, p.publishedBy),
    reason: p.reason,
    overridden: p.overridden,
  };
}

const modelRoutes: FastifyPluginAsync = async (fastify) => {
  const read = fastify.consoleAuth.requirePermission('corpus:read');
  const train = fastify.consoleAuth.requirePermission('models:train');
  const publish = fastify.consoleAuth.requirePermission('models:publish');
  const store = fastify.modelStore;

  /** The publications, the live version and the versions ever published (no version rows read). */
  async function publicationState() {
    const publications = await store.listPublications();
    const liveId = fastify.botRuntime.live()?.versionId ?? publications[0]?.versionId ?? null;
    return { publications, liveId, published: new Set(publications.map((p) => p.versionId)) };
  }

  async function modelList(): Promise<ModelList> {
    const { publications, liveId, published } = await publicationState();
    const names = await fastify.staff.namesById();
    return {
      liveVersionId: liveId,
      versions: (await store.listVersions()).map((v) => toSummary(v, liveId, published, names)),
      publications: publications.map((p) => toPublicationView(p, names)),
    };
  }

  fastify.get(
    '/models',
    {
      schema: consoleRouteSchema('GET', {
        tag: 'models',
        summary: 'The model versions, the live one and the publication history',
        access: read,
        response: { 200: ModelList },
      }),
      onRequest: read,
    },
    modelList,
  );

  fastify.post(
    '/models/train',
    {
      schema: consoleRouteSchema('POST', {
        tag: 'models',
        summary: 'Start training a model on the stored corpus (in the background)',
        description: 'Follow its progress with GET /models/{id}.',
        access: train,
        response: { 202: ModelVersionSummary },
        refusals: {
          409: ['CONSOLE_ERR_TRAINING_RUNNING', 'CONSOLE_ERR_SHUTTING_DOWN'],
          422: ['CONSOLE_ERR_CORPUS_TOO_LARGE'],
        },
      }),
      onRequest: train,
    },
    async (request, reply) => {
      // The training service's refusals are ServerErrors: the app's error handler sends their code.
      const version = await fastify.training.start(request.staffSession?.user.id ?? null);
      return reply.code(202).send(toSummary(version, null, new Set(), await fastify.staff.namesById()));
    },
  );

  fastify.get<{ Params: ModelParams }>(
    '/models/:id',
    {
      schema: consoleRouteSchema('GET', {
        tag: 'models',
        summary: 'One model version: its progress, evaluation and comparison with the live model',
        access: read,
        params: ModelParams,
        response: { 200: ModelDetail },
        refusals: { 404: ['CONSOLE_ERR_NOT_FOUND'] },
      }),
      onRequest: read,
    },
    async (request) => {
      const version = await store.getVersion(request.params.id);
      if (!version) throw new ConsoleHttpError(404, 'CONSOLE_ERR_NOT_FOUND', 'No such model version.');
      // Polled every second while a model trains: only the publications, not every version's corpus.
      const { liveId, published } = await publicationState();
      return {
        version: toSummary(version, liveId, published, await fastify.staff.namesById()),
        evaluation: version.evaluation,
        comparison: version.id === liveId ? null : await fastify.training.compare(version),
      } satisfies ModelDetail;
    },
  );

  fastify.post<{ Params: ModelParams; Body: PublishBody }>(
    '/models/:id/publish',
    {
      schema: consoleRouteSchema('POST', {
        tag: 'models',
        summary: 'Publish a ready model version: it answers shoppers from their next message',
        description:
          'A version the publish gate finds worse is refused (409 CONSOLE_ERR_MODEL_WORSE, the verdict in details.comparison) unless an admin gives overrideReason (403 CONSOLE_ERR_FORBIDDEN for others).',
        access: publish,
        params: ModelParams,
        body: PublishBody,
        response: { 200: ModelList },
        refusals: {
          404: ['CONSOLE_ERR_NOT_FOUND'],
          409: ['CONSOLE_ERR_MODEL_NOT_READY', 'CONSOLE_ERR_MODEL_WORSE'],
        },
      }),
      onRequest: publish,
    },
    async (request) => {
      const session = request.staffSession;
      if (!session) throw new ConsoleHttpError(401, 'CONSOLE_ERR_UNAUTHENTICATED', 'Sign in first.');
      // A worse model's refusal (409) carries the gate's verdict as `details.comparison`.
      await fastify.training.publish(request.params.id, {
        userId: session.user.id,
        role: session.user.role,
        ...(request.body.overrideReason ? { overrideReason: request.body.overrideReason } : {}),
      });
      return modelList();
    },
  );

  fastify.post<{ Params: ModelParams; Body: RollbackBody }>(
    '/models/:id/rollback',
    {
      schema: consoleRouteSchema('POST', {
        tag: 'models',
        summary: 'Make an earlier published version live again; the reason is kept',
        access: publish,
        params: ModelParams,
        body: RollbackBody,
        response: { 200: ModelList },
        refusals: {
          404: ['CONSOLE_ERR_NOT_FOUND'],
          409: ['CONSOLE_ERR_MODEL_NOT_READY', 'CONSOLE_ERR_NEVER_PUBLISHED'],
        },
      }),
      onRequest: publish,
    },
    async (request) => {
      await fastify.training.rollback(request.params.id, {
        userId: request.staffSession?.user.id ?? null,
        reason: request.body.reason,
      });
      return modelList();
    },
  );
};

export default modelRoutes;
