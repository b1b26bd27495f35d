/**
 * GET /healthz: the process is alive. GET /readyz: the model is loaded and warmed and storage answers,
 * so a load balancer sends shoppers only to an instance that can reply at once.
 */
import type { FastifyPluginAsync } from 'fastify';

const health: FastifyPluginAsync = async (fastify) => {
  fastify.get('/healthz', async () => ({ status: 'ok' }));
  fastify.get('/readyz', async (_request, reply) => {
    const botReady = fastify.botRuntime.current() !== undefined;
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
