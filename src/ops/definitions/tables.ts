import type { Column } from "../../schema/column.ts";
import type { CreateTableOptions, SchemaOption } from "../../schema/table_builder.ts";
import { buildTable } from "../../schema/table_builder.ts";
import type { Table } from "../../schema/table.ts";
import type { CreateTableOp, DropTableOp, RenameTableOp } from "../op.ts";
import type { OperationDefinition } from "../operation_definition.ts";
import { tsCall, tsColumn, tsValue } from "../render_ts.ts";
import { schemaArg, schemaOf } from "./_place.ts";

/** `op.createTable(table, columns, options)`. */
export const createTable: OperationDefinition<
  CreateTableOp,
  [string, readonly Column[], CreateTableOptions?]
> = {
  name: "createTable",
  build(table, columns, options = {}) {
    return buildTable(table, columns, options, this.naming);
  },
  toSql: (op, dialect) => dialect.createTable(op),
  reverse: (op) => ({ kind: "dropTable", table: op.table, ...schemaArg(op) }),
  render: (op) => renderCreateTable(op),
};

/**
 * A table as the `op.createTable(...)` call that creates it, every name written out so the
 * call gives the same table whatever the project's naming convention.
 */
export function renderCreateTable(table: Table): string {
  const columns = table.columns.map(({ unique: _unique, ...c }) => tsColumn(c));
  const options = tsValue({
    ...schemaArg(table),
    primaryKey: table.primaryKey,
    foreignKeys: table.foreignKeys.length
      ? table.foreignKeys.map(({ referencesTable, ...fk }) => ({
        ...fk,
        references: referencesTable,
      }))
      : undefined,
    uniques: table.uniques.length ? table.uniques : undefined,
    checks: table.checks.length ? table.checks : undefined,
    indexes: table.indexes.length ? table.indexes : undefined,
    comment: table.comment,
  });
  return tsCall("createTable", [JSON.stringify(table.table), `[${columns.join(", ")}]`, options]);
}

/** `op.dropTable(table, { schema })`. */
export const dropTable: OperationDefinition<DropTableOp, [string, SchemaOption?]> = {
  name: "dropTable",
  build: (table, options) => ({ table, ...schemaOf(options) }),
  toSql: (op, dialect) => dialect.dropTable(op),
  reverse: (op) => (op.existing ? { kind: "createTable", ...op.existing } : undefined),
  render: (op) => tsCall("dropTable", [JSON.stringify(op.table), tsValue(schemaArg(op))]),
};

/** `op.renameTable(table, newName, { schema })`. */
export const renameTable: OperationDefinition<RenameTableOp, [string, string, SchemaOption?]> = {
  name: "renameTable",
  build: (table, newName, options) => ({ table, newName, ...schemaOf(options) }),
  toSql: (op, dialect) => dialect.renameTable(op),
  reverse: (op) => ({ ...op, table: op.newName, newName: op.table }),
  render: (op) =>
    tsCall("renameTable", [
      JSON.stringify(op.table),
      JSON.stringify(op.newName),
      tsValue(schemaArg(op)),
    ]),
};
