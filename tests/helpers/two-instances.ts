/**
 * Two app instances on one PostgreSQL schema, as two servers of one deployment behind a load balancer:
 * for tests of what must travel between instances (LISTEN/NOTIFY). The schema is fresh and dropped
 * afterwards. The runtime's periodic model check is off (MODEL_POLL_SECONDS=0), so only a notification
 * can bring a publication across; cross-validation is off to keep training short.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { pgAdmin, TEST_PG_URL } from './storage-backends.ts';
import { startTestApp, type TestApp } from './test-app.ts';

/** The two running instances; read them in tests, not at collection (they start in beforeAll). */
export interface TwoInstances {
  readonly first: TestApp;
  readonly second: TestApp;
}

/**
 * Call inside a `describe`: registers the beforeAll that creates the schema and starts both instances,
 * and the afterAll that closes them and drops the schema.
 */
export function twoInstancesOnPostgres(): TwoInstances {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const databaseUrl = `${TEST_PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  let first: TestApp | undefined;
  let second: TestApp | undefined;

  beforeAll(async () => {
    await pgAdmin(`CREATE SCHEMA ${schema}`);
    const env = { DATABASE_URL: databaseUrl, MODEL_POLL_SECONDS: '0', CONSOLE_CV_FOLDS: '0' };
    first = await startTestApp({ env });
    second = await startTestApp({ env });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await pgAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  const started = (app: TestApp | undefined): TestApp => {
    if (!app) throw new Error('the two instances start in beforeAll; read them inside a test');
    return app;
  };
  return {
    get first() {
      return started(first);
    },
    get second() {
      return started(second);
    },
  };
}
