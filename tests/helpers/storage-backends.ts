/**
 * The two storage backends every storage suite runs on: SQLite in a fresh temp directory and PostgreSQL
 * in a fresh schema (dropped afterwards), so suites cannot drift apart between dialects or see each
 * other's rows. PostgreSQL comes from TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { type OpenStorageOptions, openStorage } from '../../server/storage/open-storage.ts';
import type { Storage } from '../../server/storage/repository.ts';

export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** How to get a storage for one backend, plus the per-file setup and cleanup it needs. */
export interface StorageBackend {
  name: 'sqlite' | 'postgres';
  setup(): Promise<OpenStorageOptions>;
  teardown(): Promise<void>;
}

/** Runs one statement as the PostgreSQL test user (schema creation and cleanup). */
export async function pgAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export function sqliteBackend(): StorageBackend {
  let dir = '';
  return {
    name: 'sqlite',
    async setup() {
      dir = await mkdtemp(path.join(os.tmpdir(), 'shop-bot-sqlite-'));
      return { dataDir: dir };
    },
    async teardown() {
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(): StorageBackend {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let dir = '';
  return {
    name: 'postgres',
    async setup() {
      dir = await mkdtemp(path.join(os.tmpdir(), 'shop-bot-pg-'));
      await pgAdmin(`CREATE SCHEMA ${schema}`);
      return { databaseUrl: TEST_PG_URL, dataDir: dir, pgSchema: schema };
    },
    async teardown() {
      await pgAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Both backends, for `describe.each`. */
export function storageBackends(): StorageBackend[] {
  return [sqliteBackend(), postgresBackend()];
}

/**
 * The storage of `backend` for one suite: opened before its tests (a `beforeAll` registered here, so it
 * runs before the suite's own), closed and the backend torn down after them. What it returns stands for
 * the opened storage: use it in hooks and tests, not while the suite is being declared.
 */
export function useStorage(backend: StorageBackend): Storage {
  let opened: Storage | undefined;
  beforeAll(async () => {
    opened = await openStorage(await backend.setup());
  });
  afterAll(async () => {
    await opened?.close();
    await backend.teardown();
  });
  return new Proxy({} as Storage, {
    get(_, property) {
      if (!opened) throw new Error("the suite's storage opens in beforeAll: use it in hooks and tests");
      const value = Reflect.get(opened, property, opened);
      // Methods run on the storage itself (its private fields are not on this stand-in).
      return typeof value === 'function' ? value.bind(opened) : value;
    },
  });
}
