/**
 * Console API calls for tests: creates staff accounts straight in the store (no UI), signs in over HTTP,
 * and sends the session cookie and CSRF token the way the console does.
 */
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../server/console/password.ts';
import type { Role } from '../../server/schemas/console-api.ts';

/** The password every test account gets. */
export const TEST_PASSWORD = 'correct horse battery staple';

/** A signed-in console user. */
export interface ConsoleClient {
  cookie: string;
  csrfToken: string;
  userId: string;
  /** Calls the console API (path relative to /api/console) and returns status and parsed body. */
  call(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    options?: { csrf?: boolean },
  ): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
}

/** Creates an account with a role (email `<role>@shop.test` unless given). */
export async function createStaff(
  fastify: FastifyInstance,
  role: Role,
  email = `${role}@shop.test`,
): Promise<string> {
  const account = await fastify.staff.createUser({
    email,
    name: `${role} tester`,
    role,
    passwordHash: await hashPassword(TEST_PASSWORD),
    now: new Date(),
  });
  return account.id;
}

/** Signs in through `POST /api/console/login`. */
export async function signIn(
  fastify: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
): Promise<ConsoleClient> {
  const response = await fastify.inject({
    method: 'POST',
    url: '/api/console/login',
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const setCookie = String(response.headers['set-cookie']);
  const cookie = setCookie.split(';')[0] ?? '';
  const session = response.json() as { csrfToken: string; user: { id: string } };
  return {
    cookie,
    csrfToken: session.csrfToken,
    userId: session.user.id,
    async call(method, path, body, options = {}) {
      const result = await fastify.inject({
        method,
        url: `/api/console${path}`,
        headers: {
          cookie,
          ...(options.csrf === false ? {} : { 'x-csrf-token': session.csrfToken }),
        },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      const type = String(result.headers['content-type'] ?? '');
      return {
        status: result.statusCode,
        body: type.includes('json') ? result.json() : result.body,
        headers: result.headers,
      };
    },
  };
}

/** Creates an account with the role and signs it in. */
export async function staffClient(
  fastify: FastifyInstance,
  role: Role,
  email?: string,
): Promise<ConsoleClient> {
  const address = email ?? `${role}@shop.test`;
  await createStaff(fastify, role, address);
  return signIn(fastify, address);
}
