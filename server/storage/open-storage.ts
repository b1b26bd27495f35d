/**
 * Picks and opens the storage backend: PostgreSQL when a `DATABASE_URL` is configured, otherwise an
 * embedded SQLite file in the data directory. Either way the schema is migrated before returning.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database-schema.ts';
import { KyselyStorage } from './kysely-storage.ts';
import type { Storage } from './repository.ts';

/** Options for `openStorage`. */
export interface OpenStorageOptions {
  /** postgres:// or postgresql:// URL; when absent, SQLite in `dataDir`. */
  databaseUrl?: string;
  /** Directory for the SQLite file (created if missing). */
  dataDir: string;
  /** SQLite durability: 'full' (default) fsyncs every commit; 'normal' may lose the last commits on power loss. */
  sqliteSynchronous?: 'full' | 'normal';
  /** PostgreSQL schema to work in (set as search_path); must exist. Default: the server's search_path. */
  pgSchema?: string;
}

/** File name of the embedded database inside `dataDir`. */
export const SQLITE_FILE_NAME = 'shop-bot.sqlite';

const PG_INT8_OID = 20;
const PG_NUMERIC_OID = 1700;

/**
 * pg returns int8 (count(*), sum) and numeric as strings to avoid precision loss; our counts and
 * scores fit a double, and callers expect numbers. Scoped to our pool, not pg's global registry,
 * so other pg users in the process keep the defaults.
 */
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary' && (oid === PG_INT8_OID || oid === PG_NUMERIC_OID)) {
      return (value: string) => Number(value);
    }
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** Opens (and migrates) the configured storage backend. */
export async function openStorage(options: OpenStorageOptions): Promise<Storage> {
  const storage = options.databaseUrl
    ? openPostgres(options.databaseUrl, options.pgSchema)
    : openSqlite(options);
  try {
    await storage.migrate();
  } catch (error) {
    // Do not leak the pool / file handle when the schema cannot be brought up to date.
    await storage.close().catch(() => {});
    throw error;
  }
  return storage;
}

function openPostgres(databaseUrl: string, pgSchema: string | undefined): KyselyStorage {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('databaseUrl must start with postgres:// or postgresql://');
  }
  // Goes into a startup option string verbatim, so only plain identifiers are accepted.
  if (pgSchema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(pgSchema)) {
    throw new Error(`invalid PostgreSQL schema name: ${pgSchema}`);
  }
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    types: pgTypes,
    ...(pgSchema === undefined ? {} : { options: `-c search_path=${pgSchema}` }),
  });
  // An idle client's error (server restart, network drop) is emitted on the pool and would crash the
  // process if unhandled; the pool discards that client and the next query reconnects or fails loudly.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return new KyselyStorage(db, 'postgres', { pgPool: pool });
}

function openSqlite(options: OpenStorageOptions): KyselyStorage {
  const sqlite = openSqliteDatabase(options.dataDir, options.sqliteSynchronous);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return new KyselyStorage(db, 'sqlite', { sqlite });
}

/**
 * The better-sqlite3 handle on the embedded database file in `dataDir` (created readable by the
 * server's user only), set up as every connection of the server needs it: WAL, the durability asked
 * for, foreign keys, secure deletion and the `nfkc_lower` function.
 */
export function openSqliteDatabase(
  dataDir: string,
  synchronous: OpenStorageOptions['sqliteSynchronous'] = 'full',
): SqliteDatabase.Database {
  // Shoppers' messages and addresses: readable by the server's user only. SQLite creates the -wal and
  // -shm files with the database file's mode, so 0600 on it covers them; an older file is tightened.
  // A new DATA_DIR is created 0700; an existing one keeps its mode (it may be a mount the admin set up).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, SQLITE_FILE_NAME);
  closeSync(openSync(file, 'a', 0o600));
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600);
  }
  const sqlite = new SqliteDatabase(file, { timeout: 5000 });
  try {
    // WAL lets readers run during a write; FULL fsyncs each commit so an acknowledged shopper
    // message survives power loss (NORMAL trades that for speed on trusted hardware).
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    // SQLite leaves foreign keys off per connection unless asked.
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Deleted rows are overwritten with zeros, not just unlinked: a deletion on request (APPI) must not
    // leave the address readable in the file (privacy-store.ts also checkpoints the WAL after one).
    sqlite.pragma('secure_delete = ON');
    // NFKC + lower case, for deletion on request (privacy-store.ts): SQLite's lower() folds ASCII only
    // and knows no full-width forms. PostgreSQL has normalize(…, NFKC) built in.
    sqlite.function('nfkc_lower', { deterministic: true }, (value: unknown) =>
      typeof value === 'string' ? value.normalize('NFKC').toLowerCase() : value,
    );
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return sqlite;
}
