/**
 * The console's training service (server/console/training-service.ts) on the app, after the bot runtime
 * whose model it swaps.
 */
import fp from 'fastify-plugin';
import { createTrainingService, type TrainingService } from '../console/training-service.ts';
import { intentTraffic } from '../storage/intent-traffic.ts';

declare module 'fastify' {
  interface FastifyInstance {
    training: TrainingService;
  }
}

/** Options of the training plugin. */
export interface TrainingPluginOptions {
  /** Cross-validation folds per training (CONSOLE_CV_FOLDS). */
  folds: number;
  now: () => Date;
}

export default fp<TrainingPluginOptions>(
  async (fastify, options) => {
    const training = createTrainingService({
      corpusStore: fastify.corpusStore,
      modelStore: fastify.modelStore,
      runtime: fastify.botRuntime,
      folds: options.folds,
      now: options.now,
      intentTraffic: (since) => intentTraffic(fastify.storage.database(), since),
      log: fastify.log.child({ component: 'training' }),
    });
    fastify.decorate('training', training);
    // A training interrupted by a crash (or an out-of-memory kill) of another start of this server.
    const recovered = await training.recover();
    if (recovered > 0)
      fastify.log.warn({ recovered }, 'marked trainings interrupted by a stopped process as failed');
    // Registered after storage, so this runs before storage closes: running trainings end as failed.
    fastify.addHook('onClose', async () => training.stop());
  },
  { name: 'training', dependencies: ['bot-runtime'] },
);
