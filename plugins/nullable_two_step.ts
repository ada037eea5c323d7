/**
 * `nullable-two-step`: a NOT NULL column added without a server default is added nullable,
 * optionally filled (`backfill`), then made NOT NULL — the two-step change that does not
 * fail on a table that already has rows (Alembic's `Rewriter` example).
 *
 * ```json
 * { "plugins": [["retort/plugins/nullable-two-step", { "backfill": { "users.plan": "'free'" } }]] }
 * ```
 * @module
 */
import { definePlugin, rewriter } from "retort";
import type { AddColumnOp, HookContext, Op, Plugin } from "retort";

/** Options: the SQL that fills the new column, for every column or per `"table.column"`. */
export interface NullableTwoStepOptions {
  readonly backfill?: string | Readonly<Record<string, string>>;
}

/**
 * The plugin, made with its options.
 *
 * @example
 * ```ts
 * export default defineConfig({ plugins: [nullableTwoStep({ backfill: { "users.plan": "'free'" } })] });
 * ```
 */
export default function nullableTwoStep(options: NullableTwoStepOptions = {}): Plugin {
  return definePlugin({
    name: "nullable-two-step",
    rewriteOp: rewriter().rewrites("addColumn", (op, ctx) => twoSteps(op, ctx, options)),
  });
}

function twoSteps(op: AddColumnOp, ctx: HookContext, options: NullableTwoStepOptions): Op[] | undefined {
  const { column } = op;
  // inside a batch the rebuild (or the ALTERs) handle NOT NULL themselves
  if (ctx.within || column.nullable !== false || column.serverDefault !== undefined) return undefined;
  if (column.primaryKey || column.computed) return undefined;
  const d = ctx.dialect;
  const where = op.schema === undefined ? {} : { schema: op.schema };
  const steps: Op[] = [{ ...op, column: { ...column, nullable: true } }];
  const backfill = typeof options.backfill === "string"
    ? options.backfill
    : options.backfill?.[`${op.table}.${column.name}`];
  if (backfill !== undefined) {
    steps.push({
      kind: "execute",
      sql: `UPDATE ${d.qualify(op.table, op.schema)} SET ${d.quoteIdentifier(column.name)} = ${backfill} ` +
        `WHERE ${d.quoteIdentifier(column.name)} IS NULL`,
    });
  }
  const notNull = {
    kind: "alterColumn" as const,
    table: op.table,
    ...where,
    column: column.name,
    nullable: false,
    existingType: column.type,
    existingNullable: true,
    ...(column.comment === undefined ? {} : { existingComment: column.comment }),
  };
  // SQLite cannot ALTER a column: it rebuilds the table
  steps.push(
    d.name === "sqlite"
      ? { kind: "batchAlterTable", table: op.table, ...where, ops: [notNull], recreate: "auto" }
      : notNull,
  );
  return steps;
}
