import type { Column } from "../../schema/column.ts";
import { definedOnly } from "../../schema/defined_only.ts";
import { conventionalName } from "../../schema/naming.ts";
import type { SchemaOption } from "../../schema/table_builder.ts";
import type { AddColumnOp, AlterColumnOp, DropColumnOp } from "../op.ts";
import type { OperationDefinition } from "../operation_definition.ts";
import { tsCall, tsColumn, tsType, tsValue } from "../render_ts.ts";
import { schemaArg, schemaOf } from "./_place.ts";

/**
 * Options of `op.alterColumn`: what changes (`nullable`, `type` with PostgreSQL's `using`,
 * `serverDefault` where null drops it, `newName`, `comment`), and what stays (`existing*`: MySQL
 * restates the whole column).
 */
export type AlterColumnOptions =
  & SchemaOption
  & Omit<AlterColumnOp, "kind" | "table" | "column" | "schema">;

/** `op.addColumn(table, column, { schema })`. */
export const addColumn: OperationDefinition<AddColumnOp, [string, Column, SchemaOption?]> = {
  name: "addColumn",
  build(table, column, options) {
    return {
      table,
      column,
      ...schemaOf(options),
      ...definedOnly({
        uniqueName: column.unique
          ? conventionalName(this.naming, "uq", { table, columns: [column.name] })
          : undefined,
        primaryKeyName: column.primaryKey
          ? conventionalName(this.naming, "pk", { table, columns: [column.name] })
          : undefined,
      }),
    };
  },
  toSql: (op, dialect) => dialect.addColumn(op),
  reverse: (op) => ({
    kind: "dropColumn",
    table: op.table,
    ...schemaArg(op),
    column: op.column.name,
  }),
  render: (op) =>
    tsCall("addColumn", [JSON.stringify(op.table), tsColumn(op.column), tsValue(schemaArg(op))]),
};

/** `op.dropColumn(table, column, { schema })`. */
export const dropColumn: OperationDefinition<DropColumnOp, [string, string, SchemaOption?]> = {
  name: "dropColumn",
  build: (table, column, options) => ({ table, column, ...schemaOf(options) }),
  toSql: (op, dialect) => dialect.dropColumn(op),
  reverse: (op) =>
    op.existing ? { kind: "addColumn", table: op.table, ...schemaArg(op), column: op.existing } : undefined,
  render: (op) =>
    tsCall("dropColumn", [
      JSON.stringify(op.table),
      JSON.stringify(op.column),
      tsValue(schemaArg(op)),
    ]),
};

/** `op.alterColumn(table, column, changes)`. */
export const alterColumn: OperationDefinition<
  AlterColumnOp,
  [string, string, AlterColumnOptions]
> = {
  name: "alterColumn",
  build: (table, column, options) => {
    const { schema: _schema, ...changes } = options;
    return { table, column, ...schemaOf(options), ...definedOnly(changes) };
  },
  toSql: (op, dialect) => dialect.alterColumn(op),
  reverse: (op) => reverseAlter(op),
  render: (op) => {
    const { kind: _k, table, column, type, existingType, ...rest } = op;
    const options = tsValue(rest);
    const types = [
      type === undefined ? "" : `type: ${tsType(type)}`,
      existingType === undefined ? "" : `existingType: ${tsType(existingType)}`,
    ].filter(Boolean);
    const inner = [options === "{}" ? "" : options.slice(2, -2), ...types].filter(Boolean);
    return tsCall("alterColumn", [
      JSON.stringify(table),
      JSON.stringify(column),
      `{ ${inner.join(", ")} }`,
    ]);
  },
};

/** Swaps each change with its `existing*` value; undefined when a change has no known past. */
function reverseAlter(op: AlterColumnOp): AlterColumnOp | undefined {
  const back: Record<string, unknown> = {
    kind: "alterColumn",
    table: op.table,
    column: op.newName ?? op.column,
    ...schemaArg(op),
  };
  const pairs = [
    ["nullable", "existingNullable"],
    ["type", "existingType"],
    ["serverDefault", "existingServerDefault"],
    ["comment", "existingComment"],
  ] as const;
  for (const [field, existing] of pairs) {
    if (op[field] === undefined) {
      if (op[existing] !== undefined) back[existing] = op[existing];
      continue;
    }
    if (op[existing] === undefined) return undefined;
    back[field] = op[existing];
    back[existing] = op[field];
  }
  for (const kept of ["existingAutoincrement", "existingCollation", "existingOnUpdate"] as const) {
    if (op[kept] !== undefined) back[kept] = op[kept];
  }
  if (op.newName) back.newName = op.column;
  return back as unknown as AlterColumnOp;
}
