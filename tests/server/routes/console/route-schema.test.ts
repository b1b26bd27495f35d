/**
 * What the reference says about each console route's access is what the route enforces: for every
 * operation of the document, a role without its `x-permission` is refused with 403
 * CONSOLE_ERR_FORBIDDEN, a role with it is not, and a change without the CSRF token is refused with
 * 403 CONSOLE_ERR_CSRF. Changes are sent a broken JSON body, so nothing is ever changed: access is
 * checked before the body is read (server/plugins/console-auth.ts).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { can, type Permission } from '../../../../server/console/roles.ts';
import type { Role } from '../../../../server/schemas/console-api.ts';
import { type ConsoleClient, staffClient } from '../../../helpers/console-client.ts';
import { type BuiltTestApp, buildTestApp } from '../../../helpers/test-app.ts';

const ROLES: Role[] = ['admin', 'editor', 'operator'];

/** A value each path parameter's schema accepts. */
const PARAMS: Record<string, string> = {
  id: '00000000-0000-4000-8000-000000000000',
  locale: 'ja',
  changeId: '1',
};

interface Operation {
  method: string;
  path: string;
  permission: string | undefined;
  /** The codes the document gives for 400 when the route takes a body, else undefined. */
  badBodyCodes: string[] | undefined;
}

interface DocumentedOperation {
  'x-permission'?: string;
  requestBody?: unknown;
  responses: Record<
    string,
    { content?: Record<string, { schema: { properties?: { code?: { enum?: string[] } } } }> }
  >;
}

describe('console route access as documented', () => {
  let app: BuiltTestApp;
  const clients = {} as Record<Role, ConsoleClient>;
  let documented: Operation[];

  beforeAll(async () => {
    app = await buildTestApp();
    for (const role of ROLES) clients[role] = await staffClient(app.fastify, role);
    const document = app.fastify.swagger() as unknown as {
      paths: Record<string, Record<string, DocumentedOperation>>;
    };
    documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({
        method: method.toUpperCase(),
        path: path.replace(/\{(\w+)\}/gu, (_, name: string) => PARAMS[name] ?? 'x'),
        permission: op['x-permission'],
        badBodyCodes: op.requestBody
          ? (op.responses['400']?.content?.['application/json']?.schema.properties?.code?.enum ?? [])
          : undefined,
      })),
    );
  });
  afterAll(async () => app.close());

  async function call(role: Role, operation: Operation, csrf = true) {
    const change = operation.method !== 'GET';
    const client = clients[role];
    const response = await app.fastify.inject({
      method: operation.method as 'GET',
      url: `/api/console${operation.path}`,
      headers: {
        cookie: client.cookie,
        ...(csrf ? { 'x-csrf-token': client.csrfToken } : {}),
        ...(change ? { 'content-type': 'application/json' } : {}),
      },
      ...(change ? { payload: '{"broken": ' } : {}),
    });
    return { status: response.statusCode, code: (response.json() as { code?: string }).code };
  }

  test('the document covers every console route with a permission', () => {
    expect(documented.length).toBeGreaterThan(30);
    expect(documented.filter((o) => o.path !== '/login' && !o.permission)).toEqual([]);
  });

  test('refuses exactly the roles that lack the documented permission', async () => {
    const wrong: string[] = [];
    for (const operation of documented.filter((o) => o.permission && o.permission !== 'session')) {
      for (const role of ROLES) {
        const { status, code } = await call(role, operation);
        const allowed = can(role, operation.permission as Permission);
        const refused = status === 403 && code === 'CONSOLE_ERR_FORBIDDEN';
        // Let through, a route that takes a body stops at the broken JSON, with a code it documents.
        const badBody = allowed && operation.badBodyCodes !== undefined;
        if (
          allowed === refused ||
          status === 401 ||
          (badBody && (status !== 400 || !operation.badBodyCodes?.includes(code ?? '')))
        )
          wrong.push(`${role} ${operation.method} ${operation.path}: ${status} ${code}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('refuses every documented change without the CSRF token', async () => {
    const wrong: string[] = [];
    for (const operation of documented.filter((o) => o.method !== 'GET' && o.path !== '/login')) {
      const { status, code } = await call('admin', operation, false);
      if (status !== 403 || code !== 'CONSOLE_ERR_CSRF')
        wrong.push(`${operation.method} ${operation.path}: ${status} ${code}`);
    }
    expect(wrong).toEqual([]);
  });
});
