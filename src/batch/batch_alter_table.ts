import type { BatchAlterTableOp, BatchSubOp } from "../ops/op.ts";
import { recordBatch } from "../ops/batch_recording.ts";
import type { OperationDefinition } from "../ops/operation_definition.ts";
import { tsCall, tsValue } from "../ops/render_ts.ts";
import { executeBatch } from "./execute_batch.ts";

/**
 * `op.batchAlterTable(table, (batch) => { ... }, options)`: the operation definition of a
 * batch, whose sub-operations pass through the rewriters like any other, and whose
 * execution reads the table as it runs (a SQLite rebuild, or plain ALTERs).
 */
export const batchAlterTable: OperationDefinition<BatchAlterTableOp> = {
  name: "batchAlterTable",
  build: recordBatch,
  execute: (op, execution) =>
    executeBatch(execution.dialect, execution.session, op, {
      progress: execution.showProgress ? undefined : false,
      sqlFor: (sub) => execution.sqlFor(sub),
    }),
  reverse: (op, lookup) => {
    const back = [...op.ops].reverse().map((sub) => lookup.reverse({ ...sub, table: op.table } as BatchSubOp));
    if (back.some((b) => b === undefined)) return undefined;
    return {
      kind: "batchAlterTable",
      table: op.table,
      ...(op.schema ? { schema: op.schema } : {}),
      ops: back as BatchSubOp[],
      recreate: op.recreate,
      ...(op.namingConvention ? { namingConvention: op.namingConvention } : {}),
    };
  },
  render: (op, lookup) => {
    // each sub-op as its op.* call, then the table argument (and the schema) taken out
    const lines = op.ops.map((sub) => {
      if (sub.kind === "dropIndex") return `batch.dropIndex(${JSON.stringify(sub.name)})`;
      const { schema: _schema, ...plain } = sub;
      if (plain.kind === "addColumn") {
        const { insertBefore, insertAfter, ...add } = plain;
        const position = tsValue({ insertBefore, insertAfter });
        const call = lookup.render(add).replace(/^op\.addColumn\("(?:[^"\\]|\\.)*", ?/, "batch.addColumn(");
        return position === "{}" ? call : `${call.slice(0, -1)}, ${position})`;
      }
      return lookup.render(plain).replace(/^op\.(\w+)\("(?:[^"\\]|\\.)*", ?/, "batch.$1(");
    });
    const options = tsValue({
      schema: op.schema,
      recreate: op.recreate === "auto" ? undefined : op.recreate,
      partialReordering: op.partialReordering,
    });
    return tsCall("batchAlterTable", [
      JSON.stringify(op.table),
      `(batch) => {\n${lines.map((l) => `  ${l};`).join("\n")}\n}`,
      options,
    ]);
  },
  subOps: {
    of: (op) => op.ops,
    with: (op, ops) => ({ ...op, ops: ops as BatchSubOp[] }),
  },
};
