/**
 * The two SQL dialects a storage runs on, and the column types that differ between them: PostgreSQL
 * gets timestamptz / jsonb / double precision / bytea, SQLite ISO-8601 UTC text / JSON text / real /
 * blob. The stores convert (column-values.ts), so callers always see `Date` and parsed objects.
 */

/** The SQL dialect behind a storage; decides column types and locking. */
export type StorageDialect = 'sqlite' | 'postgres';

/** Column types per dialect (everything else is portable). */
export function columnTypes(dialect: StorageDialect) {
  return dialect === 'postgres'
    ? ({ timestamp: 'timestamptz', json: 'jsonb', double: 'double precision', blob: 'bytea' } as const)
    : ({ timestamp: 'text', json: 'text', double: 'real', blob: 'blob' } as const);
}
