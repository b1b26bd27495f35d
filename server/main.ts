/**
 * Process entry: validates configuration, starts the app, and shuts down gracefully on SIGINT/SIGTERM
 * (sockets closed with 1001, storage flushed and closed). With SERVER_PROCESSES > 1 this process becomes
 * a cluster primary (cluster-primary.ts) and every worker runs the app on the same port.
 */
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import closeWithGrace from 'close-with-grace';
import Fastify from 'fastify';
import app from './app.ts';
import { warmUpChatSocket } from './chat/warm-up.ts';
import { runClusterPrimary, WORKER_READY } from './cluster-primary.ts';
import { ConfigError, loadConfig } from './config/load-config.ts';
import { LOG_REDACTION } from './config/log-redaction.ts';
import { trustProxyOption } from './config/network-options.ts';
import { demoShopMode } from './demo-shop/demo-mode.ts';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

if (config.env.SERVER_PROCESSES > 1 && cluster.isPrimary) {
  // The demo's random token secret must be the same in every worker (a token signed by one is verified
  // by another): pick it here, the workers inherit the environment.
  if (demoShopMode(config.env).enabled && !config.env.SHOPPER_TOKEN_SECRET) {
    process.env.SHOPPER_TOKEN_SECRET = randomBytes(32).toString('hex');
  }
  await runClusterPrimary(config.env.SERVER_PROCESSES, config.env);
} else {
  await startServer(config);
}

async function startServer(config: ReturnType<typeof loadConfig>): Promise<void> {
  const fastify = Fastify({
    logger: { level: config.env.LOG_LEVEL, redact: LOG_REDACTION },
    // HTTP bodies are small JSON (the console API); larger ones are refused with 413.
    bodyLimit: config.env.HTTP_BODY_LIMIT_BYTES,
    // Behind a proxy, request.ip (the per-IP chat cap) and request.protocol (the own origin) come from it.
    trustProxy: trustProxyOption(config.env.TRUST_PROXY),
  });
  // Not ready for shoppers (GET /readyz 503) until the warm-up chat below has been answered and removed.
  let chatWarm = false;
  await fastify.register(app, { config, chatWarm: () => chatWarm });

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) fastify.log.error({ err }, 'closing after an error');
    else fastify.log.info({ signal }, 'shutting down');
    await fastify.close();
  });

  await fastify.listen({ port: config.env.PORT, host: config.env.HOST });
  await fastify.botRuntime.ready;
  try {
    const conversationId = await warmUpChatSocket(config.env.HOST, config.env.PORT);
    // Leaves nothing behind: the warm-up chat is not a shopper's.
    if (conversationId) await fastify.privacy.deleteShopperData({ conversationId }, { actor: 'warm-up' });
  } catch (error) {
    fastify.log.warn({ err: error }, 'chat warm-up failed');
  } finally {
    chatWarm = true;
  }
  if (cluster.isWorker) process.send?.({ type: WORKER_READY });
}
