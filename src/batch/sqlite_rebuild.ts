import type { Dialect } from "../dialect/dialect.ts";
import { mentions } from "../dialect/sqlite/sql_mentions.ts";
import { sameName } from "../dialect/sqlite/same_name.ts";
import type { Session } from "../driver/connection.ts";
import { DatabaseError } from "../driver/database_error.ts";
import type { NamingConvention } from "../schema/naming.ts";
import type { Table } from "../schema/table.ts";
import type { BatchAlterTableOp, BatchSubOp } from "../ops/op.ts";
import { applyBatchOps } from "./apply_batch_ops.ts";
import { BatchError } from "./batch_error.ts";
import type { ColumnRename } from "./column_renames.ts";
import { checkForeignKeys, relaxForeignKeys } from "./foreign_key_guard.ts";
import type { RebuildPlan } from "./plan_rebuild.ts";
import { planRebuild, rebuildStepNames } from "./plan_rebuild.ts";
import type { SqliteTable } from "./read_table.ts";
import { readTable } from "./read_table.ts";
import type { CopyProgress } from "../ui/row_counter.ts";
import { progressThreshold } from "../ui/row_counter.ts";

/** Every point a rebuild can be interrupted at, in order (the `failAfter` test hook). */
export const batchStepNames = [
  "savepoint",
  "renameColumns",
  "readDefinition",
  ...rebuildStepNames,
  "foreignKeyCheck",
] as const;

/** One point a rebuild can be interrupted at. */
export type BatchStepName = (typeof batchStepNames)[number];

/** How a rebuild runs. */
export interface RebuildOptions {
  /** Rows copied so far, for tables of more than 100,000 rows. */
  readonly progress?: CopyProgress;
  /** Tests only: throw right after this step, to check that nothing is left behind. */
  readonly failAfter?: BatchStepName;
  /** Tests only: called after each step (e.g. to kill the process there). */
  readonly afterStep?: (step: BatchStepName) => void | Promise<void>;
}

const savepoint = "retort_batch";

/**
 * Rebuilds a SQLite table online, as SQLite's generalized ALTER TABLE procedure says, inside
 * the caller's transaction (foreign keys deferred where they are enforced), in a savepoint: the
 * column renames (SQLite rewrites indexes, triggers and views itself), the definition read
 * back, the new table created and filled with one `INSERT ... SELECT`, the old one dropped,
 * the new one renamed, indexes, views and triggers recreated, `PRAGMA foreign_key_check`.
 * Any failure rolls the savepoint back: the old table and its rows are untouched.
 *
 * @example
 * ```ts
 * await rebuildSqliteTable(dialect, session, op, renames, ops, naming);
 * ```
 */
export async function rebuildSqliteTable(
  dialect: Dialect,
  session: Session,
  op: BatchAlterTableOp,
  renames: readonly ColumnRename[],
  ops: readonly BatchSubOp[],
  naming: NamingConvention,
  options: RebuildOptions = {},
): Promise<void> {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const prefix = op.schema ? `${q(op.schema)}.` : "";
  const reached = async (step: BatchStepName) => {
    await options.afterStep?.(step);
    if (options.failAfter === step) throw new Error(`injected failure after ${step}`);
  };
  let current: string = "savepoint";
  const settings = await relaxForeignKeys(session, op.table, op.schema);
  try {
    await session.execute(`SAVEPOINT ${savepoint}`);
    try {
      current = "savepoint";
      await reached("savepoint");
      current = "renameColumns";
      for (const [from, to] of renames) {
        await session.execute(
          `ALTER TABLE ${prefix}${q(op.table)} RENAME COLUMN ${q(from)} TO ${q(to)}`,
        );
      }
      await reached("renameColumns");
      current = "readDefinition";
      const table = await readTable(dialect, session, op.table, op.schema);
      const rebuilt = applyBatchOps(dialect, table.table, ops, {
        naming,
        partialReordering: op.partialReordering,
      });
      refuseTriggersOnDroppedColumns(op, table, rebuilt.table);
      const plan = planRebuild(table, rebuilt, { dialect, schema: op.schema });
      await refuseLeftover(session, op, plan);
      await reached("readDefinition");
      for (const step of plan.steps) {
        current = step.name;
        if (step.name === "copyRows" && options.progress && plan.copy.byRowid) {
          await copyInRanges(session, plan, prefix + q(op.table), options.progress);
        } else {
          for (const statement of step.statements) await session.execute(statement);
        }
        // SQLite creates a view over a missing column without a word; reading it fails.
        if (step.name === "createViews") {
          for (const view of table.views) {
            await session.query(`SELECT * FROM ${prefix}${q(view.name)} LIMIT 0`);
          }
        }
        await reached(step.name);
      }
      current = "foreignKeyCheck";
      await checkForeignKeys(session, op.table, op.schema);
      await reached("foreignKeyCheck");
      await session.execute(`RELEASE ${savepoint}`);
    } catch (error) {
      await session.execute(`ROLLBACK TO ${savepoint}`).catch(() => {});
      await session.execute(`RELEASE ${savepoint}`).catch(() => {});
      throw explain(op, current, error);
    }
  } finally {
    await settings.restore();
  }
}

