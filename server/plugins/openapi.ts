/**
 * The console API's reference, generated from the routes' own TypeBox schemas by @fastify/swagger: it
 * records every route registered after it (so it is registered before the routes), and
 * `fastify.swagger()` returns the OpenAPI 3 document once the app is ready. Routes that are not the
 * console API (chat socket, widget, console page, health, static files) say `hide: true` in their schema;
 * any other route outside the console API's prefix (the demo shop, metrics, channel webhooks) is left out
 * here too, so a new one cannot slip into the console's reference.
 * Served to signed-in staff only (server/routes/console/openapi.ts); `npm run openapi` writes it to
 * docs/console-openapi.json (server/cli/openapi.ts). No UI is served: it would be a public page.
 * @see https://github.com/fastify/fastify-swagger
 */
import { readFileSync } from 'node:fs';
import fastifySwagger from '@fastify/swagger';
import fp from 'fastify-plugin';
import { CONSOLE_API_PREFIX, CSRF_HEADER, SESSION_COOKIE } from './console-auth.ts';

/** The project's version (package.json), the document's `info.version`. */
const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Names of the security schemes the console routes declare (server/routes/console/route-docs.ts). */
export const SECURITY = { session: 'consoleSession', csrf: 'csrfToken' } as const;

export default fp(
  async (fastify) => {
    await fastify.register(fastifySwagger, {
      transform: ({ schema, url }) =>
        url.startsWith(`${CONSOLE_API_PREFIX}/`)
          ? { schema, url }
          : { schema: { ...schema, hide: true }, url },
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'Shop support bot: console API',
          version: VERSION,
          description:
            'The staff console’s JSON API. Conventions (sign-in, CSRF, roles, error codes): docs/console-api.md.',
        },
        // Paths in the document are relative to the console API's prefix, as in docs/console-api.md.
        servers: [{ url: CONSOLE_API_PREFIX }],
        components: {
          securitySchemes: {
            [SECURITY.session]: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
            [SECURITY.csrf]: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
          },
        },
      },
    });
  },
  { name: 'openapi' },
);
