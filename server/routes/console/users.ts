/**
 * Staff accounts (admin only): `GET /users`, `POST /users`, `PATCH /users/:id`. An admin cannot disable
 * or demote their own account, so a console never ends up with nobody able to manage it by accident.
 */
import type { FastifyPluginAsync } from 'fastify';
import { hashPassword } from '../../console/password.ts';
import { PASSWORD_PROBLEMS, passwordProblem, passwordProblemMessage } from '../../console/password-policy.ts';
import { ConsoleHttpError } from '../../plugins/console-auth.ts';
import {
  IdParams,
  NewStaffUserBody,
  StaffUser,
  StaffUserList,
  UpdateStaffUserBody,
} from '../../schemas/console-api.ts';
import { DuplicateStaffEmailError } from '../../storage/staff-store.ts';
import { consoleRouteSchema } from './route-schema.ts';
import { toStaffUser } from './staff-user-view.ts';

/** 400 with the policy's code for a password password-policy.ts refuses. */
function refuseWeakPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new ConsoleHttpError(400, problem, passwordProblemMessage(problem));
}

const users: FastifyPluginAsync<{ now: () => Date }> = async (fastify, options) => {
  const manage = fastify.consoleAuth.requirePermission('users:manage');

  fastify.get(
    '/users',
    {
      schema: consoleRouteSchema('GET', {
        tag: 'users',
        summary: 'Every staff account',
        access: manage,
        response: { 200: StaffUserList },
      }),
      onRequest: manage,
    },
    async () => ({ users: (await fastify.staff.listUsers()).map(toStaffUser) }),
  );

  fastify.post<{ Body: NewStaffUserBody }>(
    '/users',
    {
      schema: consoleRouteSchema('POST', {
        tag: 'users',
        summary: 'Create a staff account',
        access: manage,
        body: NewStaffUserBody,
        response: { 201: StaffUser },
        refusals: { 400: PASSWORD_PROBLEMS, 409: ['CONSOLE_ERR_EMAIL_TAKEN'] },
      }),
      onRequest: manage,
    },
    async (request, reply) => {
      refuseWeakPassword(request.body.password);
      try {
        const account = await fastify.staff.createUser({
          email: request.body.email,
          name: request.body.name,
          role: request.body.role,
          passwordHash: await hashPassword(request.body.password),
          now: options.now(),
        });
        return reply.code(201).send(toStaffUser(account));
      } catch (error) {
        if (error instanceof DuplicateStaffEmailError)
          throw new ConsoleHttpError(409, error.code, error.message);
        throw error;
      }
    },
  );

  fastify.patch<{ Params: IdParams; Body: UpdateStaffUserBody }>(
    '/users/:id',
    {
      schema: consoleRouteSchema('PATCH', {
        tag: 'users',
        summary: 'Change a staff account: name, role, password, disabled',
        description: 'An admin cannot disable or demote their own account.',
        access: manage,
        params: IdParams,
        body: UpdateStaffUserBody,
        response: { 200: StaffUser },
        refusals: {
          400: PASSWORD_PROBLEMS,
          404: ['CONSOLE_ERR_NOT_FOUND'],
          409: ['CONSOLE_ERR_SELF_LOCKOUT'],
        },
      }),
      onRequest: manage,
    },
    async (request) => {
      const { id } = request.params;
      const body = request.body;
      if (body.password !== undefined) refuseWeakPassword(body.password);
      if (
        id === request.staffSession?.user.id &&
        (body.disabled === true || (body.role && body.role !== 'admin'))
      ) {
        throw new ConsoleHttpError(
          409,
          'CONSOLE_ERR_SELF_LOCKOUT',
          'You cannot disable or demote your own account.',
        );
      }
      const account = await fastify.staff.updateUser(id, {
        ...(body.name === undefined ? {} : { name: body.name }),
        ...(body.role === undefined ? {} : { role: body.role }),
        ...(body.disabled === undefined ? {} : { disabledAt: body.disabled ? options.now() : null }),
        ...(body.password === undefined ? {} : { passwordHash: await hashPassword(body.password) }),
      });
      if (!account) throw new ConsoleHttpError(404, 'CONSOLE_ERR_NOT_FOUND', 'No such account.');
      return toStaffUser(account);
    },
  );
};

export default users;
