import type { ColumnType } from "../../schema/column_type.ts";
import type { ColumnPlace } from "../_shared.ts";
import { describeColumn, numericType, sizedType, unsupported } from "../_shared.ts";

/**
 * A `t.*` type in MySQL's and MariaDB's words, as SQLAlchemy's MySQL compiler writes them.
 * VARCHAR needs a length here.
 *
 * @example
 * ```ts
 * mysqlType(t.timestamp({ tz: true }), place, literal); // "TIMESTAMP"
 * mysqlType(t.enum(["a", "b"]), place, literal);        // "ENUM('a', 'b')"
 * ```
 */
export function mysqlType(
  type: ColumnType,
  place: ColumnPlace,
  literal: (value: string) => string,
): string {
  switch (type.name) {
    case "boolean":
      return "BOOL";
    case "real":
      return "FLOAT";
    case "jsonb":
      return "JSON";
    case "uuid":
      return "CHAR(36)";
    case "bytes":
      return "BLOB";
    case "varchar":
      if (type.length === undefined) {
        throw unsupported(
          `column ${describeColumn(place)}`,
          "MySQL needs a length for VARCHAR",
          "write t.varchar(255) (or t.text())",
        );
      }
      return `VARCHAR(${type.length})`;
    case "char":
      return sizedType("CHAR", type.length);
    case "numeric":
      return numericType(type.precision, type.scale);
    case "time":
      return sizedType("TIME", type.precision);
    case "timestamp":
      return sizedType(type.withTimezone ? "TIMESTAMP" : "DATETIME", type.precision);
    case "enum":
      return `ENUM(${type.values.map(literal).join(", ")})`;
    case "raw":
      return type.sql;
    default:
      return type.name.toUpperCase();
  }
}
