/**
 * Serves the staff console (built by console/build.ts at start when missing or stale):
 * - `GET /console/`: the HTML shell (no inline script; a strict Content-Security-Policy; never framed).
 * - `GET /console/console.<hash>.js`: the bundle under its content hash, cached for a year (`immutable`).
 * `GET /console` redirects to `/console/`. The console's routes are hash-based (`#/intents`), so the shell
 * is the only page. The bundle is sent brotli- or gzip-compressed when the browser accepts it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { CONSOLE_OUT_DIR, ensureConsoleBuilt } from '../../console/build.ts';

/** Cache lifetime of the hashed bundle (s): a year, its content never changes. */
const HASHED_MAX_AGE_S = 31_536_000;

/**
 * The shell's policy. Scripts only from this origin (no inline script, no eval); the API on this origin
 * only; nobody may frame the console. `style-src 'unsafe-inline'` is there for one reason: handoff mails
 * are shown as sent, in a `sandbox=""` srcdoc frame that inherits this policy, and their HTML carries
 * `style` attributes. Styles cannot run script, and the frame's sandbox blocks script anyway.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The HTML shell. */
export function consoleShell(bundleFile: string): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>サポートボット 管理画面</title>
<link rel="icon" href="data:,">
<script type="module" src="/console/${bundleFile}"></script>
</head>
<body>
<console-app></console-app>
<noscript>管理画面には JavaScript が必要です。 The console needs JavaScript.</noscript>
</body>
</html>
`;
}

export interface ConsolePageOptions {
  /** Where the bundle is built (default dist/console). */
  outDir?: string;
}

const consolePage: FastifyPluginAsync<ConsolePageOptions> = async (fastify, options) => {
  const outDir = options.outDir ?? CONSOLE_OUT_DIR;
  const manifest = await ensureConsoleBuilt(outDir);
  const body = await fs.readFile(path.join(outDir, manifest.file));
  const encoded = {
    br: brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(body, { level: 9 }),
  };
  const shell = consoleShell(manifest.file);
  const etag = `"${manifest.hash}"`;
  fastify.log.info(
    { file: manifest.file, bytes: manifest.bytes, gzipBytes: manifest.gzipBytes },
    'console bundle ready',
  );

  const secure = (reply: FastifyReply) =>
    reply
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .header('x-frame-options', 'DENY');

  // Not part of the console API's reference (server/plugins/openapi.ts).
  const hidden = { schema: { hide: true } };
  fastify.get('/console', hidden, async (_request, reply) => reply.redirect('/console/'));
  fastify.get('/console/', hidden, async (_request, reply) =>
    secure(reply)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', CONSOLE_CSP)
      // The shell names the current bundle: always revalidate.
      .header('cache-control', 'no-cache')
      .send(shell),
  );
  fastify.get(`/console/${manifest.file}`, hidden, async (request, reply) => {
    secure(reply)
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', `public, max-age=${HASHED_MAX_AGE_S}, immutable`)
      .header('etag', etag)
      .header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    const accepted = String(request.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/u.test(accepted) ? 'br' : /\bgzip\b/u.test(accepted) ? 'gzip' : undefined;
    if (encoding) reply.header('content-encoding', encoding);
    return reply.send(encoding ? encoded[encoding] : body);
  });
};

export default consolePage;
