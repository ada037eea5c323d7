import { definedOnly } from "../../schema/defined_only.ts";
import type { SchemaOption } from "../../schema/table_builder.ts";
import type { BulkInsertOp, ExecuteOp } from "../op.ts";
import type { OperationDefinition } from "../operation_definition.ts";
import { tsCall, tsValue } from "../render_ts.ts";
import { schemaArg, schemaOf } from "./_place.ts";

/** `op.execute(sql, params)`: any statement, with the driver's placeholders. */
export const execute: OperationDefinition<ExecuteOp, [string, (readonly unknown[])?]> = {
  name: "execute",
  build: (sql, params) => ({ sql, ...definedOnly({ params }) }),
  toSql: (op) => [op.params === undefined ? { sql: op.sql } : { sql: op.sql, params: op.params }],
  render: (op) =>
    tsCall("execute", [JSON.stringify(op.sql), op.params ? tsValue(op.params) : undefined]),
};

/** `op.bulkInsert(table, rows, { schema })`. */
export const bulkInsert: OperationDefinition<
  BulkInsertOp,
  [string, readonly Readonly<Record<string, unknown>>[], SchemaOption?]
> = {
  name: "bulkInsert",
  build: (table, rows, options) => ({ table, rows: [...rows], ...schemaOf(options) }),
  toSql: (op, dialect) => dialect.insertRows(op),
  render: (op) =>
    tsCall("bulkInsert", [JSON.stringify(op.table), tsValue(op.rows), tsValue(schemaArg(op))]),
};
