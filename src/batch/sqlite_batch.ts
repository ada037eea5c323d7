import type { Dialect, Statement } from "../dialect/dialect.ts";
import { coreRegistry } from "../ops/builtin_operations.ts";
import type { Session } from "../driver/connection.ts";
import { defaultNamingConvention } from "../schema/naming.ts";
import type { NamingConvention } from "../schema/naming.ts";
import type { AlterColumnOp, BatchAlterTableOp, BatchSubOp } from "../ops/op.ts";
import { applyBatchOps } from "./apply_batch_ops.ts";
import { BatchError } from "./batch_error.ts";
import { renameInDefinition, splitRenames } from "./column_renames.ts";
import { definitionFromCopy } from "./copy_from.ts";
import { planRebuild } from "./plan_rebuild.ts";
import { readTable } from "./read_table.ts";
import { rebuildReasons } from "./rebuild_reasons.ts";
import { columnText } from "./render_table.ts";
import type { RebuildOptions } from "./sqlite_rebuild.ts";
import { rebuildSqliteTable } from "./sqlite_rebuild.ts";
import type { TableDefinition } from "../dialect/sqlite/table_definition.ts";
import { inTransaction, isOffline } from "./_session.ts";

/**
 * Runs a batch on SQLite/libSQL: plain ALTERs when they can do everything (`recreate:
 * "auto"`), else one rebuild; `--sql` mode (whose session cannot read) writes the same
 * statements from `copyFrom`. With `nativeAlterColumn` (libSQL servers), nullability and
 * default changes use libSQL's `ALTER TABLE ... ALTER COLUMN ... TO`, after checking that
 * no row holds NULL where NOT NULL is asked for.
 *
 * @example
 * ```ts
 * await runSqliteBatch(dialect, session, op, {});
 * ```
 */
export async function runSqliteBatch(
  dialect: Dialect,
  session: Session,
  op: BatchAlterTableOp,
  options: RebuildOptions & {
    nativeAlterColumn?: boolean;
    sqlFor?: (op: BatchSubOp) => Statement[];
  } = {},
): Promise<void> {
  const naming = { ...defaultNamingConvention, ...op.namingConvention };
  const offline = await isOffline(session);
  const known = offline
    ? op.copyFrom && definitionFromCopy(dialect, op.table, op.copyFrom)
    : await readTable(session, op.table, op.schema);
  const reasons = rebuildReasons(op, known, {
    alterColumn: options.nativeAlterColumn === true && known !== undefined,
  });
  const rebuild = op.recreate === "always" || reasons.length > 0;
  if (rebuild && op.recreate === "never") {
    throw new BatchError(
      "BATCH_NEEDS_REBUILD",
      `batchAlterTable ${op.table}: recreate is "never" but SQLite's ALTER TABLE cannot do ${
        reasons.join("; ")
      }; ` +
        `use recreate "auto"`,
    );
  }
  const sqlFor = options.sqlFor ?? ((sub: BatchSubOp) => coreRegistry().sqlFor(sub, dialect));
  if (!rebuild) return inPlace(dialect, session, op, known, sqlFor);
  const { renames, ops } = splitRenames(op.ops);
  if (!offline) {
    const rebuild = (tx: Session) =>
      rebuildSqliteTable(dialect, tx, op, renames, ops, naming, options);
    // Outside a transaction (a `transaction = false` revision) the session is the connection:
    // the rebuild opens its own, as statements outside one may each go to another connection.
    return inTransaction(session, rebuild);
  }
  if (!known) {
    throw new BatchError(
      "BATCH_NEEDS_COPY_FROM",
      `batchAlterTable ${op.table}: --sql mode cannot read the table's definition and ${
        reasons[0] ?? 'recreate "always"'
      } needs a rebuild; pass copyFrom (the table's CREATE TABLE as it is before this migration)`,
    );
  }
  await offlineRebuild(dialect, session, op, known, renames, ops, naming);
}

async function offlineRebuild(
  dialect: Dialect,
  session: Session,
  op: BatchAlterTableOp,
  table: TableDefinition,
  renames: readonly (readonly [string, string])[],
  ops: readonly BatchSubOp[],
  naming: NamingConvention,
): Promise<void> {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const prefix = op.schema ? `${q(op.schema)}.` : "";
  await session.execute("PRAGMA defer_foreign_keys = ON");
  for (const [from, to] of renames) {
    await session.execute(
      `ALTER TABLE ${prefix}${q(op.table)} RENAME COLUMN ${q(from)} TO ${q(to)}`,
    );
  }
  const renamed = renameInDefinition(table, renames, q);
  const rebuilt = applyBatchOps(dialect, renamed, ops, naming, op.partialReordering);
  const plan = planRebuild(renamed, rebuilt, { quote: q, schema: op.schema });
  for (const step of plan.steps) {
    for (const statement of step.statements) await session.execute(statement);
  }
}

/** Each operation as SQLite (or libSQL) runs it in place. */
async function inPlace(
  dialect: Dialect,
  session: Session,
  op: BatchAlterTableOp,
  table: TableDefinition | undefined,
  sqlFor: (op: BatchSubOp) => Statement[],
): Promise<void> {
  for (const sub of op.ops) {
    const placed = { ...sub, ...(op.schema ? { schema: op.schema } : {}) } as BatchSubOp;
    if (placed.kind === "alterColumn" && changesDefinition(placed)) {
      await libsqlAlterColumn(dialect, session, placed, table!);
      if (placed.newName === undefined) continue;
      const rename: AlterColumnOp = {
        kind: "alterColumn",
        table: op.table,
        column: placed.column,
        newName: placed.newName,
      };
      for (const s of sqlFor({ ...rename, ...(op.schema ? { schema: op.schema } : {}) })) {
        await session.execute(s.sql, s.params);
      }
      continue;
    }
    if (placed.kind === "addColumn") {
      const { insertBefore: _b, insertAfter: _a, ...plain } = placed;
      for (const s of sqlFor(plain)) await session.execute(s.sql, s.params);
      continue;
    }
    for (const s of sqlFor(placed)) await session.execute(s.sql, s.params);
  }
}

function changesDefinition(op: AlterColumnOp): boolean {
  return op.nullable !== undefined || op.serverDefault !== undefined || op.type !== undefined;
}

/** libSQL: `ALTER TABLE t ALTER COLUMN c TO <new definition>`, refusing NOT NULL over NULLs. */
async function libsqlAlterColumn(
  dialect: Dialect,
  session: Session,
  op: AlterColumnOp,
  table: TableDefinition,
): Promise<void> {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const target = `${op.schema ? `${q(op.schema)}.` : ""}${q(op.table)}`;
  if (op.nullable === false) {
    const nulls = await session.query(
      `SELECT 1 FROM ${target} WHERE ${q(op.column)} IS NULL LIMIT 1`,
    );
    if (nulls.length > 0) {
      throw new BatchError(
        "BATCH_NULLS",
        `batchAlterTable ${op.table}: column ${op.column} holds NULLs, so it cannot become NOT NULL; ` +
          `update those rows first (or give them a default). Nothing was changed`,
      );
    }
  }
  const { newName: _n, ...change } = op;
  const { table: rebuilt } = applyBatchOps(dialect, table, [change], {});
  const column = rebuilt.columns.find((c) => c.name.toLowerCase() === op.column.toLowerCase())!;
  await session.execute(
    `ALTER TABLE ${target} ALTER COLUMN ${q(op.column)} TO ${columnText(column)}`,
  );
}
