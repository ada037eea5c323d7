import type { BatchSubOp, Op } from "../ops/op.ts";

const batchable = new Set([
  "addColumn",
  "dropColumn",
  "alterColumn",
  "createIndex",
  "dropIndex",
  "createUniqueConstraint",
  "createForeignKey",
  "createCheckConstraint",
  "createPrimaryKey",
  "dropConstraint",
]);

/**
 * `renderAsBatch`: consecutive column, index and constraint ops on one table become one
 * `batchAlterTable` (SQLite rebuilds such a batch as one table copy; other databases run its
 * ALTERs). Other ops stay where they are.
 *
 * @example
 * ```ts
 * asBatches([{ kind: "dropColumn", table: "users", column: "age" }]);
 * // [{ kind: "batchAlterTable", table: "users", ops: [...], recreate: "auto" }]
 * ```
 */
export function asBatches(ops: readonly Op[]): Op[] {
  const out: Op[] = [];
  for (const op of ops) {
    const table = (op as { table?: string }).table;
    if (!batchable.has(op.kind) || table === undefined) {
      out.push(op);
      continue;
    }
    const schema = (op as { schema?: string }).schema;
    const last = out.at(-1);
    if (last?.kind === "batchAlterTable" && last.table === table && last.schema === schema) {
      out[out.length - 1] = { ...last, ops: [...last.ops, op as BatchSubOp] };
    } else {
      out.push({
        kind: "batchAlterTable",
        table,
        ...(schema === undefined ? {} : { schema }),
        ops: [op as BatchSubOp],
        recreate: "auto",
      });
    }
  }
  return out;
}
