import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BuiltTestApp, buildTestApp } from '../../helpers/test-app.ts';

describe('GET /chat/access', () => {
  let app: BuiltTestApp;
  beforeAll(async () => {
    app = await buildTestApp({ env: { ALLOWED_ORIGINS: 'https://shop.example' } });
  });
  afterAll(async () => {
    await app.close();
  });

  test('tells a page of an origin outside ALLOWED_ORIGINS that it may not chat, and how to reach the shop', async () => {
    const response = await app.fastify.inject({
      url: '/chat/access',
      headers: { origin: 'https://wrong.example' },
    });
    expect(response.statusCode).toBe(200);
    // Readable by the refused page itself: that is who needs the answer.
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.json()).toEqual({
      allowed: false,
      code: 'CHAT_ERR_ORIGIN_FORBIDDEN',
      contact: {
        email: 'support@shop.example',
        phone: '0120-000-000',
        hours: {
          ja: '平日10:00〜18:00（12:00〜13:00は休憩。土日祝・年末年始・お盆を除く）',
          en: 'weekdays 10:00–18:00 JST, lunch break 12:00–13:00 (closed weekends, national holidays, New Year and Obon)',
        },
      },
    });
  });

  test('says an allowed origin may chat', async () => {
    const response = await app.fastify.inject({
      url: '/chat/access',
      headers: { origin: 'https://shop.example' },
    });
    expect(response.json()).toMatchObject({ allowed: true, code: null });
  });

  test('says the server’s own pages may chat', async () => {
    const response = await app.fastify.inject({ url: '/chat/access' });
    expect(response.json()).toMatchObject({ allowed: true, code: null });
  });
});
