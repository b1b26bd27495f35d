/**
 * Staff accounts from the terminal (the first admin, or a locked-out one):
 *
 *   npm run staff -- add --email you@shop.example --role admin [--name "Name"]
 *   npm run staff -- password --email you@shop.example
 *   npm run staff -- list
 *
 * The password is read from the STAFF_PASSWORD environment variable or, when unset, from standard
 * input (a hidden prompt asked twice on a terminal; piping one line works too), never from the command
 * line where `ps` shows it. Uses the same DATABASE_URL / DATA_DIR as the server: run it with the server's
 * environment, or it opens (and creates) ./data/shop-bot.sqlite instead of the server's database.
 */
import { parseArgs } from 'node:util';
import { parseEnv } from '../config/load-config.ts';
import { hashPassword } from '../console/password.ts';
import {
  MIN_PASSWORD_CODE_POINTS,
  passwordProblem,
  passwordProblemMessage,
} from '../console/password-policy.ts';
import type { Role } from '../schemas/console-api.ts';
import { openStorage } from '../storage/open-storage.ts';
import { StaffStore } from '../storage/staff-store.ts';
import { readNewPassword } from './read-password.ts';

const ROLES: readonly Role[] = ['admin', 'editor', 'operator'];

async function readPassword(): Promise<string> {
  const fromEnv = process.env.STAFF_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  const read = await readNewPassword(
    { input: process.stdin, output: process.stderr },
    MIN_PASSWORD_CODE_POINTS,
  );
  if (read.ok) return read.password;
  return fail(read.problem === 'mismatch' ? 'the two passwords differ; nothing was changed' : 'cancelled');
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** Stops with the policy's reason (server/console/password-policy.ts) for a weak password. */
function refuseWeak(password: string): void {
  const problem = passwordProblem(password);
  if (problem) fail(`${problem}: ${passwordProblemMessage(problem)}`);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
});
const command = positionals[0];
if (!command || !['add', 'password', 'list'].includes(command)) {
  fail(
    'usage: npm run staff -- add --email <email> --role admin|editor|operator [--name <name>] | password --email <email> | list',
  );
}

const env = parseEnv(process.env);
const storage = await openStorage({
  ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
  dataDir: env.DATA_DIR,
  sqliteSynchronous: env.SQLITE_SYNCHRONOUS,
});
const staff = new StaffStore(() => storage.database());
try {
  if (command === 'list') {
    for (const user of await staff.listUsers()) {
      process.stdout.write(
        `${user.email}\t${user.role}\t${user.disabledAt ? 'disabled' : 'active'}\t${user.name}\n`,
      );
    }
  } else {
    const email = values.email ?? fail('--email is required');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(email)) fail(`not an email address: ${email}`);
    if (command === 'add') {
      const role = (values.role ?? fail('--role is required (admin, editor or operator)')) as Role;
      if (!ROLES.includes(role)) fail(`unknown role ${role}: use admin, editor or operator`);
      const password = await readPassword();
      refuseWeak(password);
      const user = await staff.createUser({
        email,
        name: values.name ?? email.split('@')[0] ?? email,
        role,
        passwordHash: await hashPassword(password),
        now: new Date(),
      });
      process.stdout.write(`created ${user.role} ${user.email}\n`);
    } else {
      const user = await staff.findCredentials(email);
      if (!user) fail(`no account ${email}`);
      const password = await readPassword();
      refuseWeak(password);
      await staff.updateUser(user.id, { passwordHash: await hashPassword(password) });
      process.stdout.write(`password changed for ${user.email}; their sessions were ended\n`);
    }
  }
} catch (error) {
  const code = (error as { code?: string }).code;
  fail(code === 'CONSOLE_ERR_EMAIL_TAKEN' ? (error as Error).message : `failed: ${(error as Error).message}`);
} finally {
  await storage.close();
}
