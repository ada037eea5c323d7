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

/** An index: plain columns or SQL expressions, optionally partial (`where`). */
export interface Index {
  readonly name: string;
  readonly columns: readonly (string | SqlFragment)[];
  readonly unique?: boolean;
  readonly where?: string;
  /** The index method where it is not the default (PostgreSQL `USING gin`). */
  readonly using?: string;
}
