import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BuiltTestApp, buildTestApp } from '../../helpers/test-app.ts';

describe('health routes', () => {
  let app: BuiltTestApp;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  test('healthz answers while the process lives', async () => {
    const response = await app.fastify.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
  });

  test('readyz is ready once the bot and storage are', async () => {
    const response = await app.fastify.inject({ method: 'GET', url: '/readyz' });
    expect(response.json()).toEqual({ status: 'ready', bot: true, storage: true });
  });

  test('readyz waits for the chat warm-up, so no shopper queues behind it', async () => {
    let warm = false;
    const warming = await buildTestApp({ chatWarm: () => warm });
    try {
      const before = await warming.fastify.inject({ method: 'GET', url: '/readyz' });
      expect(before.statusCode).toBe(503);
      expect(before.json()).toMatchObject({ status: 'starting', storage: true });
      warm = true;
      const after = await warming.fastify.inject({ method: 'GET', url: '/readyz' });
      expect(after.statusCode).toBe(200);
    } finally {
      await warming.close();
    }
  });

  test('serves the demo page at /', async () => {
    const response = await app.fastify.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });
});
