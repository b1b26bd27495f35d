/**
 * Serves the chat widget bundle (built by widget/build.ts at start when missing or stale):
 * - `GET /widget.js`: the stable URL shops put in their script tag; cached 5 minutes and revalidated by
 *   ETag, so a new release reaches shoppers within minutes.
 * - `GET /widget/widget.<hash>.js`: the same bytes under their content hash, cached for a year
 *   (`immutable`), for pages that pin a release.
 * Both are sent brotli- or gzip-compressed when the browser accepts it (compressed once, at start).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ensureWidgetBuilt, WIDGET_OUT_DIR } from '../../widget/build.ts';

/** Cache lifetime of `/widget.js` (s): short, the URL never changes. */
const STABLE_MAX_AGE_S = 300;
/** Cache lifetime of the hashed file (s): a year, its content never changes. */
const HASHED_MAX_AGE_S = 31_536_000;

export interface WidgetRouteOptions {
  /** Where the bundle is built (default dist/widget). */
  outDir?: string;
}

const widget: FastifyPluginAsync<WidgetRouteOptions> = async (fastify, options) => {
  const outDir = options.outDir ?? WIDGET_OUT_DIR;
  const manifest = await ensureWidgetBuilt(outDir);
  const body = await fs.readFile(path.join(outDir, manifest.file));
  const encoded = {
    br: brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(body, { level: 9 }),
  };
  const etag = `"${manifest.hash}"`;
  fastify.log.info(
    { file: manifest.file, bytes: manifest.bytes, gzipBytes: manifest.gzipBytes },
    'widget bundle ready',
  );

  const send = (cacheControl: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', cacheControl)
      .header('etag', etag)
      .header('vary', 'accept-encoding')
      // Shops embed the script from their own origin.
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    const accepted = String(request.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/u.test(accepted) ? 'br' : /\bgzip\b/u.test(accepted) ? 'gzip' : undefined;
    if (encoding) reply.header('content-encoding', encoding);
    return reply.send(encoding ? encoded[encoding] : body);
  };

  // Not part of the console API's reference (server/plugins/openapi.ts).
  const hidden = { schema: { hide: true } };
  fastify.get('/widget.js', hidden, send(`public, max-age=${STABLE_MAX_AGE_S}`));
  fastify.get(`/widget/${manifest.file}`, hidden, send(`public, max-age=${HASHED_MAX_AGE_S}, immutable`));
};

export default widget;
