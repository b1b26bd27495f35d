/**
 * The SQL the raw write paths run, generated from a row table (row-table.ts): SQLite's statements with
 * named parameters for better-sqlite3 (sqlite-hot-writes.ts prepares them once), and the pieces of
 * PostgreSQL's single-statement appends (postgres-appends.ts), where a value is cast to the column's
 * type because it goes through a SELECT or a SET, not a VALUES list kysely could type.
 */
import { type Insertable, type RawBuilder, sql, type Updateable } from 'kysely';
import type { ColumnKind, RowTable } from './row-table.ts';

/** SQLite: `insert into t (a, b) values (@a, @b)`, to run with the table's `toRow`. */
export function sqliteInsert<E, T>(table: RowTable<E, T>): string {
  const names = table.columnNames;
  return `insert into ${table.name} (${names.join(', ')}) values (${names.map((n) => `@${n}`).join(', ')})`;
}

/**
 * SQLite: `update t set a = @a, … where id = @id` for the columns of `patch` (a `patchRow`), in the
 * table's order, so the same set of columns is always the same text (one prepared statement each).
 */
export function sqliteUpdateById<E, T>(table: RowTable<E, T>, patch: Updateable<T>): string {
  const sets = table.columnNames.filter((n) => n in patch).map((n) => `${n} = @${n}`);
  return `update ${table.name} set ${sets.join(', ')} where id = @id`;
}

/** PostgreSQL: the column list `(a, b, …)` of an insert, in the table's order. */
export function pgColumnList<E, T>(table: RowTable<E, T>): RawBuilder<unknown> {
  return sql`(${sql.join(table.columnNames.map((n) => sql.id(n)))})`;
}

/**
 * PostgreSQL: the values of `row` (a `toRow`) in the table's order, each cast to its column's type, for
 * an `insert … select`; `computed` replaces a column's value with an SQL expression (the next seq).
 */
export function pgValues<E, Table>(
  table: RowTable<E, Table>,
  row: Insertable<Table>,
  computed: Partial<Record<keyof Table, RawBuilder<unknown>>> = {},
): RawBuilder<unknown> {
  const values = row as Record<string, unknown>;
  return sql.join(table.columnNames.map((n) => computed[n] ?? cast(table.columns[n].kind, values[n])));
}

/** PostgreSQL: the SET list `a = $1, …` of `patch` (a `patchRow`), in the table's order. */
export function pgAssignments<E, T>(table: RowTable<E, T>, patch: Updateable<T>): RawBuilder<unknown> {
  const values = patch as Record<string, unknown>;
  return sql.join(
    table.columnNames
      .filter((n) => n in values)
      .map((n) => sql`${sql.id(n)} = ${cast(table.columns[n].kind, values[n])}`),
  );
}

/** A parameter cast to the type a column of this kind has in PostgreSQL (migrations.ts). */
function cast(kind: ColumnKind, value: unknown): RawBuilder<unknown> {
  if (kind === 'json') return sql`${value}::jsonb`;
  if (kind === 'timestamp') return sql`${value}::timestamptz`;
  return sql`${value}`;
}
