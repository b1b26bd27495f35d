/**
 * "Try a phrase": what the live model (or a given version, e.g. one just trained) would decide on a
 * text, with the top candidates and scores, and the answer it would give.
 */
import type { FastifyPluginAsync } from 'fastify';
import { LRUCache } from 'lru-cache';
import { renderAnswer } from '../../../bot/answers/render-answer.ts';
import { IntentEngine } from '../../../bot/nlu/intent-engine.ts';
import { normalizeText } from '../../../bot/nlu/normalize.ts';
import { textLocale } from '../../../bot/nlu/text-locale.ts';
import { ownNames, shopFacts } from '../../config/bot-settings.ts';
import type { ShopConfig } from '../../config/shop-config-schema.ts';
import type { LiveModel } from '../../model/model-runtime.ts';
import { ConsoleHttpError } from '../../plugins/console-auth.ts';
import { TryBody, TryResult } from '../../schemas/console-api.ts';
import { consoleRouteSchema } from './route-schema.ts';

/** How many candidates the console shows. */
const CANDIDATES = 5;

const tryRoute: FastifyPluginAsync<{ shop: ShopConfig }> = async (fastify, options) => {
  const facts = shopFacts(options.shop);
  // A tried version stays loaded for the next phrases (models are megabytes; keep two).
  const versions = new LRUCache<string, LiveModel>({ max: 2 });

  async function modelFor(versionId: string | undefined): Promise<LiveModel> {
    const live = fastify.botRuntime.live();
    if (!versionId || versionId === live?.versionId) {
      if (!live)
        throw new ConsoleHttpError(409, 'CONSOLE_ERR_MODEL_NOT_READY', 'The model is still loading.');
      return live;
    }
    const cached = versions.get(versionId);
    if (cached) return cached;
    const artifacts = await fastify.modelStore.loadArtifacts(versionId);
    if (!artifacts)
      throw new ConsoleHttpError(404, 'CONSOLE_ERR_NOT_FOUND', 'No ready model version with that id.');
    const model = {
      engine: await IntentEngine.fromBytes(artifacts.model, { ownNames: ownNames(options.shop) }),
      corpus: { intents: artifacts.corpus },
      versionId,
    };
    versions.set(versionId, model);
    return model;
  }

  const read = fastify.consoleAuth.requirePermission('corpus:read');
  fastify.post<{ Body: TryBody }>(
    '/try',
    {
      schema: consoleRouteSchema('POST', {
        tag: 'corpus',
        summary: 'What the live model (or a given version) would decide and answer on a text',
        access: read,
        body: TryBody,
        response: { 200: TryResult },
        refusals: { 404: ['CONSOLE_ERR_NOT_FOUND'], 409: ['CONSOLE_ERR_MODEL_NOT_READY'] },
      }),
      onRequest: read,
    },
    async (request) => {
      const model = await modelFor(request.body.versionId);
      const fallback = request.body.locale ?? textLocale(normalizeText(request.body.text), 'ja');
      const result = model.engine.predict(request.body.text, fallback);
      const { decision } = result;
      const intent =
        decision.decision === 'answer'
          ? model.corpus.intents.find((i) => i.locale === result.locale && i.id === decision.intent)
          : undefined;
      return {
        locale: result.locale,
        decision: decision.decision,
        intent: decision.intent,
        score: decision.score,
        reason: decision.decision === 'none' ? decision.reason : null,
        clause: result.decidingClause,
        otherCompany: result.otherCompany,
        candidates: result.ranked.slice(0, CANDIDATES).map((c) => ({ intent: c.intent, score: c.score })),
        answer: intent?.answer ? renderAnswer(intent.answer, facts, result.locale) : null,
        versionId: model.versionId,
      } satisfies TryResult;
    },
  );
};

export default tryRoute;
