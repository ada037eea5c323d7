import type { Dialect } from "../dialect/dialect.ts";
import type { Column } from "../schema/column.ts";
import { isNullable } from "../schema/column.ts";
import { parseTable } from "./parse_table.ts";
import type { ColumnDefinition } from "../dialect/sqlite/table_definition.ts";

/**
 * A `t.column(...)` as SQLite writes it (type names, enum CHECK, defaults in parentheses,
 * inline `PRIMARY KEY AUTOINCREMENT`), by rendering a one-column `createTable` with the
 * dialect and reading it back, so batch columns are written exactly as `op.createTable`
 * writes them. Unique and (non-autoincrement) primary keys are left to table constraints.
 *
 * @example
 * ```ts
 * renderColumn(new SqliteDialect(), "t", t.column("n", t.integer(), { nullable: false })).clauses;
 * // [{ kind: "notNull", text: "NOT NULL" }]
 * ```
 */
export function renderColumn(dialect: Dialect, table: string, column: Column): ColumnDefinition {
  const inlineKey = column.autoincrement === true || column.identity !== undefined;
  const plain: Column = {
    ...column,
    nullable: isNullable(column),
    unique: false,
    primaryKey: inlineKey,
  };
  const [create] = dialect.createTable({
    table,
    columns: [plain],
    foreignKeys: [],
    uniques: [],
    checks: [],
    indexes: [],
  });
  return parseTable(create).columns[0];
}
