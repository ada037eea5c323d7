import type { Operations } from "../ops/operations.ts";
import { sql } from "../schema/sql_fragment.ts";
import { t } from "../schema/types.ts";
import type { Dialect } from "../dialect/dialect.ts";

/**
 * What `upgrade()` and `downgrade()` receive: everything a migration needs at run time.
 *
 * @example
 * ```ts
 * export async function upgrade({ op, t }: MigrationContext) {
 *   await op.addColumn("users", t.column("email", t.varchar(255)));
 * }
 * ```
 */
export interface MigrationContext {
  /** Schema operations; each call runs in call order. */
  readonly op: Operations;
  /** Column types and `t.column(...)`. */
  readonly t: typeof t;
  /** Raw SQL fragments, e.g. for server defaults. */
  readonly sql: typeof sql;
  /** The database this run talks to: "sqlite", "postgres" or "mysql". */
  readonly dialect: Dialect["name"];
  /** Writes a line to the run's log (stderr), unless `-q`. */
  readonly log: (message: string) => void;
}

/** Builds the context handed to one migration function. */
export function migrationContext(
  op: Operations,
  dialect: Dialect,
  log: (message: string) => void,
): MigrationContext {
  return Object.freeze({ op, t, sql, dialect: dialect.name, log });
}
