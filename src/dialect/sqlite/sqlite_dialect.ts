import type { Column } from "../../ops/column.ts";
import type { ColumnType } from "../../ops/column_type.ts";
import type { AddColumnOp, CreateTableOp } from "../../ops/op.ts";
import { isSqlFragment } from "../../ops/sql_fragment.ts";
import type { Statement } from "../dialect.ts";
import { DdlRenderer } from "../ddl_renderer.ts";
import { UnsupportedOperationError } from "../unsupported_operation.ts";

/** SQLite's SQL: its type names, inline `AUTOINCREMENT` keys, and ALTER TABLE's limits. */
export class SqliteDialect extends DdlRenderer {
  readonly name = "sqlite" as const;
  readonly capabilities = Object.freeze({ transactionalDdl: true });

  override literal(value: unknown): string {
    if (typeof value === "boolean") return value ? "1" : "0";
    return super.literal(value);
  }

  tableExists(table: string): Statement {
    return {
      sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
      params: [table],
    };
  }

  renderType(type: ColumnType): string {
    switch (type.name) {
      case "varchar":
      case "char":
        return `${type.name.toUpperCase()}${type.length === undefined ? "" : `(${type.length})`}`;
      case "numeric":
        return type.precision === undefined
          ? "NUMERIC"
          : `NUMERIC(${type.precision}${type.scale === undefined ? "" : `, ${type.scale}`})`;
      case "timestamp":
        return "DATETIME";
      case "double":
        return "DOUBLE";
      case "jsonb":
        return "JSON";
      case "uuid":
        return "CHAR(32)";
      case "bytes":
        return "BLOB";
      case "raw":
        return type.sql;
      default:
        return type.name.toUpperCase();
    }
  }

  /** SQLite only autoincrements an `INTEGER PRIMARY KEY` written on the column itself. */
  protected override inlinePrimaryKey(op: CreateTableOp, keys: string[]): Column | undefined {
    if (keys.length !== 1) return undefined;
    const column = op.columns.find((c) => c.name === keys[0]);
    return column?.autoincrement ? column : undefined;
  }

  protected override autoincrement(column: Column): string {
    if (column.type.name !== "integer") {
      throw new UnsupportedOperationError(
        `column "${column.name}": SQLite autoincrements only INTEGER primary keys; use t.integer()`,
      );
    }
    return " AUTOINCREMENT";
  }

  /** SQLite needs parentheses around expression defaults. */
  protected override defaultValue(value: Column["serverDefault"]): string {
    return isSqlFragment(value) ? `(${value.sql})` : this.literal(value);
  }

  protected override addColumn(op: AddColumnOp): string {
    const { column } = op;
    if (column.primaryKey || column.unique) {
      throw new UnsupportedOperationError(
        `addColumn ${op.table}.${column.name}: SQLite's ALTER TABLE cannot add a ` +
          `${column.primaryKey ? "PRIMARY KEY" : "UNIQUE"} column; add it plain and then ` +
          `op.createIndex(..., { unique: true }), or rebuild the table with op.batchAlterTable`,
      );
    }
    return super.addColumn(op);
  }
}
