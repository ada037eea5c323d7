import type { Operations } from "../ops/operations.ts";
import { sql } from "../schema/sql_fragment.ts";
import { t } from "../schema/types.ts";
import type { Dialect } from "../dialect/dialect.ts";
import type { Row } from "../driver/connection.ts";

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
  /**
   * Runs a statement on the step's own session, inside its transaction, after every `op.*`
   * recorded before it has run, and returns its rows (Alembic's `op.get_bind().execute()`).
   * Parameters use the driver's placeholders: `$1` on PostgreSQL, `?` on MySQL and SQLite.
   * Offline (`--sql`) scripts cannot read, so there it fails, naming the revision.
   *
   * @example
   * ```ts
   * for (const row of await query("SELECT id, name FROM users")) {
   *   await op.execute("UPDATE users SET slug = ? WHERE id = ?", [slugify(row.name), row.id]);
   * }
   * ```
   */
  readonly query: (sql: string, params?: readonly unknown[]) => Promise<Row[]>;
}

/** Builds the context handed to one migration function. */
export function migrationContext(
  parts: Pick<MigrationContext, "op" | "log" | "query"> & { dialect: Dialect },
): MigrationContext {
  const { op, log, query } = parts;
  return Object.freeze({ op, t, sql, dialect: parts.dialect.name, log, query });
}
