import type { Dialect } from "../dialect/dialect.ts";
import type { Session } from "../driver/connection.ts";
import type { BatchAlterTableOp } from "../ops/op.ts";
import { BatchError } from "./batch_error.ts";
import type { MysqlStepName } from "./mysql_rebuild.ts";
import { rebuildMysqlTable } from "./mysql_rebuild.ts";
import type { PostgresStepName } from "./postgres_rebuild.ts";
import { rebuildPostgresTable } from "./postgres_rebuild.ts";
import { inTransaction, isOffline } from "./_session.ts";

/** Tests only: make a rebuild fail right after one of its steps. */
export interface ServerRebuildOptions {
  readonly failAfter?: PostgresStepName | MysqlStepName;
}

/**
 * `recreate: "always"` on PostgreSQL or MySQL/MariaDB: one table rebuild that reads the
 * table from the catalog and keeps its rows, keys, indexes, triggers, views and the foreign
 * keys of other tables that point at it (see docs/batch.md). PostgreSQL runs it in the
 * caller's transaction (or its own when given a connection); MySQL commits DDL as it goes,
 * so its rebuild is ordered to leave the old table untouched until the rebuilt copy is
 * complete and checked. `--sql` mode cannot read the catalog and is refused.
 *
 * @example
 * ```ts
 * await rebuildOnServer(dialect, connection, { ...op, recreate: "always" });
 * ```
 */
export async function rebuildOnServer(
  dialect: Dialect,
  session: Session,
  op: BatchAlterTableOp,
  options: ServerRebuildOptions = {},
): Promise<void> {
  if (await isOffline(session)) {
    throw new BatchError(
      "BATCH_NEEDS_DATABASE",
      `batchAlterTable ${op.table}: recreate "always" on ${dialect.name} reads the table from the database, ` +
        `which --sql mode cannot; use recreate "auto" (plain ALTERs) for an offline script`,
    );
  }
  if (dialect.name === "mysql") {
    return rebuildMysqlTable(dialect, session, op, options as { failAfter?: MysqlStepName });
  }
  const work = (tx: Session) =>
    rebuildPostgresTable(dialect, tx, op, options as { failAfter?: PostgresStepName });
  return inTransaction(session, work);
}
