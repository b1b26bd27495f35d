/**
 * The URL of another database on the same PostgreSQL server as a given URL: the benchmark creates a
 * fresh database per server next to the one `--database-url` names. Done on the string, not with
 * `URL`, because libpq's form for a Unix socket has no host (`postgresql:///test?host=/run/postgresql`,
 * or `postgres://user@/test?host=…`), which `URL` refuses; pg reads both.
 */

/** Scheme and authority, then the path (the database), then the query and fragment, kept as they are. */
const PARTS = /^(postgres(?:ql)?:\/\/[^/?#]*)(\/[^?#]*)?(.*)$/s;

/** `url` with its database replaced by `database` (a plain identifier: it is not escaped). */
export function databaseUrlFor(url: string, database: string): string {
  const parts = PARTS.exec(url);
  if (!parts) throw new Error('the database URL must start with postgres:// or postgresql://');
  const [, authority, , rest] = parts;
  return `${authority}/${database}${rest}`;
}