/**
 * SQLite accepts a trigger whose body names a missing column and fails only when it fires, so
 * a trigger that uses a column the batch drops is refused before anything changes.
 */
function refuseTriggersOnDroppedColumns(
  op: BatchAlterTableOp,
  table: SqliteTable,
  rebuilt: Table,
): void {
  const dropped = table.table.columns.map((c) => c.name)
    .filter((name) => !rebuilt.columns.some((c) => sameName(c.name, name)));
  for (const trigger of table.triggers) {
    const used = dropped.find((name) => mentions(trigger.sql, name));
    if (used !== undefined) {
      throw new BatchError(
        "BATCH_TRIGGER_USES_COLUMN",
        `batchAlterTable ${op.table}: trigger ${trigger.name} uses column ${used}, which the batch drops; ` +
          "drop or rewrite the trigger first (op.execute) in the same revision. Nothing was changed",
      );
    }
  }
}

async function refuseLeftover(session: Session, op: BatchAlterTableOp, plan: RebuildPlan) {
  const name = plan.temporary;
  const master = `${op.schema ? `"${op.schema.replaceAll('"', '""')}".` : ""}sqlite_master`;
  const rows = await session.query(`SELECT 1 FROM ${master} WHERE name = ? COLLATE NOCASE`, [name]);
  if (rows.length > 0) {
    throw new BatchError(
      "BATCH_NAME_TAKEN",
      `batchAlterTable ${op.table}: a table named ${name} already exists; drop or rename it (retort never leaves one behind)`,
    );
  }
}

/** The copy in rowid ranges, reporting rows copied (one range when the table is small). */
async function copyInRanges(
  session: Session,
  plan: RebuildPlan,
  from: string,
  progress: CopyProgress,
): Promise<void> {
  const whole = `${plan.copy.insert} ${plan.copy.select} ${plan.copy.from}`;
  const [stats] = await session.query(
    `SELECT count(*) AS n, min(rowid) AS lo, max(rowid) AS hi FROM ${from}`,
  );
  const total = Number(stats?.n ?? 0);
  if (total <= progressThreshold) {
    await session.execute(whole);
    return;
  }
  const low = BigInt(String(stats.lo)) - 1n;
  const high = BigInt(String(stats.hi));
  const span = high - low;
  const chunks = BigInt(Math.max(1, Math.ceil(total / 50_000)));
  let copied = 0;
  progress(0, total);
  for (let k = 0n; k < chunks; k++) {
    const lo = low + (span * k) / chunks;
    const hi = k === chunks - 1n ? high : low + (span * (k + 1n)) / chunks;
    copied += await session.execute(
      `${plan.copy.insert} ${plan.copy.select} ${plan.copy.from} WHERE rowid > ${lo} AND rowid <= ${hi}`,
    );
    progress(Math.min(copied, total), total);
  }
  if (copied < total) progress(total, total);
}

/** A one-line error naming the table and the step, with the temporary name taken out. */
function explain(op: BatchAlterTableOp, step: string, error: unknown): Error {
  if (error instanceof BatchError) return error;
  const reason = error instanceof DatabaseError
    ? error.databaseMessage
    : String((error as Error)?.message ?? error).split("\n")[0];
  const clean = reason.replaceAll(`_retort_new_${op.table}`, op.table);
  return new BatchError(
    "BATCH_FAILED",
    `batchAlterTable ${op.table}: ${step} failed: ${clean}; nothing was changed (the rebuild was rolled back)`,
    { cause: error },
  );
}
