import type { SqlFragment } from "./sql_fragment.ts";

/** What happens to referencing rows when the referenced row changes. */
export type ReferentialAction = "CASCADE" | "SET NULL" | "SET DEFAULT" | "RESTRICT" | "NO ACTION";

/**
 * A foreign key as data. Keys, constraints and indexes that retort creates always have a
 * name; one read back from a database may have none (SQLite keeps unnamed constraints).
 */
export interface ForeignKey {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly referencesTable: string;
  readonly referencesSchema?: string;
  readonly referencesColumns: readonly string[];
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
  readonly deferrable?: boolean;
  readonly initially?: "DEFERRED" | "IMMEDIATE";
}

/** A UNIQUE constraint. */
export interface UniqueConstraint {
  readonly name?: string;
  readonly columns: readonly string[];
}

/** A CHECK constraint; `condition` is SQL. */
export interface CheckConstraint {
  readonly name?: string;
  readonly condition: string;
}

/** A primary key constraint. */
export interface PrimaryKey {
  readonly name?: string;
  readonly columns: readonly string[];
}

/**
 * One key of an index with more than a plain column: its order, where NULLs go, its
 * collation, PostgreSQL operator class, or MySQL prefix length.
 *
 * @example
 * ```ts
 * const key: IndexKey = { column: "created_at", descending: true, nulls: "last" };
 * ```
 */
export interface IndexKey {
  /** The column; give `sql` instead for an expression. */
  readonly column?: string;
  readonly sql?: string;
  readonly descending?: boolean;
  /** Where NULLs sort, when not the database's default for the order (PostgreSQL). */
  readonly nulls?: "first" | "last";
  readonly collation?: string;
  /** A PostgreSQL operator class, e.g. `text_pattern_ops`. */
  readonly opclass?: string;
  /** MySQL: index only the first `length` characters. */
  readonly length?: number;
}

/** An index key: a column name, an SQL expression, or a key with options. */
export type IndexColumn = string | SqlFragment | IndexKey;

/** An index: plain columns or SQL expressions, optionally partial (`where`). */
export interface Index {
  readonly name: string;
  readonly columns: readonly IndexColumn[];
  readonly unique?: boolean;
  readonly where?: string;
  /** The index method where it is not the default (PostgreSQL `USING gin`). */
  readonly using?: string;
}
