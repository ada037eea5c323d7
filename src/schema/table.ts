import type { Column } from "./column.ts";
import type {
  CheckConstraint,
  ForeignKey,
  Index,
  PrimaryKey,
  UniqueConstraint,
} from "./constraint.ts";

/**
 * One table as plain data: its columns, keys, constraints, indexes and comment. The same
 * shape describes a table declared in a schema module, one read back from a database, and
 * the table `op.createTable` creates.
 *
 * @example
 * ```ts
 * const users: Table = {
 *   table: "users",
 *   columns: [t.column("id", t.integer(), { primaryKey: true })],
 *   primaryKey: { name: "pk_users", columns: ["id"] },
 *   foreignKeys: [], uniques: [], checks: [], indexes: [],
 * };
 * ```
 */
export interface Table {
  /** The table's name. */
  readonly table: string;
  /** Its schema, where the database has schemas (an attached database on SQLite). */
  readonly schema?: string;
  readonly columns: readonly Column[];
  readonly primaryKey?: PrimaryKey;
  readonly foreignKeys: readonly ForeignKey[];
  readonly uniques: readonly UniqueConstraint[];
  readonly checks: readonly CheckConstraint[];
  readonly indexes: readonly Index[];
  readonly comment?: string;
  /** How the database stores the table, where it is not the default. */
  readonly options?: TableOptions;
}

/** Storage options of a table; each database uses the ones it has. */
export interface TableOptions {
  /** SQLite `WITHOUT ROWID`. */
  readonly withoutRowid?: boolean;
  /** SQLite `STRICT`. */
  readonly strict?: boolean;
  /** MySQL `ENGINE=`. */
  readonly engine?: string;
  /** MySQL `DEFAULT CHARSET=`. */
  readonly charset?: string;
  /** MySQL `COLLATE=`. */
  readonly collation?: string;
  /** PostgreSQL `UNLOGGED`. */
  readonly unlogged?: boolean;
}

/** Where a table is: its name and, where the database has them, its schema. */
export interface TablePlace {
  readonly table: string;
  readonly schema?: string;
}

/** Where a column is. */
export interface ColumnPlace extends TablePlace {
  readonly column: string;
}
