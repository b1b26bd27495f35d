/**
 * The outbox for operators: mails per delivery status, the newest mails (optionally of one status), and
 * whether SMTP is configured at all (without it every mail waits here and in the server log).
 */
import type { FastifyPluginAsync } from 'fastify';
import { OutboxList, OutboxQuery } from '../../schemas/console-api.ts';
import { toMailView } from './mail-views.ts';
import { consoleRouteSchema } from './route-schema.ts';

const outbox: FastifyPluginAsync = async (fastify) => {
  const read = fastify.consoleAuth.requirePermission('outbox:read');

  fastify.get<{ Querystring: OutboxQuery }>(
    '/outbox',
    {
      schema: consoleRouteSchema('GET', {
        tag: 'outbox',
        summary: 'Mails per delivery status and the newest mails (optionally of one status)',
        description: 'Default 200, `limit` up to 500; `smtpConfigured` is false without SMTP_URL.',
        access: read,
        querystring: OutboxQuery,
        response: { 200: OutboxList },
      }),
      onRequest: read,
    },
    async (request) => {
      const { status, limit } = request.query;
      const [counts, mails] = [
        await fastify.escalationReview.countOutbox(),
        await fastify.escalationReview.listOutbox({
          ...(status === undefined ? {} : { status }),
          ...(limit === undefined ? {} : { limit }),
        }),
      ];
      return { smtpConfigured: fastify.consoleSettings.smtpConfigured, counts, mails: mails.map(toMailView) };
    },
  );
};

export default outbox;
