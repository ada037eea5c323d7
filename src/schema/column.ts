import type { ColumnType } from "./column_type.ts";
import type { SqlFragment } from "./sql_fragment.ts";

/** A literal default, or raw SQL made with `sql`. */
export type ServerDefault = string | number | boolean | SqlFragment;


/** `GENERATED ... AS IDENTITY` options (PostgreSQL; other databases autoincrement). */
export interface Identity {
  readonly always?: boolean;
  readonly start?: number;
  readonly increment?: number;
}

/** One column of a table, as plain data. */
export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  /** Defaults to true, except for primary key columns. */
  readonly nullable?: boolean;
  readonly primaryKey?: boolean;
  readonly unique?: boolean;
  readonly serverDefault?: ServerDefault;
  /** SQLite `AUTOINCREMENT`, MySQL `AUTO_INCREMENT`, PostgreSQL `SERIAL`-like identity. */
  readonly autoincrement?: boolean;
  readonly identity?: Identity;
  readonly comment?: string;
  /** The collation of a text column (`COLLATE "C"`, `COLLATE NOCASE`, `utf8mb4_bin`). */
  readonly collation?: string;
  /** A generated column: its SQL expression, stored or computed when read (`VIRTUAL`). */
  readonly computed?: Computed;
  /** MySQL `ON UPDATE` (e.g. `sql\`CURRENT_TIMESTAMP\``): the value set on every update. */
  readonly onUpdate?: SqlFragment;
}

/** `GENERATED ALWAYS AS (sql) STORED | VIRTUAL`. */
export interface Computed {
  readonly sql: string;
  /** Stored in the row (default); false: computed when read (SQLite and MySQL only). */
  readonly stored?: boolean;
}

/** The options of `t.column` besides name and type. */
export type ColumnOptions = Omit<Column, "name" | "type">;

/** Whether a column accepts NULL once its defaults are applied. */
export function isNullable(column: Column): boolean {
  return column.nullable ?? !column.primaryKey;
}
