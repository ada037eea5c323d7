import type { Op } from "../ops/op.ts";

/** One SQL statement with its bound parameters. */
export interface Statement {
  readonly sql: string;
  readonly params?: readonly unknown[];
}

/** What a database can do, as data the runner consults. */
export interface Capabilities {
  /** DDL runs inside a transaction and rolls back with it. */
  readonly transactionalDdl: boolean;
}

/**
 * Everything retort knows about one database's SQL, with no I/O: quoting, types, and the
 * statements for each operation.
 */
export interface Dialect {
  readonly name: "sqlite" | "postgres" | "mysql";
  readonly capabilities: Capabilities;
  quoteIdentifier(name: string): string;
  /** A value written as an SQL literal, for offline scripts and defaults. */
  literal(value: unknown): string;
  /** The statements that carry out `op`. */
  render(op: Op): Statement[];
  /** `CREATE TABLE IF NOT EXISTS` for the version table. */
  createVersionTable(table: string): Statement;
  /** A query that returns a row when `table` exists. */
  tableExists(table: string): Statement;
}
