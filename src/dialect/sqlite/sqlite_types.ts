import type { ColumnType } from "../../schema/column_type.ts";
import { numericType, sizedType } from "../_shared.ts";

/**
 * A `t.*` type in SQLite's words, as SQLAlchemy's SQLite compiler writes them (SQLite stores
 * by type affinity, so these names mostly document intent). An enum is a VARCHAR as long as
 * its longest value; its CHECK is added to the column.
 *
 * @example
 * ```ts
 * sqliteType(t.timestamp({ tz: true })); // "DATETIME"
 * sqliteType(t.enum(["draft", "sent"])); // "VARCHAR(5)"
 * ```
 */
export function sqliteType(type: ColumnType): string {
  switch (type.name) {
    case "varchar":
    case "char":
      return sizedType(type.name.toUpperCase(), type.length);
    case "numeric":
      return numericType(type.precision, type.scale);
    case "timestamp":
      return "DATETIME";
    case "jsonb":
      return "JSON";
    case "uuid":
      return "CHAR(32)";
    case "bytes":
      return "BLOB";
    case "enum":
      return `VARCHAR(${Math.max(1, ...type.values.map((v) => v.length))})`;
    case "raw":
      return type.sql;
    default:
      return type.name.toUpperCase();
  }
}
