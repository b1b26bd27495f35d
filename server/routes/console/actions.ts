/**
 * The bot's actions for operators: who (the verified customer id), what (the change and the
 * subscription), when, and the result, newest first, optionally of one conversation. Read with
 * `escalations:read`: it names customers, as transcripts do.
 */
import type { FastifyPluginAsync } from 'fastify';
import { BotActionList, BotActionsQuery } from '../../schemas/console-api.ts';
import { consoleRouteSchema } from './route-schema.ts';

const actions: FastifyPluginAsync = async (fastify) => {
  const read = fastify.consoleAuth.requirePermission('escalations:read');

  fastify.get<{ Querystring: BotActionsQuery }>(
    '/actions',
    {
      schema: consoleRouteSchema('GET', {
        tag: 'escalations',
        summary: "The bot's actions, newest first, optionally of one conversation",
        description:
          'Who (the verified customer id), what (the change and the subscription), when, and the result.',
        access: read,
        querystring: BotActionsQuery,
        response: { 200: BotActionList },
      }),
      onRequest: read,
    },
    async (request) => {
      const { conversationId, limit } = request.query;
      const records = await fastify.storage.listBotActions({
        ...(conversationId === undefined ? {} : { conversationId }),
        ...(limit === undefined ? {} : { limit }),
      });
      return {
        actions: records.map(({ actionId: _actionId, createdAt, ...rest }) => ({
          ...rest,
          createdAt: createdAt.toISOString(),
        })),
      };
    },
  );
};

export default actions;
