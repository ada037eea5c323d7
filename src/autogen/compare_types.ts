import { isIntegerType, wantsGeneratedValues } from "../dialect/_shared.ts";
import { implicitAutoincrement } from "../dialect/ddl_renderer.ts";
import type { Dialect } from "../dialect/dialect.ts";
import { mysqlType } from "../dialect/mysql/mysql_types.ts";
import { postgresType } from "../dialect/postgres/postgres_types.ts";
import { sqliteType } from "../dialect/sqlite/sqlite_types.ts";
import type { Column } from "../schema/column.ts";
import type { ColumnType } from "../schema/column_type.ts";
import type { ColumnPlace, Table } from "../schema/table.ts";
import { primaryKeyColumns } from "./compare_context.ts";
import { canonicalType } from "./normalize_type.ts";

/** A dialect that can write a type on its own (every built-in one can). */
type TypeWriter = { renderType?: (type: ColumnType, place: ColumnPlace) => string };

/**
 * The SQL `dialect` writes for `type` in the column at `place`, or undefined when it cannot
 * write it (MySQL's `VARCHAR` without a length).
 *
 * @example
 * ```ts
 * typeSql(new PostgresDialect(), t.varchar(255), { table: "users", column: "email" }); // "VARCHAR(255)"
 * ```
 */
export function typeSql(
  dialect: Dialect,
  type: ColumnType,
  place: ColumnPlace,
): string | undefined {
  try {
    const writer = dialect as Dialect & TypeWriter;
    if (typeof writer.renderType === "function") return writer.renderType(type, place);
    if (dialect.name === "postgres") {
      return postgresType(type, place, (name, schema) => dialect.qualify(name, schema));
    }
    if (dialect.name === "mysql") return mysqlType(type, place, (v) => dialect.literal(v));
    return sqliteType(type);
  } catch {
    return undefined;
  }
}

/**
 * The type a declared column gets in the database: its own, except SQLite's lone integer
 * primary key that numbers rows, which retort writes `INTEGER` (only that is the rowid).
 */
export function writtenType(dialect: Dialect, table: Table, column: Column): ColumnType {
  if (dialect.name !== "sqlite" || !isIntegerType(column.type)) return column.type;
  const keys = primaryKeyColumns(table);
  if (keys.length !== 1 || keys[0] !== column.name) return column.type;
  const numbered = implicitAutoincrement(table, keys) === column || wantsGeneratedValues(column);
  return numbered ? { name: "integer" } : column.type;
}

/** One side of a type comparison: the column's type and where it is. */
export interface TypeSide {
  readonly type: ColumnType;
  readonly place: ColumnPlace;
}

/**
 * True when the database stores the two types as one: both written by the dialect and
 * compared after `canonicalType` (case, spacing, each database's synonyms). Types the
 * dialect cannot write are compared as data.
 *
 * @example
 * ```ts
 * sameType(dialect, { type: t.raw("int4"), place }, { type: t.integer(), place }); // true on PostgreSQL
 * ```
 */
export function sameType(dialect: Dialect, declared: TypeSide, reflected: TypeSide): boolean {
  const a = typeSql(dialect, declared.type, declared.place);
  const b = typeSql(dialect, reflected.type, reflected.place);
  if (a === undefined || b === undefined) {
    return JSON.stringify(declared.type) === JSON.stringify(reflected.type);
  }
  return a === b || canonicalType(a, dialect.name) === canonicalType(b, dialect.name);
}

/** A type as descriptions show it: the dialect's SQL, else its `t.*` name. */
export function typeLabel(dialect: Dialect, side: TypeSide): string {
  return typeSql(dialect, side.type, side.place) ?? side.type.name;
}
