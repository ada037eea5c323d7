import type { ColumnType } from "./column_type.ts";
import type { SqlFragment } from "./sql_fragment.ts";

/** A literal default, or raw SQL made with `sql`. */
export type ServerDefault = string | number | boolean | SqlFragment;

/** One column of a table, as plain data. */
export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  /** Defaults to true, except for primary key columns. */
  readonly nullable?: boolean;
  readonly primaryKey?: boolean;
  readonly unique?: boolean;
  readonly serverDefault?: ServerDefault;
  readonly autoincrement?: boolean;
}

/** The options of `t.column` besides name and type. */
export type ColumnOptions = Omit<Column, "name" | "type">;

/** Whether a column accepts NULL once its defaults are applied. */
export function isNullable(column: Column): boolean {
  return column.nullable ?? !column.primaryKey;
}
