/**
 * The application as a fastify plugin (fastify/demo style): external plugins, then our services, then
 * routes. server/main.ts only starts it; tests register it with their own options.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Corpus } from '../bot/corpus/load-corpus.ts';
import type { IntentEngine } from '../bot/nlu/intent-engine.ts';
import lineChannel from './channels/line/line-channel.ts';
import { lineOptions } from './channels/line/line-options.ts';
import type { AppConfig } from './config/load-config.ts';
import { allowedOrigins } from './config/network-options.ts';
import { businessCalendar } from './config/shop-calendar.ts';
import { demoShopMode } from './demo-shop/demo-mode.ts';
import { sharedRateLimitStore } from './limits/rate-limit-store.ts';
import botRuntime from './plugins/bot-runtime.ts';
import clientLimits from './plugins/client-limits.ts';
import connectorPlugin from './plugins/connector.ts';
import consoleAuth from './plugins/console-auth.ts';
import consoleStores from './plugins/console-stores.ts';
import demoShopPlugin from './plugins/demo-shop.ts';
import mailPlugin from './plugins/mail.ts';
import metricsPlugin from './plugins/metrics.ts';
import modelSync from './plugins/model-sync.ts';
import openapiPlugin from './plugins/openapi.ts';
import privacyPlugin from './plugins/privacy.ts';
import shopperIdentity from './plugins/shopper-identity.ts';
import staffReplies from './plugins/staff-replies.ts';
import storagePlugin from './plugins/storage.ts';
import trainingPlugin from './plugins/training.ts';
import chatRoute from './routes/chat.ts';
import chatAccessRoute from './routes/chat-access.ts';
import consoleApi from './routes/console/index.ts';
import consolePage from './routes/console-page.ts';
import healthRoute from './routes/health.ts';
import widgetRoute from './routes/widget.ts';
import type { Storage } from './storage/repository.ts';

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

/** Options of the app plugin. */
export interface AppOptions {
  config: AppConfig;
  /** An open storage to use instead of opening one (tests). */
  storage?: Storage;
  /** False while server/main.ts warms the chat path after listening; /readyz waits for it. */
  chatWarm?: () => boolean;
  /** A trained engine and its corpus (tests), instead of loading or training at start. */
  prepared?: { engine: IntentEngine; corpus: Corpus };
  /**
   * The conversation clock: timestamps and the business calendar (tests pass a fixed one). The mail
   * relay keeps the real clock for retries and leases, so a frozen conversation never freezes backoff.
   */
  now?: () => Date;
}

/** Shuts WebSockets with 1001 "going away", so widgets reconnect to another instance or after restart. */
async function closeSocketsGoingAway(this: FastifyInstance): Promise<void> {
  for (const client of this.websocketServer.clients) client.close(1001, 'server shutting down');
}

