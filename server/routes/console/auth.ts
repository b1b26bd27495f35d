/**
 * Console sign-in: `POST /api/console/login` (rate-limited per client IP and account), `POST /logout`, `GET /me`.
 * A wrong email and a wrong password get the same answer after the same work, so accounts cannot be
 * discovered by timing.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../../console/password.ts';
import { permissionsOf } from '../../console/roles.ts';
import { ConsoleHttpError } from '../../plugins/console-auth.ts';
import { LoginBody, SessionInfo } from '../../schemas/console-api.ts';
import { staffEmailKey } from '../../storage/staff-store.ts';
import { consoleRouteSchema } from './route-schema.ts';
import { toStaffUser } from './staff-user-view.ts';

export interface AuthRouteOptions {
  /** Sign-in attempts per client IP per 15 minutes. */
  loginAttemptsPer15Min: number;
}

const auth: FastifyPluginAsync<AuthRouteOptions> = async (fastify, options) => {
  fastify.post<{ Body: LoginBody }>(
    '/login',
    {
      schema: consoleRouteSchema('POST', {
        tag: 'session',
        summary: 'Sign in: sets the session cookie and returns the CSRF token',
        description: 'Rate-limited per client IP and account (CONSOLE_LOGIN_ATTEMPTS_PER_15_MIN).',
        access: 'public',
        body: LoginBody,
        response: { 200: SessionInfo },
        refusals: { 401: ['CONSOLE_ERR_BAD_CREDENTIALS'], 429: ['SERVER_ERR_RATE_LIMITED'] },
      }),
      config: {
        // Per client IP and account: guessing one password is slowed down, an office behind one NAT
        // address is not locked out by a colleague's typos. Counted after the body is parsed, under the
        // account's lookup form (padding the address does not make a new key), in the shared store.
        rateLimit: {
          max: options.loginAttemptsPer15Min,
          timeWindow: 15 * 60_000,
          hook: 'preHandler',
          keyGenerator: (request) =>
            `${request.ip}|${staffEmailKey(String((request.body as Partial<LoginBody> | undefined)?.email ?? ''))}`,
        },
      },
    },
    async (request, reply) => {
      const credentials = await fastify.staff.findCredentials(request.body.email);
      const valid = await verifyPassword(
        request.body.password,
        credentials?.passwordHash ?? (await DUMMY_HASH_PROMISE),
      );
      if (!credentials || !valid || credentials.disabledAt) {
        request.log.warn({ email: request.body.email.slice(0, 254) }, 'console sign-in refused');
        throw new ConsoleHttpError(401, 'CONSOLE_ERR_BAD_CREDENTIALS', 'Wrong email or password.');
      }
      const csrfToken = await fastify.consoleAuth.startSession(credentials.id, request, reply);
      request.log.info({ userId: credentials.id }, 'console sign-in');
      return {
        user: toStaffUser(credentials),
        csrfToken,
        permissions: [...permissionsOf(credentials.role)],
      } satisfies SessionInfo;
    },
  );

  const signedIn = fastify.consoleAuth.requireSession();

  fastify.post(
    '/logout',
    {
      schema: consoleRouteSchema('POST', {
        tag: 'session',
        summary: 'Sign out: deletes the session and clears its cookie',
        access: signedIn,
        response: { 204: Type.Null({ description: 'Signed out; the cookie is cleared.' }) },
      }),
      onRequest: signedIn,
    },
    async (request, reply) => {
      await fastify.consoleAuth.endSession(request, reply);
      return reply.code(204).send();
    },
  );

  fastify.get(
    '/me',
    {
      schema: consoleRouteSchema('GET', {
        tag: 'session',
        summary: 'The signed-in staff member, their permissions and the CSRF token',
        access: signedIn,
        response: { 200: SessionInfo },
      }),
      onRequest: signedIn,
    },
    async (request) => {
      const session = request.staffSession;
      if (!session) throw new ConsoleHttpError(401, 'CONSOLE_ERR_UNAUTHENTICATED', 'Sign in first.');
      return {
        user: toStaffUser(session.user),
        csrfToken: session.csrfToken,
        permissions: [...permissionsOf(session.user.role)],
      } satisfies SessionInfo;
    },
  );
};

export default auth;
