/**
 * The training service against the real app: the live model is scored off the main thread (in the
 * training worker), so a training never stalls chats for the half second to two seconds it took.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ConsoleClient, staffClient } from '../../helpers/console-client.ts';
import { type BuiltTestApp, buildTestApp } from '../../helpers/test-app.ts';

describe('createTrainingService', () => {
  let app: BuiltTestApp;
  let editor: ConsoleClient;

  beforeAll(async () => {
    app = await buildTestApp({ env: { CONSOLE_CV_FOLDS: '0' } });
    editor = await staffClient(app.fastify, 'editor');
  });
  afterAll(async () => app.close());

  it('scores the live model in the worker, never with the live engine on the main thread', async () => {
    const stored = await editor.call('GET', '/intents/ja/shipping.fee');
    const intent = { ...stored.body.intent, tests: ['送料っていくらですか', '配送料を教えてください'] };
    expect((await editor.call('PUT', '/intents/ja/shipping.fee', { domain: 'test', intent })).status).toBe(
      200,
    );
    const live = app.fastify.botRuntime.live()!;
    const predict = vi.spyOn(live.engine, 'predict');
    const started = await editor.call('POST', '/models/train');
    expect(started.status).toBe(202);
    await app.fastify.training.settled(started.body.id);
    const detail = await editor.call('GET', `/models/${started.body.id}`);
    expect(detail.body.version.status).toBe('ready');
    expect(detail.body.evaluation.live.ja.tests).toBeGreaterThan(0);
    expect(predict).not.toHaveBeenCalled();
  });
});
