/**
 * A table of columns for one stored row: each column's name, the field of the stored object it holds,
 * how it is stored (as is, JSON, timestamp) and how its value is written and read. Every write path of
 * that row — kysely, SQLite's group-committed hot path, PostgreSQL's single-statement appends — builds
 * its row and its SQL from the table (row-sql.ts), so a column is named and converted in one place, and
 * the table is type-checked against the row shape kysely knows (database-schema.ts).
 */
import type { Insertable, InsertType, Selectable, SelectType, Updateable } from 'kysely';
import { fromJson, toDate, toNullableDate } from './column-values.ts';
import type { StorageDialect } from './storage-dialect.ts';

/**
 * How a column is stored, which decides its conversions and PostgreSQL casts: `value` as is, `json`
 * as jsonb (PostgreSQL) or JSON text (SQLite), `timestamp` as timestamptz or ISO-8601 UTC text.
 */
export type ColumnKind = 'value' | 'json' | 'timestamp';

/** One column of a row table: the field it holds, its kind, and its value written and read. */
export interface Column<Entity, Written, Read, Field extends keyof Entity & string = keyof Entity & string> {
  readonly field: Field;
  readonly kind: ColumnKind;
  /** The column's value in the row to write (`entity` may be partial: a patch holds this field). */
  readonly write: (entity: Entity) => Written;
  /** The field's value from the column's value as the database hands it back. */
  readonly read: (value: Read, dialect: StorageDialect) => unknown;
}

/** The field a column holds, from the column's own type. */
type FieldOf<C> = C extends { field: infer F } ? F : never;

/** Every column of `Table`, each writing what kysely accepts and reading what kysely returns. */
export type RowColumns<Entity, Table> = {
  [C in keyof Table & string]: Column<Entity, InsertType<Table[C]>, SelectType<Table[C]>>;
};

/** A stored row's column table and the conversions it drives. */
export interface RowTable<Entity, Table> {
  /** The SQL table the row lives in. */
  readonly name: string;
  /** Column names in the table's order (the order of every generated statement). */
  readonly columnNames: readonly (keyof Table & string)[];
  readonly columns: RowColumns<Entity, Table>;
  /** The row to insert for `entity`: dates as ISO-8601 UTC text, JSON as text. */
  toRow(entity: Entity): Insertable<Table>;
  /** The stored object from a row as either database hands it back. */
  fromRow(row: Selectable<Table>, dialect: StorageDialect): Entity;
  /** The columns a patch changes, and only those: a field left `undefined` is left as is (`null` is a value). */
  patchRow(patch: Partial<Entity>): Updateable<Table>;
  /**
   * The row as a JSON object for PostgreSQL's `jsonb_populate_record` (one JSON parameter for many
   * rows): as `toRow`, but a JSON column holds its value, not its text.
   */
  jsonRow(entity: Entity): Record<string, unknown>;
  /** The patch's columns as a JSON object, as `patchRow` but a JSON column holds its value. */
  jsonPatch(patch: Partial<Entity>): Record<string, unknown>;
}

/** Column builders for the fields of one stored object type (`columnsOf<StoredMessage>()`). */
export function columnsOf<Entity>() {
  return {
    /** Stored as is; read back as is. */
    value<F extends keyof Entity & string>(field: F): Column<Entity, Entity[F], Entity[F], F> {
      return { field, kind: 'value', write: (entity) => entity[field], read: (value) => value };
    },
    /** A Date stored as a timestamp. */
    timestamp<F extends keyof Entity & string>(
      field: F & (Entity[F] extends Date ? unknown : never),
    ): Column<Entity, string, Date | string, F> {
      return {
        field,
        kind: 'timestamp',
        write: (entity) => (entity[field] as Date).toISOString(),
        read: (value) => toDate(value),
      };
    },
    /** A Date or null stored as a nullable timestamp. */
    nullableTimestamp<F extends keyof Entity & string>(
      field: F & (Entity[F] extends Date | null ? unknown : never),
    ): Column<Entity, string | null, Date | string | null, F> {
      return {
        field,
        kind: 'timestamp',
        write: (entity) => (entity[field] as Date | null)?.toISOString() ?? null,
        read: (value) => toNullableDate(value),
      };
    },
    /**
     * JSON; `null` is SQL NULL, not the JSON text `null`. `parse` turns what was stored into the field's
     * value (a default for a missing value).
     */
    json<F extends keyof Entity & string>(
      field: F,
      parse: (stored: unknown) => Entity[F],
    ): Column<Entity, null extends Entity[F] ? string | null : string, unknown, F> {
      return {
        field,
        kind: 'json',
        write: (entity) => {
          const value = entity[field];
          return (value === null ? null : JSON.stringify(value)) as null extends Entity[F]
            ? string | null
            : string;
        },
        read: (value, dialect) => parse(fromJson(dialect, value)),
      };
    },
  };
}

/**
 * The table of a stored row. Every column of `Table` must be listed (kysely's row shape), and every
 * field of `Entity` must be held by a column, or this does not type-check.
 */
export function rowTable<Entity, Table>() {
  return <const Columns extends RowColumns<Entity, Table>>(
    name: string,
    columns: Columns &
      (Exclude<keyof Entity, FieldOf<Columns[keyof Columns]>> extends never
        ? unknown
        : { missingFields: Exclude<keyof Entity, FieldOf<Columns[keyof Columns]>> }),
  ): RowTable<Entity, Table> => {
    const columnNames = Object.keys(columns) as (keyof Table & string)[];
    // Each column was checked against its own types above; past this point values pass through as is.
    const entries = columnNames.map(
      (column) => [column, columns[column] as unknown as Column<Entity, unknown, unknown>] as const,
    );
    /** The columns of `entity` (of a patch: only those it sets) as JSON values. */
    const jsonObject = (entity: Partial<Entity>, onlySet: boolean) => {
      const row: Record<string, unknown> = {};
      for (const [column, { field, kind, write }] of entries) {
        const value = entity[field];
        if (onlySet && value === undefined) continue;
        row[column] = kind === 'json' ? (value ?? null) : write(entity as Entity);
      }
      return row;
    };
    return {
      name,
      columnNames,
      columns,
      toRow(entity) {
        const row: Record<string, unknown> = {};
        for (const [column, { write }] of entries) row[column] = write(entity);
        return row as Insertable<Table>;
      },
      fromRow(row, dialect) {
        const entity: Record<string, unknown> = {};
        for (const [column, { field, read }] of entries)
          entity[field] = read((row as Record<string, unknown>)[column], dialect);
        return entity as Entity;
      },
      patchRow(patch) {
        const row: Record<string, unknown> = {};
        for (const [column, { field, write }] of entries) {
          if (patch[field] !== undefined) row[column] = write(patch as Entity);
        }
        return row as Updateable<Table>;
      },
      jsonRow: (entity) => jsonObject(entity, false),
      jsonPatch: (patch) => jsonObject(patch, true),
    };
  };
}
