/**
 * GET /chat (WebSocket): the shopper chat protocol (docs/protocol.md). Each socket gets a ChatSession (server/chat/).
 * Guards, all per docs/protocol.md "Limits": before the upgrade, the Origin allow-list (403), the
 * per-client handshake rate (429, shared by every process and instance, server/limits/) and the per-IP
 * connection cap (429); on the socket, a token bucket per connection (CHAT_ERR_RATE_LIMITED), the
 * per-client conversation, message and handoff rates (CHAT_ERR_CLIENT_RATE_LIMITED,
 * CHAT_ERR_HANDOFF_RATE_LIMITED), ws's maxPayload (close 1009), and a cap on unsent bytes for clients
 * that stop reading (close 1008). Refusals are logged once per client and minute, without stacks.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { BusinessCalendar } from '../../bot/calendar/business-calendar.ts';
import { chatModel } from '../chat/chat-model.ts';
import { ChatSession } from '../chat/chat-session.ts';
import { tickCork } from '../chat/tick-cork.ts';
import { TokenBucket } from '../chat/token-bucket.ts';
import { originAllowed } from '../config/network-options.ts';
import { clientKey } from '../limits/client-key.ts';

export interface ChatRouteOptions {
  maxTextLength: number;
  now: () => Date;
  /** The shop's business calendar (shop status and greeting in `welcome`). */
  calendar: BusinessCalendar;
  /** Origins whose pages may connect (besides this server's own); undefined: any origin. */
  allowedOrigins: string[] | undefined;
  /** Token bucket per socket: frames per minute on average, and at once. */
  ratePerMinute: number;
  rateBurst: number;
  /**
   * Open sockets per client (fastify's request.ip, which honours trustProxy; an IPv6 /64), counted with
   * the per-client limits (per process, by the cluster primary, or in PostgreSQL).
   */
  maxConnectionsPerIp: number;
  /** Unsent bytes a socket may hold before it is closed with 1008. */
  maxBufferedBytes: number;
}

/** Close code for a client that stopped reading (RFC 6455 1008 Policy Violation). */
export const CLOSE_TOO_SLOW = 1008;

const chat: FastifyPluginAsync<ChatRouteOptions> = async (fastify, options) => {
  const metrics = fastify.metrics.chat('widget');
  if (!options.allowedOrigins) {
    fastify.log.warn(
      'ALLOWED_ORIGINS is not set: /chat accepts WebSocket handshakes from any web page; set it to the shop origins (https://shop.example.jp)',
    );
  }

  fastify.get(
    '/chat',
    {
      websocket: true,
      // The chat protocol is a WebSocket (docs/protocol.md), not part of the console API's reference.
      schema: { hide: true },
      // No "incoming request"/"request completed" lines per handshake: a client opening sockets in a loop
      // would fill the log. Refusals and failures are logged (sampled) below.
      logLevel: 'warn',
      // Runs before the upgrade: a reply here is a plain HTTP response and the socket is never upgraded.
      onRequest: async (request, reply) => {
        if (!request.ws) return;
        const origin = request.headers.origin;
        if (!originAllowed(origin, options.allowedOrigins, `${request.protocol}://${request.host}`)) {
          fastify.refusalLog('chat handshake refused: origin not allowed', request.ip, {
            origin: origin?.slice(0, 200),
          });
          return reply
            .code(403)
            .send({ code: 'CHAT_ERR_ORIGIN_FORBIDDEN', message: 'This origin may not open the chat.' });
        }
        const handshake = await fastify.clientLimits.admit('handshake', request.ip);
        if (!handshake.allowed) {
          fastify.refusalLog('chat handshake refused: client over CLIENT_HANDSHAKES_PER_MINUTE', request.ip);
          return reply
            .code(429)
            .header('retry-after', String(Math.max(1, Math.ceil(handshake.retryAfterMs / 1000))))
            .send({ code: 'CHAT_ERR_TOO_MANY_HANDSHAKES', message: 'Too many chat connections opened.' });
        }
        const release = await fastify.connectionCap.acquire(
          clientKey(request.ip),
          options.maxConnectionsPerIp,
        );
        if (!release) {
          fastify.refusalLog('chat handshake refused: too many connections from this IP', request.ip);
          return reply
            .code(429)
            .header('retry-after', '10')
            .send({ code: 'CHAT_ERR_TOO_MANY_CONNECTIONS', message: 'Too many chat connections.' });
        }
        // The TCP socket closes once, whether the upgrade failed or the WebSocket ended later. (injectWS
        // has no TCP socket: such test connections are not counted.)
        const tcp = request.raw.socket as typeof request.raw.socket | undefined;
        if (tcp) tcp.once('close', release);
        else release();
      },
    },
    (socket, request) => {
      const bucket = new TokenBucket(options.rateBurst, options.ratePerMinute);
      const corkForThisTick = tickCork(socket);
      const session: ChatSession = new ChatSession(
        {
          storage: fastify.storage,
          model: () => chatModel(fastify.botRuntime, request.log),
          now: options.now,
          calendar: options.calendar,
          escalations: fastify.limitedEscalations(request.ip),
          ...(fastify.shopConnector ? { connector: fastify.shopConnector } : {}),
          ...(fastify.shopperTokens ? { shopperTokens: fastify.shopperTokens } : {}),
          maxTextLength: options.maxTextLength,
          admit: () => bucket.take(),
          admitClient: async (kind) => {
            const admitted = await fastify.clientLimits.admit(kind, request.ip);
            if (!admitted.allowed) {
              fastify.refusalLog(`chat ${kind} refused: client over its CLIENT_* limit`, request.ip);
            }
            return admitted.allowed;
          },
          maskText: fastify.privacy.mask,
          staffMessages: fastify.staffMessages,
          conversationNews: fastify.conversationNews,
          metrics,
          log: request.log,
        },
        (frame) => {
          if (socket.readyState !== socket.OPEN) return;
          if (socket.bufferedAmount > options.maxBufferedBytes) {
            // The client stopped reading: more frames would only grow this process's memory. ws destroys
            // the socket if the close handshake does not finish within its closeTimeout (30 s).
            request.log.warn(
              {
                conversationId: session.conversationId,
                ip: request.ip,
                bufferedBytes: socket.bufferedAmount,
              },
              'chat socket closed: the client stopped reading',
            );
            socket.close(CLOSE_TOO_SLOW, 'client too slow');
            return;
          }
          corkForThisTick();
          socket.send(JSON.stringify(frame));
        },
      );
      socket.on('message', (data, isBinary) => {
        void session.handleRaw(isBinary ? '' : data.toString());
      });
      socket.on('close', () => session.close());
    },
  );
};

export default chat;
