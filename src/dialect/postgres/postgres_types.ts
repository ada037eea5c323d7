import type { ColumnType } from "../../schema/column_type.ts";
import { fitName } from "../../schema/naming.ts";
import type { ColumnPlace } from "../_shared.ts";
import { numericType } from "../_shared.ts";

/**
 * The name of the PostgreSQL type behind a `t.enum` column: the one given, or
 * `<table>_<column>_enum` (cut to 63 characters as other generated names are).
 *
 * @example
 * ```ts
 * enumTypeName(t.enum(["a"]), { table: "users", column: "role" }); // "users_role_enum"
 * ```
 */
export function enumTypeName(type: ColumnType & { name: "enum" }, place: ColumnPlace): string {
  return type.enumName ?? fitName(`${place.table}_${place.column}_enum`);
}

/**
 * A `t.*` type in PostgreSQL's words, as SQLAlchemy's PostgreSQL compiler writes them.
 *
 * @example
 * ```ts
 * postgresType(t.timestamp({ tz: true, precision: 3 }), place, qualify); // "TIMESTAMP(3) WITH TIME ZONE"
 * ```
 */
export function postgresType(
  type: ColumnType,
  place: ColumnPlace,
  qualify: (name: string, schema?: string) => string,
): string {
  switch (type.name) {
    case "double":
      return "DOUBLE PRECISION";
    case "bytes":
      return "BYTEA";
    case "varchar":
    case "char":
      return `${type.name.toUpperCase()}${type.length === undefined ? "" : `(${type.length})`}`;
    case "numeric":
      return numericType(type.precision, type.scale);
    case "time":
    case "timestamp": {
      const precision = type.precision === undefined ? "" : `(${type.precision})`;
      return `${type.name.toUpperCase()}${precision}${type.withTimezone ? " WITH TIME ZONE" : ""}`;
    }
    case "enum":
      return qualify(enumTypeName(type, place), place.schema);
    case "raw":
      return type.sql;
    default:
      return type.name.toUpperCase();
  }
}
