/**
 * POST /line/webhook: LINE's webhook (docs/line.md). The signature is verified on the RAW body before
 * anything is parsed or stored (HMAC-SHA256 with the channel secret, base64, in x-line-signature; the
 * SDK's validateSignature compares in constant time): a missing or wrong one is 401
 * LINE_ERR_BAD_SIGNATURE and nothing is stored. A verified request's events are stored in one
 * transaction and only then answered 200, so LINE redelivers what a crash lost; a redelivered event
 * (same webhookEventId) stores nothing. LINE's verify request (no events) gets 200 as well.
 */
import { validateSignature } from '@line/bot-sdk';
import type { FastifyPluginAsync } from 'fastify';
import type { LineInboxStore } from './line-inbox-store.ts';
import { inboxEventsOf, parseWebhookRequest } from './webhook-events.ts';

/** Options of the webhook route. */
export interface WebhookRouteOptions {
  channelSecret: string;
  inbox: Pick<LineInboxStore, 'storeEvents'>;
  now(): Date;
  /** Told once events were stored (the worker starts on them at once instead of at its next poll). */
  onStored(): void;
}

const webhookRoute: FastifyPluginAsync<WebhookRouteOptions> = async (fastify, options) => {
  // This plugin's own parsers (encapsulated): every body arrives as the raw bytes LINE signed.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  fastify.post('/line/webhook', { schema: { hide: true }, logLevel: 'warn' }, async (request, reply) => {
    const signature = request.headers['x-line-signature'];
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (typeof signature !== 'string' || !validateSignature(raw, options.channelSecret, signature)) {
      fastify.refusalLog('LINE webhook refused: bad signature', request.ip);
      return reply
        .code(401)
        .send({ code: 'LINE_ERR_BAD_SIGNATURE', message: 'The x-line-signature does not match the body.' });
    }
    const parsed = parseWebhookRequest(raw);
    if (!parsed) {
      return reply
        .code(400)
        .send({ code: 'LINE_ERR_BAD_REQUEST', message: 'The body is not a LINE webhook request.' });
    }
    const { events, ignored } = inboxEventsOf(parsed);
    const result = await options.inbox.storeEvents(events, options.now());
    if (result.duplicates > 0 || ignored > 0) {
      request.log.info({ duplicates: result.duplicates, ignored }, 'LINE webhook: events not stored');
    }
    if (result.stored > 0) options.onStored();
    return reply.code(200).send({});
  });
};

export default webhookRoute;
