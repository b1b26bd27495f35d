/** Database errors every store recognises, whichever driver reported them. */

/** Unique-constraint violation, as reported by pg (SQLSTATE 23505) or better-sqlite3. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = (error as { code: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
