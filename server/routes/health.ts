/**
 * GET /healthz: the process is alive. GET /readyz: the model is loaded and warmed, the chat path is
 * warmed, and storage answers, so a load balancer sends shoppers only to an instance that can reply at
 * once.
 */
import type { FastifyPluginAsync } from 'fastify';

export interface HealthRouteOptions {
  /**
   * False while the process still warms its chat path after listening (server/main.ts): a shopper
   * arriving then would wait behind the warm-up. Absent: always warm (an app that never listens).
   */
  chatWarm?: () => boolean;
}

const health: FastifyPluginAsync<HealthRouteOptions> = async (fastify, options) => {
  // Not part of the console API's reference (server/plugins/openapi.ts).
  const hidden = { schema: { hide: true } };
  fastify.get('/healthz', hidden, async () => ({ status: 'ok' }));
  fastify.get('/readyz', hidden, async (_request, reply) => {
    const botReady = fastify.botRuntime.current() !== undefined && (options.chatWarm?.() ?? true);
    let storageReady = true;
    try {
      await fastify.storage.ping();
    } catch {
      storageReady = false;
    }
    const ok = botReady && storageReady;
    return reply
      .code(ok ? 200 : 503)
      .send({ status: ok ? 'ready' : 'starting', bot: botReady, storage: storageReady });
  });
};

export default health;
