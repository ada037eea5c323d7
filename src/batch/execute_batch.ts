import type { Dialect, Statement } from "../dialect/dialect.ts";
import { coreRegistry } from "../ops/builtin_operations.ts";
import type { Session } from "../driver/connection.ts";
import type { BatchAlterTableOp, BatchSubOp } from "../ops/op.ts";
import type { CopyProgress } from "../ui/row_counter.ts";
import { terminalRowCounter } from "../ui/row_counter.ts";
import type { BatchStepName } from "./sqlite_rebuild.ts";
import { runSqliteBatch } from "./sqlite_batch.ts";
import { BatchError } from "./batch_error.ts";
import type { MysqlStepName } from "./mysql_rebuild.ts";
import { rebuildMysqlTable } from "./mysql_rebuild.ts";
import type { PostgresStepName } from "./postgres_rebuild.ts";
import { rebuildPostgresTable } from "./postgres_rebuild.ts";
import { inTransaction, isOffline } from "./_session.ts";

/** How `executeBatch` runs. */
export interface BatchOptions {
  /**
   * Rows copied so far while a table of more than 100,000 rows is copied; by default a
   * counter on stderr when it is a terminal; `false` for none.
   */
  readonly progress?: CopyProgress | false;
  /** Tests only: throw right after this step of a rebuild, to check nothing is left behind. */
  readonly failAfter?: BatchStepName;
  /** Tests only: called after each step of a rebuild (e.g. to kill the process there). */
  readonly afterStep?: (step: BatchStepName) => void | Promise<void>;
  /**
   * The statements of a sub-operation run in place (plain ALTERs), through the run's
   * operation registry; by default the core operations'.
   */
  readonly sqlFor?: (op: BatchSubOp) => Statement[];
  /** Tests only: throw right after this step of a PostgreSQL/MySQL rebuild. */
  readonly serverFailAfter?: PostgresStepName | MysqlStepName;
}

/**
 * Carries out an `op.batchAlterTable`. SQLite/libSQL: plain ALTERs where they can do it all
 * (`recreate: "auto"`), else one table rebuild that keeps every row, index, trigger and view
 * (see docs/batch.md); libSQL's own `ALTER COLUMN` where the dialect says it has one
 * (`capabilities.nativeAlterColumn`). PostgreSQL and MySQL: each operation as a plain
 * ALTER, so one migration file runs everywhere; `recreate: "always"` rebuilds the table there
 * too, keeping the foreign keys that point at it: PostgreSQL in the caller's transaction (or
 * its own, given a connection); MySQL, which commits DDL as it goes, in an order that leaves
 * the old table untouched until the rebuilt copy is complete. `--sql` mode cannot read the
 * catalog such a rebuild needs, and is refused.
 *
 * @example
 * ```ts
 * await executeBatch(dialect, session, {
 *   kind: "batchAlterTable", table: "users", recreate: "auto",
 *   ops: [{ kind: "alterColumn", table: "users", column: "email", nullable: false }],
 * });
 * ```
 */
export async function executeBatch(
  dialect: Dialect,
  session: Session,
  op: BatchAlterTableOp,
  options: BatchOptions = {},
): Promise<void> {
  const sqlFor = options.sqlFor ?? ((sub: BatchSubOp) => coreRegistry().sqlFor(sub, dialect));
  if (dialect.name === "sqlite") {
    const progress = options.progress === false
      ? undefined
      : options.progress ?? terminalRowCounter(op.table);
    return runSqliteBatch(dialect, session, op, {
      progress,
      failAfter: options.failAfter,
      afterStep: options.afterStep,
      nativeAlterColumn: dialect.capabilities.nativeAlterColumn,
      sqlFor,
    });
  }
  if (op.recreate === "always") {
    if (await isOffline(session)) {
      throw new BatchError(
        "BATCH_NEEDS_DATABASE",
        `batchAlterTable ${op.table}: recreate "always" on ${dialect.name} reads the table from the database, ` +
          `which --sql mode cannot; use recreate "auto" (plain ALTERs) for an offline script`,
      );
    }
    const failAfter = options.serverFailAfter;
    if (dialect.name === "mysql") {
      return rebuildMysqlTable(dialect, session, op, { failAfter: failAfter as MysqlStepName });
    }
    return inTransaction(
      session,
      (tx) => rebuildPostgresTable(dialect, tx, op, { failAfter: failAfter as PostgresStepName }),
    );
  }
  for (const sub of op.ops) {
    for (const statement of sqlFor(placed(op, sub))) {
      await session.execute(statement.sql, statement.params);
    }
  }
}

/** The sub-operation on the batch's table and schema, without a batch-only column position. */
function placed(op: BatchAlterTableOp, sub: BatchSubOp): BatchSubOp {
  const schema = op.schema ? { schema: op.schema } : {};
  if (sub.kind === "addColumn") {
    const { insertBefore: _before, insertAfter: _after, ...plain } = sub;
    return { ...plain, ...schema };
  }
  return { ...sub, ...schema } as BatchSubOp;
}
