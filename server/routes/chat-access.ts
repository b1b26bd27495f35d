/**
 * GET /chat/access: whether a page of the request's origin may open the chat socket (ALLOWED_ORIGINS),
 * and the shop's support contact (docs/protocol.md, "Connecting"). A browser only sees a failed
 * WebSocket handshake, not its 403; the widget asks here so that a misconfiguration reads as "the chat
 * is unavailable, reach the shop this way" instead of an outage it retries forever.
 */
import type { FastifyPluginAsync } from 'fastify';
import { originAllowed } from '../config/network-options.ts';
import { ChatAccessResponse } from '../schemas/protocol.ts';

export interface ChatAccessRouteOptions {
  /** Origins whose pages may connect (besides this server's own); undefined: any origin. */
  allowedOrigins: string[] | undefined;
  /** The shop's support contact, from shop.yaml. */
  contact: ChatAccessResponse['contact'];
}

const chatAccess: FastifyPluginAsync<ChatAccessRouteOptions> = async (fastify, options) => {
  fastify.get(
    '/chat/access',
    // The widget's, not the console API's: not in its reference (server/plugins/openapi.ts).
    { schema: { hide: true, response: { 200: ChatAccessResponse } } },
    async (request, reply): Promise<ChatAccessResponse> => {
      // Any page may read the answer: it is the refused page that needs it, and it holds nothing secret.
      reply.header('access-control-allow-origin', '*').header('cache-control', 'no-store');
      const allowed = originAllowed(
        request.headers.origin,
        options.allowedOrigins,
        `${request.protocol}://${request.host}`,
      );
      return { allowed, code: allowed ? null : 'CHAT_ERR_ORIGIN_FORBIDDEN', contact: options.contact };
    },
  );
};

export default chatAccess;
