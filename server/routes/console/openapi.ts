/**
 * `GET /openapi.json`: the console API's OpenAPI 3 document (server/plugins/openapi.ts), for signed-in
 * staff only: it maps every route and rule, which is nobody else's business. docs/console-openapi.json
 * is the same document as committed (`npm run openapi`).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { consoleRouteSchema } from './route-schema.ts';

/** The document's shape, loosely: its own validity is checked by the tests, not on every request. */
const OpenApiDocument = Type.Object(
  { openapi: Type.String(), info: Type.Object({}, { additionalProperties: true }) },
  { additionalProperties: true, description: 'An OpenAPI 3.0 document' },
);

const openapiRoute: FastifyPluginAsync = async (fastify) => {
  const signedIn = fastify.consoleAuth.requireSession();
  fastify.get(
    '/openapi.json',
    {
      schema: consoleRouteSchema('GET', {
        tag: 'session',
        summary: "This API's OpenAPI 3 document",
        access: signedIn,
        response: { 200: OpenApiDocument },
      }),
      onRequest: signedIn,
    },
    async () => fastify.swagger(),
  );
};

export default openapiRoute;