const app: FastifyPluginAsync<AppOptions> = async (fastify, options) => {
  const { shop } = options.config;
  // The demo shop is decided once; when it is on without SHOPPER_TOKEN_SECRET, its random token secret
  // becomes the verification secret too, so demo sign-in tokens are accepted by the chat.
  const demo = demoShopMode(options.config.env);
  const env =
    demo.enabled && !options.config.env.SHOPPER_TOKEN_SECRET
      ? { ...options.config.env, SHOPPER_TOKEN_SECRET: demo.tokenSecret }
      : options.config.env;
  // One error handler: 4xx messages pass through, 5xx become a generic message (no internals leak).
  // Set first: plugins registered later inherit it, those registered before keep fastify's default.
  fastify.setErrorHandler(
    (
      error: { statusCode?: number; code?: string; message: string; details?: Record<string, unknown> },
      request,
      reply,
    ) => {
      const status =
        error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status >= 500) {
        request.log.error({ err: error }, 'request failed');
        fastify.metrics.httpServerError();
      }
      return reply.code(status).send({
        code: error.code ?? (status >= 500 ? 'SERVER_ERR_INTERNAL' : 'SERVER_ERR_BAD_REQUEST'),
        message: status >= 500 ? 'Internal Server Error' : error.message,
        ...(status < 500 && error.details ? { details: error.details } : {}),
      });
    },
  );
  // External plugins.
  await fastify.register(fastifyWebsocket, {
    options: { maxPayload: env.CHAT_MAX_FRAME_BYTES },
    preClose: closeSocketsGoingAway,
    // An error on an open socket (an oversized frame, ws closes with 1009; a protocol error) is the
    // client's doing and its stack says nothing: one short line per client and minute, not 2.1 KB with a
    // stack per socket (server/limits/refusal-log.ts). Then the socket goes, as by default.
    errorHandler: (error: Error & { code?: string }, socket, request) => {
      fastify.refusalLog('chat socket error', request.ip, {
        code: error.code ?? 'unknown',
        error: error.message.slice(0, 200),
      });
      socket.terminate();
    },
  });
  await fastify.register(fastifyStatic, { root: PUBLIC_DIR, index: 'index.html' });
  // Records the routes registered after it: the console API's reference (server/plugins/openapi.ts).
  await fastify.register(openapiPlugin);
  // Per client IP; only routes that opt in (sign-in, not-found) are limited. Counted in the per-client
  // limits' shared store (server/limits/), so every process and instance counts together.
  await fastify.register(fastifyRateLimit, {
    global: false,
    store: sharedRateLimitStore(() =>
      fastify.hasDecorator('clientLimits') ? fastify.clientLimits.store : undefined,
    ),
    errorResponseBuilder: (_request, context) => ({
      statusCode: context.statusCode,
      code: 'SERVER_ERR_RATE_LIMITED',
      message: `Too many requests; try again in ${context.after}.`,
    }),
  });
  // Unknown URLs: a JSON error with a stable code, rate-limited per client IP so scanning for paths
  // (or guessing ids) is slowed down.
  fastify.setNotFoundHandler(
    { preHandler: fastify.rateLimit({ max: env.HTTP_NOT_FOUND_PER_MINUTE, timeWindow: 60_000 }) },
    async (request, reply) =>
      reply.code(404).send({
        code: 'SERVER_ERR_NOT_FOUND',
        message: `No route for ${request.method} ${(request.url.split('?')[0] ?? '').slice(0, 200)}`,
      }),
  );
  // Our services.
  await fastify.register(storagePlugin, {
    ...(options.storage ? { storage: options.storage } : {}),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    dataDir: env.DATA_DIR,
    sqliteSynchronous: env.SQLITE_SYNCHRONOUS,
  });
  await fastify.register(metricsPlugin, { env });
  await fastify.register(botRuntime, {
    corpusDir: env.CORPUS_DIR,
    dataDir: env.DATA_DIR,
    shop,
    pollIntervalMs: env.MODEL_POLL_SECONDS * 1000,
    nluThreads: env.NLU_THREADS,
    now: options.now ?? (() => new Date()),
    ...(options.prepared ? { prepared: options.prepared } : {}),
  });
  await fastify.register(modelSync, env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {});
  await fastify.register(staffReplies, env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {});
  await fastify.register(mailPlugin, { env, shop });
  await fastify.register(shopperIdentity, { env, ...(options.now ? { now: options.now } : {}) });
  await fastify.register(clientLimits, { env, shop });
  await fastify.register(consoleAuth, { env, ...(options.now ? { now: options.now } : {}) });
  await fastify.register(consoleStores, { env, shop });
  if (demo.enabled) {
    await fastify.register(demoShopPlugin, {
      mode: demo,
      timeZone: shop.timeZone,
      now: options.now ?? (() => new Date()),
    });
  }
  await fastify.register(connectorPlugin, { env, demo });
  await fastify.register(privacyPlugin, { env, shop, ...(options.now ? { now: options.now } : {}) });
  await fastify.register(trainingPlugin, {
    folds: env.CONSOLE_CV_FOLDS,
    now: options.now ?? (() => new Date()),
  });
  // Routes.
  await fastify.register(healthRoute, options.chatWarm ? { chatWarm: options.chatWarm } : {});
  await fastify.register(widgetRoute);
  await fastify.register(consolePage);
  await fastify.register(consoleApi, {
    prefix: '/api/console',
    env,
    shop,
    now: options.now ?? (() => new Date()),
  });
  await fastify.register(chatAccessRoute, {
    allowedOrigins: env.ALLOWED_ORIGINS ? allowedOrigins(env.ALLOWED_ORIGINS) : undefined,
    contact: { email: shop.supportEmail, phone: shop.supportPhone, hours: shop.supportHours },
  });
  await fastify.register(chatRoute, {
    maxTextLength: env.CHAT_MAX_TEXT_LENGTH,
    now: options.now ?? (() => new Date()),
    calendar: businessCalendar(shop),
    allowedOrigins: env.ALLOWED_ORIGINS ? allowedOrigins(env.ALLOWED_ORIGINS) : undefined,
    ratePerMinute: env.CHAT_RATE_PER_MINUTE,
    rateBurst: env.CHAT_RATE_BURST,
    maxConnectionsPerIp: env.CHAT_MAX_CONNECTIONS_PER_IP,
    maxBufferedBytes: env.CHAT_MAX_BUFFERED_BYTES,
  });
  // The LINE channel (docs/line.md): on only with its secret and access token.
  const line = lineOptions(env, demo.enabled);
  if (line) {
    await fastify.register(lineChannel, {
      line,
      maxTextLength: env.CHAT_MAX_TEXT_LENGTH,
      now: options.now ?? (() => new Date()),
      calendar: businessCalendar(shop),
    });
  }
};

export default fp(app, { name: 'app' });
