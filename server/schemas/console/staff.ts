/** Sign-in and staff accounts (`/login`, `/me`, `/users`). */
import { type Static, Type } from '@sinclair/typebox';
import { Email, IsoDate, RoleSchema, Uuid } from './common.ts';

export const StaffUser = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  disabled: Type.Boolean(),
  createdAt: IsoDate,
});
export type StaffUser = Static<typeof StaffUser>;

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

/** `POST /login` and `GET /me`: who is signed in, and the CSRF token to send on changes. */
export const SessionInfo = Type.Object({
  user: StaffUser,
  csrfToken: Type.String(),
  /** What this user may do (server/console/roles.ts), so the console hides the rest. */
  permissions: Type.Array(Type.String()),
});
export type SessionInfo = Static<typeof SessionInfo>;

/** Passwords: at least 10 characters (a passphrase beats complexity rules). */
const Password = Type.String({ minLength: 10, maxLength: 1024 });

export const NewStaffUserBody = Type.Object(
  { email: Email, name: Type.String({ minLength: 1, maxLength: 80 }), role: RoleSchema, password: Password },
  { additionalProperties: false },
);
export type NewStaffUserBody = Static<typeof NewStaffUserBody>;

export const UpdateStaffUserBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    role: Type.Optional(RoleSchema),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
);
export type UpdateStaffUserBody = Static<typeof UpdateStaffUserBody>;

export const StaffUserList = Type.Object({ users: Type.Array(StaffUser) });
export type StaffUserList = Static<typeof StaffUserList>;
