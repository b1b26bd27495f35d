/**
 * Stopping the server while a model trains: the training is stopped and recorded as failed
 * ("interrupted") before storage closes, so nothing rejects after shutdown and a restarted server can
 * train again at once instead of finding a version stuck in "training".
 */
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ModelStore } from '../../../server/storage/model-store.ts';
import { openStorage } from '../../../server/storage/open-storage.ts';
import { staffClient } from '../../helpers/console-client.ts';
import { buildTestApp } from '../../helpers/test-app.ts';

describe('training during shutdown', () => {
  it('is stopped and marked interrupted before storage closes', async () => {
    const app = await buildTestApp();
    const dataDir = app.dataDir;
    const editor = await staffClient(app.fastify, 'editor');
    const started = await editor.call('POST', '/models/train');
    expect(started.status).toBe(202);
    await app.fastify.close();

    const storage = await openStorage({ dataDir });
    try {
      const version = await new ModelStore(() => storage.database(), storage.dialect).getVersion(
        started.body.id,
      );
      expect(version).toMatchObject({ status: 'failed', error: 'training was interrupted (server stopped)' });
    } finally {
      await storage.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
