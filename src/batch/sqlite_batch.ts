import type { Dialect, Statement } from "../dialect/dialect.ts";
import { sameName } from "../dialect/sqlite/same_name.ts";
import type { Token } from "../dialect/sqlite/sql_tokens.ts";
import { unkeptClauses } from "../dialect/sqlite/unkept_clauses.ts";
import { isWord } from "../dialect/sqlite/sql_tokens.ts";
import type { Session } from "../driver/connection.ts";
import { coreRegistry } from "../ops/builtin_operations.ts";
import type { AlterColumnOp, BatchAlterTableOp, BatchSubOp } from "../ops/op.ts";
import { defaultNamingConvention } from "../schema/naming.ts";
import type { NamingConvention } from "../schema/naming.ts";
import { applyBatchOps } from "./apply_batch_ops.ts";
import { BatchError } from "./batch_error.ts";
import type { ColumnRename } from "./column_renames.ts";
import { renameInSql, renameOps, splitRenames } from "./column_renames.ts";
import { tableFromCopy } from "./copy_from.ts";
import { alterableInPlace, libsqlAlterColumn } from "./libsql_alter_column.ts";
import { planRebuild } from "./plan_rebuild.ts";
import type { SqliteTable } from "./read_table.ts";
import { readTable } from "./read_table.ts";
import { rebuildReasons } from "./rebuild_reasons.ts";
import type { RebuildOptions } from "./sqlite_rebuild.ts";
import { rebuildSqliteTable } from "./sqlite_rebuild.ts";
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
    ? op.copyFrom && await tableFromCopy(dialect, op.table, op.copyFrom)
    : await readTable(dialect, session, op.table, op.schema);
  const reasons = rebuildReasons(op, known, {
    alterColumn: (column) =>
      options.nativeAlterColumn === true && known !== undefined && alterableInPlace(known, column),
  });
  const rebuild = op.recreate === "always" || reasons.length > 0;
  if (rebuild && op.recreate === "never") {
    throw new BatchError(
      "BATCH_NEEDS_REBUILD",
      `batchAlterTable ${op.table}: recreate is "never" but SQLite's ALTER TABLE cannot do ${
        reasons.join("; ")
      }; use recreate "auto"`,
    );
  }
  const sqlFor = options.sqlFor ?? ((sub: BatchSubOp) => coreRegistry().sqlFor(sub, dialect));
  if (!rebuild) return inPlace(dialect, session, op, known, sqlFor);
  const [unkept] = known ? unkeptClauses(known.createSql) : [];
  if (unkept) {
    throw new BatchError(
      "BATCH_UNSUPPORTED_TABLE",
      `batchAlterTable ${op.table}: a rebuild cannot keep \`${unkept.clause}\` (retort's table ` +
        `model has no place for ${unkept.what}); write this rebuild by hand with op.execute ` +
        "(CREATE TABLE, INSERT ... SELECT, DROP TABLE, ALTER TABLE ... RENAME TO). Nothing was changed",
    );
  }
  const { renames, ops } = splitRenames(op.ops, sameName);
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
  known: SqliteTable,
  renames: readonly ColumnRename[],
  ops: readonly BatchSubOp[],
  naming: NamingConvention,
): Promise<void> {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const target = dialect.qualify(op.table, op.schema);
  await session.execute("PRAGMA defer_foreign_keys = ON");
  for (const [from, to] of renames) {
    await session.execute(`ALTER TABLE ${target} RENAME COLUMN ${q(from)} TO ${q(to)}`);
  }
  const renamed = renamedAsSqliteWould(dialect, known, renames);
  const rebuilt = applyBatchOps(dialect, renamed.table, ops, {
    naming,
    partialReordering: op.partialReordering,
  });
  const plan = planRebuild(renamed, rebuilt, { dialect, schema: op.schema });
  for (const step of plan.steps) {
    for (const statement of step.statements) await session.execute(statement);
  }
}

/**
 * The table, its indexes, triggers and views as SQLite's `RENAME COLUMN` would leave them,
 * for `--sql` mode: the model renamed, and each renamed name rewritten wherever it appears
 * as an identifier in their SQL (a same-named column of another table too: read the script).
 */
function renamedAsSqliteWould(
  dialect: Dialect,
  known: SqliteTable,
  renames: readonly ColumnRename[],
): SqliteTable {
  if (renames.length === 0) return known;
  const q = (name: string) => dialect.quoteIdentifier(name);
  const notColumn = (_t: Token, i: number, tokens: readonly Token[]) =>
    isWord(tokens[i - 1], "REFERENCES", "ON", "TABLE", "INDEX", "VIEW", "TRIGGER");
  const rename = (sql: string) => renameInSql(sql, renames, q, notColumn);
  const table = applyBatchOps(dialect, known.table, renameOps(known.table.table, renames)).table;
  return {
    ...known,
    table,
    indexSql: new Map([...known.indexSql].map(([name, sql]) => [name, rename(sql)])),
    views: known.views.map((v) => ({ ...v, sql: rename(v.sql) })),
    triggers: known.triggers.map((t) => ({ ...t, sql: rename(t.sql) })),
  };
}

/** Each operation as SQLite (or libSQL) runs it in place. */
async function inPlace(
  dialect: Dialect,
  session: Session,
  op: BatchAlterTableOp,
  known: SqliteTable | undefined,
  sqlFor: (op: BatchSubOp) => Statement[],
): Promise<void> {
  const schema = op.schema ? { schema: op.schema } : {};
  const run = async (sub: BatchSubOp) => {
    for (const s of sqlFor(sub)) await session.execute(s.sql, s.params);
  };
  for (const sub of op.ops) {
    const placed = { ...sub, ...schema } as BatchSubOp;
    if (placed.kind === "alterColumn" && changesDefinition(placed)) {
      await libsqlAlterColumn(dialect, session, placed, known!);
      if (placed.newName !== undefined) {
        await run({
          kind: "alterColumn",
          table: op.table,
          column: placed.column,
          newName: placed.newName,
          ...schema,
        });
      }
    } else if (placed.kind === "addColumn") {
      const { insertBefore: _b, insertAfter: _a, ...plain } = placed;
      await run(plain);
    } else await run(placed);
  }
}

function changesDefinition(op: AlterColumnOp): boolean {
  return op.nullable !== undefined || op.serverDefault !== undefined || op.type !== undefined;
}
