import type { Table } from "./table.ts";

/** A named enumeration type (PostgreSQL `CREATE TYPE ... AS ENUM`). */
export interface EnumType {
  readonly name: string;
  readonly schema?: string;
  readonly values: readonly string[];
}

/** A view: its `SELECT` as the database keeps it. */
export interface View {
  readonly name: string;
  readonly schema?: string;
  /** The query after `AS`, as the database gives it back. */
  readonly definition: string;
  /** PostgreSQL `MATERIALIZED VIEW`. */
  readonly materialized?: boolean;
  /** The whole `CREATE VIEW` statement, where the database keeps it as written (SQLite). */
  readonly create?: string;
}

/** A trigger on a table, with the statement that creates it again. */
export interface Trigger {
  readonly name: string;
  /** The table (or view) it fires on. */
  readonly table: string;
  readonly schema?: string;
  /** `CREATE TRIGGER ...` as the database gives it back. */
  readonly create: string;
}

/**
 * What a schema holds, as retort models it: tables, PostgreSQL enum types, views and
 * triggers. A declared schema (`defineSchema`) and a database read back by its dialect's
 * introspector give the same shape, so comparing them is model against model. Objects in
 * the connection's current schema have no `schema`.
 *
 * @example
 * ```ts
 * const reflected = await dialect.introspect(query);
 * reflected.tables.map((t) => t.table);
 * ```
 */
export interface DatabaseSchema {
  readonly tables: readonly Table[];
  readonly enums: readonly EnumType[];
  readonly views: readonly View[];
  readonly triggers: readonly Trigger[];
}
