import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltTestApp, buildTestApp } from '../helpers/test-app.ts';

describe('unknown URLs', () => {
  let app: BuiltTestApp;
  beforeAll(async () => {
    app = await buildTestApp({ env: { HTTP_NOT_FOUND_PER_MINUTE: '5' } });
  });
  afterAll(async () => app.close());

  it('get a JSON 404 with a stable code, and 429 once a client keeps guessing', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const response = await app.fastify.inject({
        method: 'GET',
        url: `/api/console/escalations/guess-${i}-${'x'.repeat(150)}`,
        remoteAddress: '198.51.100.7',
      });
      statuses.push(response.statusCode);
      expect(typeof response.json().code).toBe('string');
      if (i === 0) expect(response.json()).toMatchObject({ code: 'SERVER_ERR_NOT_FOUND' });
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
    const other = await app.fastify.inject({ method: 'GET', url: '/nope', remoteAddress: '198.51.100.8' });
    expect(other.statusCode).toBe(404);
  });
});
