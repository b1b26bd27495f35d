/**
 * Conversions between what the two databases hand back and what callers see: pg parses timestamptz and
 * jsonb itself, SQLite returns ISO text and JSON text. Every store converts through here.
 */
import type { StorageDialect } from './storage-dialect.ts';

/** A timestamp column value as a Date. */
export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/** A nullable timestamp column value as a Date or null. */
export function toNullableDate(value: Date | string | null): Date | null {
  return value === null ? null : toDate(value);
}

/** A JSON column value, parsed: SQLite hands back JSON text, pg has already parsed jsonb. */
export function fromJson<T>(dialect: StorageDialect, value: unknown): T {
  return (dialect === 'sqlite' && typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Clamps a caller's limit: negative means "no limit" in SQLite but is an error in PostgreSQL. */
export function clampLimit(limit: number | undefined, fallback: number): number {
  return Math.max(0, Math.trunc(limit ?? fallback));
}
