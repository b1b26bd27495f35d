/**
 * Staff sign-in for the console: a random session cookie (HttpOnly, SameSite=Strict, Secure behind
 * https) whose SHA-256 is stored with the session in the database; a per-session CSRF token required
 * in `x-csrf-token` on every change; and `requirePermission(p)`, the preHandler every console route
 * declares. On first start, CONSOLE_ADMIN_EMAIL / CONSOLE_ADMIN_PASSWORD create the first admin.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Env } from '../config/env-schema.ts';
import { hashPassword } from '../console/password.ts';
import { can, type Permission } from '../console/roles.ts';
import { ServerError } from '../errors.ts';
import { DuplicateStaffEmailError, type StaffSession, StaffStore } from '../storage/staff-store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    staff: StaffStore;
    consoleAuth: ConsoleAuth;
  }
  interface FastifyRequest {
    /** The signed-in staff session, set by `requirePermission`. */
    staffSession: StaffSession | undefined;
  }
}

/** Name of the console session cookie. */
export const SESSION_COOKIE = 'sb_console';
/** Path of the console API; the cookie is sent nowhere else. */
export const CONSOLE_API_PREFIX = '/api/console';
/** The request header that carries the session's CSRF token on every change. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * A check a route runs as its `onRequest` hook: before the body is read or parsed, so a request from
 * someone not signed in (or without the role) costs no parsing, whatever its size; only a signed-in
 * editor's import may send up to 20 MiB. (Also usable as a preHandler.) It names what it checks, so the
 * route's API reference says the same (server/routes/console/route-schema.ts).
 */
export type AccessCheck = ((request: FastifyRequest) => Promise<void>) & {
  /** The permission checked, or 'session' for any signed-in staff member. */
  readonly access: Permission | 'session';
};

/** What console routes use. */
export interface ConsoleAuth {
  /** 401 without a valid session, 403 without the permission, 403 on a change without the CSRF token. */
  requirePermission(permission: Permission): AccessCheck;
  /** Any signed-in staff member (GET /me, logout). */
  requireSession(): AccessCheck;
  /** Starts a session for a user and sets its cookie; returns the CSRF token. */
  startSession(userId: string, request: FastifyRequest, reply: FastifyReply): Promise<string>;
  /** Ends the request's session (if any) and clears the cookie. */
  endSession(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

/**
 * A console refusal with a stable code and an HTTP status (the app's error handler sends it): the
 * server's error type with the status first, as the console's routes write it.
 */
export class ConsoleHttpError extends ServerError {
  constructor(
    status: number,
    code: string,
    message: string,
    /** Extra facts for the client (sent as `details` with 4xx errors). */
    details?: Record<string, unknown>,
  ) {
    super(code, message, { status, ...(details ? { details } : {}) });
  }
}

/** Methods that change nothing: no CSRF token asked. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Options of the console auth plugin. */
export interface ConsoleAuthOptions {
  env: Env;
  /** The clock for session expiry (tests). */
  now?: () => Date;
}

export default fp<ConsoleAuthOptions>(
  async (fastify, options) => {
    const { env } = options;
    const now = options.now ?? (() => new Date());
    const staff = new StaffStore(() => fastify.storage.database());
    await fastify.register(fastifyCookie);
    fastify.decorate('staff', staff);
    fastify.decorateRequest('staffSession', undefined);

    const secure = (request: FastifyRequest): boolean =>
      env.COOKIE_SECURE === 'always' || (env.COOKIE_SECURE === 'auto' && request.protocol === 'https');

    async function loadSession(request: FastifyRequest): Promise<StaffSession> {
      const cookie = request.cookies[SESSION_COOKIE];
      const session = cookie ? await staff.findSession(sha256(cookie), now()) : undefined;
      if (!session) throw new ConsoleHttpError(401, 'CONSOLE_ERR_UNAUTHENTICATED', 'Sign in first.');
      if (!SAFE_METHODS.has(request.method)) {
        const header = request.headers[CSRF_HEADER];
        if (typeof header !== 'string' || !sameToken(header, session.csrfToken)) {
          throw new ConsoleHttpError(
            403,
            'CONSOLE_ERR_CSRF',
            'Missing or wrong CSRF token; reload the console.',
          );
        }
      }
      request.staffSession = session;
      return session;
    }

    const auth: ConsoleAuth = {
      requirePermission(permission) {
        const check = async (request: FastifyRequest) => {
          const session = await loadSession(request);
          if (!can(session.user.role, permission)) {
            throw new ConsoleHttpError(
              403,
              'CONSOLE_ERR_FORBIDDEN',
              `Your role may not do this (${permission}).`,
            );
          }
        };
        return Object.assign(check, { access: permission });
      },
      requireSession() {
        const check = async (request: FastifyRequest) => {
          await loadSession(request);
        };
        return Object.assign(check, { access: 'session' as const });
      },
      async startSession(userId, request, reply) {
        const token = randomBytes(32).toString('base64url');
        const csrfToken = randomBytes(32).toString('base64url');
        const started = now();
        const expiresAt = new Date(started.getTime() + env.CONSOLE_SESSION_HOURS * 3_600_000);
        await staff.createSession({ tokenHash: sha256(token), userId, csrfToken, now: started, expiresAt });
        reply.setCookie(SESSION_COOKIE, token, {
          path: CONSOLE_API_PREFIX,
          httpOnly: true,
          sameSite: 'strict',
          secure: secure(request),
          expires: expiresAt,
        });
        return csrfToken;
      },
      async endSession(request, reply) {
        const cookie = request.cookies[SESSION_COOKIE];
        if (cookie) await staff.deleteSession(sha256(cookie));
        reply.clearCookie(SESSION_COOKIE, { path: CONSOLE_API_PREFIX });
      },
    };
    fastify.decorate('consoleAuth', auth);

    // First start: an admin from the environment, only while no account exists (never overwrites).
    const noAccounts = (await staff.countUsers()) === 0;
    if (noAccounts && env.CONSOLE_ADMIN_EMAIL && env.CONSOLE_ADMIN_PASSWORD) {
      try {
        await staff.createUser({
          email: env.CONSOLE_ADMIN_EMAIL,
          name: 'Admin',
          role: 'admin',
          passwordHash: await hashPassword(env.CONSOLE_ADMIN_PASSWORD),
          now: now(),
        });
        fastify.log.info({ email: env.CONSOLE_ADMIN_EMAIL }, 'created the first console admin');
      } catch (error) {
        // Another instance starting at the same moment created it first: nothing left to do.
        if (!(error instanceof DuplicateStaffEmailError)) throw error;
      }
    } else if (noAccounts) {
      fastify.log.warn(
        'no console account yet: run `npm run staff -- add --role admin --email you@shop.example`',
      );
    }
  },
  { name: 'console-auth', dependencies: ['storage'] },
);
