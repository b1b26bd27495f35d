/**
 * The test app as a separate process, so a test can kill it with SIGKILL (no shutdown hooks, no
 * draining) and start another on the same data directory. Run with `node --import tsx`; configured by
 * environment variables as the server is (DATA_DIR, SMTP_URL, MAIL_*), plus TEST_NOW (ISO 8601) for a
 * fixed conversation clock. Prints `LISTENING <url>` once ready.
 */

import { EnvSchema } from '../../server/config/env-schema.ts';
import { parseEnv } from '../../server/config/load-config.ts';
import { startTestApp } from './test-app.ts';

const env: Record<string, string> = {};
for (const key of Object.keys(EnvSchema.properties)) {
  const value = process.env[key];
  if (value !== undefined) env[key] = value;
}
// Fail fast with the variable's name, as the server does.
parseEnv(env);
const fixedNow = process.env.TEST_NOW ? new Date(process.env.TEST_NOW) : undefined;
const dataDir = process.env.DATA_DIR;
const app = await startTestApp({
  env,
  ...(dataDir ? { dataDir } : {}),
  ...(fixedNow ? { now: () => fixedNow } : {}),
});
process.stdout.write(`LISTENING ${app.url}\n`);
