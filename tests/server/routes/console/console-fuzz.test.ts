/**
 * Fuzzing the console API: every endpoint of its reference (docs/console-openapi.json) gets random and
 * malformed requests — random JSON of every shape, wrong types, deep nesting, huge strings, prototype
 * keys, broken JSON, odd content types, garbage path parameters and query strings — signed in as an
 * admin (so the requests reach the handlers) and anonymously. Nothing may answer 5xx, every error is
 * JSON with a stable code, and the server keeps working. Seeded: FUZZ_SEED replays a run.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleClient, staffClient } from '../../../helpers/console-client.ts';
import { pick, seededRandom } from '../../../helpers/prng.ts';
import { type BuiltTestApp, buildTestApp } from '../../../helpers/test-app.ts';

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const REQUESTS = 1200;

/** Endpoints as the API reference (docs/console-openapi.json) lists them: `METHOD /path`, `:param`s. */
function documentedEndpoints(): { method: string; path: string }[] {
  const reference = JSON.parse(fs.readFileSync('docs/console-openapi.json', 'utf8')) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(reference.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => ({
      method: method.toUpperCase(),
      path: path.replace(/\{(\w+)\}/gu, ':$1'),
    })),
  );
}

function randomString(random: () => number): string {
  return pick(random, [
    '',
    'x',
    'a'.repeat(10_000),
    '送料はいくら',
    '\u0000\u0001\u202e',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '%00',
    '🍣'.repeat(50),
    'ja',
    'en',
    'admin',
    '2026-02-30',
    '9999-99-99',
    'not-an-email',
    'shopper@example.jp',
  ]);
}

function randomValue(random: () => number, depth = 0): unknown {
  const kind = Math.floor(random() * (depth > 3 ? 6 : 9));
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return pick(random, [0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, Number.MAX_SAFE_INTEGER]);
    case 3:
    case 4:
    case 5:
      return randomString(random);
    case 6:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
    default: {
      const keys = [
        'id',
        'email',
        'password',
        'role',
        'intent',
        'text',
        'locale',
        'domain',
        'messageIds',
        'overrideReason',
        'reason',
        'files',
        'draft',
        'dryRun',
        'conversationId',
        'subject',
        'name',
        'disabled',
        'utterances',
        'title',
        '__proto__',
        'constructor',
        'prototype',
      ];
      const object: Record<string, unknown> = {};
      for (let i = Math.floor(random() * 5); i > 0; i -= 1)
        object[pick(random, keys)] = randomValue(random, depth + 1);
      return object;
    }
  }
}

function deeplyNested(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

function fillPath(random: () => number, path: string): string {
  return path
    .replace(':locale', pick(random, ['ja', 'en', 'fr', '', '%2e%2e']))
    .replace(':id', () =>
      pick(random, [
        '00000000-0000-4000-8000-000000000000',
        'shipping.fee',
        'x',
        '1',
        '%00',
        'a'.repeat(300),
        '__proto__',
      ]),
    )
    .replace(':changeId', () => pick(random, ['1', '0', 'x', '%00', 'a'.repeat(300), '__proto__']));
}

function randomQuery(random: () => number): string {
  if (random() < 0.4) return '';
  const keys = [
    'locale',
    'q',
    'limit',
    'status',
    'reason',
    'intent',
    'from',
    'to',
    'report',
    'x',
    '__proto__',
  ];
  const parts = Array.from(
    { length: 1 + Math.floor(random() * 3) },
    () => `${pick(random, keys)}=${encodeURIComponent(String(randomValue(random, 4)))}`,
  );
  return `?${parts.join('&')}`;
}

describe('console API fuzzing', () => {
  let app: BuiltTestApp;
  let admin: ConsoleClient;

  beforeAll(async () => {
    app = await buildTestApp({
      env: { CONSOLE_LOGIN_ATTEMPTS_PER_15_MIN: '100000', HTTP_NOT_FOUND_PER_MINUTE: '100000' },
    });
    admin = await staffClient(app.fastify, 'admin');
  });
  afterAll(async () => app.close());

  it(`answers random and malformed requests with 4xx JSON errors, never 5xx (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const endpoints = documentedEndpoints();
    expect(endpoints.length).toBeGreaterThan(25);
    const failures: string[] = [];
    for (let i = 0; i < REQUESTS; i += 1) {
      const endpoint = pick(random, endpoints);
      // Never log the admin out or delete data wholesale in the middle of the run.
      if (endpoint.path === '/logout') continue;
      const url = `/api/console${fillPath(random, endpoint.path)}${randomQuery(random)}`;
      const signedIn = random() < 0.85;
      const shape = random();
      let payload: string | undefined;
      let contentType = 'application/json';
      if (endpoint.method !== 'GET' && endpoint.method !== 'DELETE') {
        if (shape < 0.6) payload = JSON.stringify(randomValue(random));
        else if (shape < 0.7) payload = '{"email": "a@b.c", ';
        else if (shape < 0.8) payload = deeplyNested(5000);
        else if (shape < 0.9) {
          payload = 'email=a&password=b';
          contentType = pick(random, ['application/x-www-form-urlencoded', 'text/plain', 'application/xml']);
        } else
          payload = JSON.stringify({ __proto__: { role: 'admin' }, constructor: { prototype: { x: 1 } } });
      }
      const response = await app.fastify.inject({
        method: endpoint.method as 'GET',
        url,
        headers: {
          ...(signedIn ? { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken } : {}),
          ...(payload === undefined ? {} : { 'content-type': contentType }),
        },
        ...(payload === undefined ? {} : { payload }),
      });
      const line = `${endpoint.method} ${url.slice(0, 120)} → ${response.statusCode}`;
      if (response.statusCode >= 500) failures.push(`${line} ${response.body.slice(0, 200)}`);
      else if (response.statusCode >= 400) {
        const body = (() => {
          try {
            return response.json() as { code?: unknown };
          } catch {
            return undefined;
          }
        })();
        if (typeof body?.code !== 'string')
          failures.push(`${line} without a JSON code: ${response.body.slice(0, 120)}`);
      }
    }
    expect(failures, `seed ${SEED}`).toEqual([]);
    expect((await admin.call('GET', '/me')).status).toBe(200);
    expect((await app.fastify.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
