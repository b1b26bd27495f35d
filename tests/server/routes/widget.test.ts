import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BuiltTestApp, buildTestApp } from '../../helpers/test-app.ts';

describe('widget bundle route', () => {
  let app: BuiltTestApp;

  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  test('serves /widget.js gzipped with a short cache and an ETag', async () => {
    const response = await app.fastify.inject({ url: '/widget.js', headers: { 'accept-encoding': 'gzip' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.headers.vary).toBe('accept-encoding');
    expect(response.headers.etag).toMatch(/^"[0-9a-f]{16}"$/u);
    expect(response.rawPayload.byteLength).toBeLessThanOrEqual(60 * 1024);
    expect(gunzipSync(response.rawPayload).toString('utf8')).toContain('shop-chat');
  });

  test('prefers brotli and sends plain bytes to clients that accept neither', async () => {
    const br = await app.fastify.inject({ url: '/widget.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    const plain = await app.fastify.inject({ url: '/widget.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('customElements');
  });

  test('answers 304 when the ETag still matches', async () => {
    const first = await app.fastify.inject({ url: '/widget.js' });
    const second = await app.fastify.inject({
      url: '/widget.js',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(second.statusCode).toBe(304);
    expect(second.rawPayload.byteLength).toBe(0);
  });

  test('serves the content-hashed file as immutable for a year, and nothing else under /widget/', async () => {
    const etag = String((await app.fastify.inject({ url: '/widget.js' })).headers.etag).replaceAll('"', '');
    const hashed = await app.fastify.inject({ url: `/widget/widget.${etag}.js` });
    expect(hashed.statusCode).toBe(200);
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const other = await app.fastify.inject({ url: '/widget/widget.0000000000000000.js' });
    expect(other.statusCode).toBe(404);
  });

  test('the demo shop page at / loads the widget with one script tag', async () => {
    const page = await app.fastify.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<script src="/widget.js" defer></script>');
  });
});
