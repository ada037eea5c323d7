import type { Dialect } from "../dialect/dialect.ts";
import { parseCreateTable } from "../dialect/sqlite/parse_create_table.ts";
import { sameName } from "../dialect/sqlite/same_name.ts";
import type { Session } from "../driver/connection.ts";
import type { AlterColumnOp } from "../ops/op.ts";
import { applyBatchOps } from "./apply_batch_ops.ts";
import { BatchError } from "./batch_error.ts";
import type { SqliteTable } from "./read_table.ts";

/**
 * Whether libSQL's `ALTER COLUMN ... TO` can change the column without losing anything: its
 * definition in the CREATE TABLE holds no key, CHECK, foreign key or generated clause, which
 * the table model keeps apart from the column (so the new definition would leave them out).
 *
 * @example
 * ```ts
 * alterableInPlace(known, "email"); // true for `email TEXT NOT NULL DEFAULT ''`
 * ```
 */
export function alterableInPlace(known: SqliteTable, column: string): boolean {
  const definition = parseCreateTable(known.createSql).columns.find((c) =>
    sameName(c.name, column)
  );
  return definition !== undefined &&
    definition.clauses.every((c) => ["notNull", "null", "default", "collate"].includes(c.kind));
}

/**
 * libSQL: `ALTER TABLE t ALTER COLUMN c TO <new definition>`, which changes the schema and
 * rewrites no row, after checking that no row holds NULL where NOT NULL is asked for.
 *
 * @example
 * ```ts
 * await libsqlAlterColumn(dialect, session, { kind: "alterColumn", table: "t", column: "c", nullable: false }, known);
 * ```
 */
export async function libsqlAlterColumn(
  dialect: Dialect,
  session: Session,
  op: AlterColumnOp,
  known: SqliteTable,
): Promise<void> {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const target = dialect.qualify(op.table, op.schema);
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
  const { table } = applyBatchOps(dialect, known.table, [change]);
  const column = table.columns.find((c) => sameName(c.name, op.column))!;
  const [create] = dialect.createTable({
    table: op.table,
    columns: [column],
    foreignKeys: [],
    uniques: [],
    checks: [],
    indexes: [],
  });
  const definition = create.slice(create.indexOf("(\n  ") + 4, create.lastIndexOf("\n)"));
  await session.execute(`ALTER TABLE ${target} ALTER COLUMN ${q(op.column)} TO ${definition}`);
}
