/**
 * The console API's OpenAPI document: the committed docs/console-openapi.json is exactly what the route
 * schemas give, it is valid OpenAPI 3.0 (@apidevtools/swagger-parser checks it against the official
 * schema and resolves every $ref), and every operation carries what the reference promises (a success,
 * the coded refusals of its access and input, a summary and a tag).
 */
import fs from 'node:fs/promises';
import SwaggerParser from '@apidevtools/swagger-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildConsoleOpenApi,
  CONSOLE_OPENAPI_FILE,
  consoleOpenApiText,
  sortKeys,
} from '../../../server/openapi/console-document.ts';
import { SMALL_CORPUS, smallEngine } from '../../helpers/small-corpus.ts';

interface Response {
  description: string;
  content?: Record<string, { schema: { properties?: { code?: { enum?: string[] } } } }>;
}
interface Operation {
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, Response>;
  'x-permission'?: string;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Every operation of the document as `METHOD /path` with its object. */
function operations(document: Document): { name: string; method: string; op: Operation }[] {
  return Object.entries(document.paths).flatMap(([url, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ name: `${method.toUpperCase()} ${url}`, method, op })),
  );
}

/** The codes an operation documents for a status. */
function codes(op: Operation, status: string): string[] {
  return op.responses[status]?.content?.['application/json']?.schema.properties?.code?.enum ?? [];
}

describe('the console API document', () => {
  let document: Document;
  let text: string;

  beforeAll(async () => {
    document = (await buildConsoleOpenApi({
      prepared: { engine: await smallEngine(), corpus: SMALL_CORPUS },
    })) as Document;
    text = consoleOpenApiText(document);
  }, 120_000);

  it('is committed as the route schemas give it', async () => {
    const committed = await fs.readFile(CONSOLE_OPENAPI_FILE, 'utf8').catch(() => '(missing)');
    expect(
      committed === text,
      `${CONSOLE_OPENAPI_FILE} differs from the route schemas: run \`npm run openapi\` and commit it`,
    ).toBe(true);
  });

  it('is valid OpenAPI 3.0, every $ref resolved', async () => {
    const validated = await SwaggerParser.validate(structuredClone(document) as never);
    expect((validated as { openapi: string }).openapi).toMatch(/^3\.0\./u);
  });

  it('every $ref points at something in the document', () => {
    const refs = [...text.matchAll(/"\$ref": "([^"]+)"/gu)].map((m) => m[1]!);
    const target = (ref: string) =>
      ref
        .replace(/^#\//u, '')
        .split('/')
        .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
    expect(refs.filter((ref) => !ref.startsWith('#/') || target(ref) === undefined)).toEqual([]);
  });

  it('holds the console API and nothing else (the chat socket, pages, health and files are hidden)', () => {
    const paths = Object.keys(document.paths);
    expect(paths).toContain('/login');
    expect(paths).toContain('/intents/{locale}/{id}');
    expect(paths).toContain('/openapi.json');
    for (const hidden of ['/chat', '/chat/access', '/healthz', '/readyz', '/widget.js', '/console/'])
      expect(paths).not.toContain(hidden);
    expect(paths.filter((p) => p.startsWith('/api/') || p.includes('*'))).toEqual([]);
  });

  it('gives every operation a summary, a tag, a success and only coded refusals', () => {
    const problems: string[] = [];
    for (const { name, op } of operations(document)) {
      if (!op.summary) problems.push(`${name}: no summary`);
      if (!op.tags?.length) problems.push(`${name}: no tag`);
      const statuses = Object.keys(op.responses);
      if (!statuses.some((s) => /^2\d\d$/u.test(s))) problems.push(`${name}: no success response`);
      for (const status of statuses.filter((s) => /^4\d\d$/u.test(s))) {
        if (codes(op, status).length === 0) problems.push(`${name}: ${status} without its codes`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents the refusals that follow from each route’s access and input', () => {
    const problems: string[] = [];
    for (const { name, method, op } of operations(document)) {
      const signedIn = (op.security ?? []).length > 0;
      if (name === 'POST /login') {
        expect(signedIn).toBe(false);
        expect(codes(op, '401')).toEqual(['CONSOLE_ERR_BAD_CREDENTIALS']);
        expect(codes(op, '429')).toEqual(['SERVER_ERR_RATE_LIMITED']);
        continue;
      }
      if (!signedIn) problems.push(`${name}: no session required`);
      if (!codes(op, '401').includes('CONSOLE_ERR_UNAUTHENTICATED')) problems.push(`${name}: no 401`);
      const permission = op['x-permission'];
      if (!permission) problems.push(`${name}: no x-permission`);
      if (permission !== 'session' && !codes(op, '403').includes('CONSOLE_ERR_FORBIDDEN'))
        problems.push(`${name}: no 403 CONSOLE_ERR_FORBIDDEN`);
      if (method !== 'get' && !codes(op, '403').includes('CONSOLE_ERR_CSRF'))
        problems.push(`${name}: a change without 403 CONSOLE_ERR_CSRF`);
      if (method !== 'get' && !op.security?.some((s) => 'csrfToken' in s))
        problems.push(`${name}: a change without the csrfToken security`);
      if ((op.parameters?.length || op.requestBody) && !codes(op, '400').includes('FST_ERR_VALIDATION'))
        problems.push(`${name}: input without 400 FST_ERR_VALIDATION`);
    }
    expect(problems).toEqual([]);
  });

  it('names each route’s own codes', () => {
    const op = (path: string, method: string) => document.paths[path]![method]!;
    expect(codes(op('/users', 'post'), '409')).toEqual(['CONSOLE_ERR_EMAIL_TAKEN']);
    expect(codes(op('/corpus/import', 'post'), '400')).toContain('BOT_ERR_CORPUS_FORMAT');
    expect(codes(op('/models/{id}/publish', 'post'), '409')).toEqual([
      'CONSOLE_ERR_MODEL_NOT_READY',
      'CONSOLE_ERR_MODEL_WORSE',
    ]);
    expect(codes(op('/analytics', 'get'), '400')).toContain('CONSOLE_ERR_RANGE_TOO_LONG');
    expect(Object.keys(op('/analytics.csv', 'get').responses['200']!.content!)).toEqual(['text/csv']);
  });
});

describe('consoleOpenApiText', () => {
  it('writes the same text whatever order the keys were added in', () => {
    const a = { paths: { '/b': { get: {} }, '/a': { post: {}, get: {} } }, openapi: '3.0.3' };
    const b = { openapi: '3.0.3', paths: { '/a': { get: {}, post: {} }, '/b': { get: {} } } };
    expect(consoleOpenApiText(a)).toBe(consoleOpenApiText(b));
    expect(Object.keys(sortKeys(a) as object)).toEqual(['openapi', 'paths']);
  });

  it('keeps the order of arrays (enums, required, tags)', () => {
    expect(sortKeys({ enum: ['z', 'a'] })).toEqual({ enum: ['z', 'a'] });
  });
});
