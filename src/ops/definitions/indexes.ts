import { definedOnly } from "../../schema/defined_only.ts";
import type { SqlFragment } from "../../schema/sql_fragment.ts";
import type { SchemaOption } from "../../schema/table_builder.ts";
import { index } from "../../schema/table_builder.ts";
import type { CreateIndexOp, DropIndexOp } from "../op.ts";
import type { OperationDefinition } from "../operation_definition.ts";
import { tsCall, tsValue } from "../render_ts.ts";
import { schemaArg, schemaOf } from "./_place.ts";

/** Options of `op.createIndex`. */
export interface CreateIndexOptions extends SchemaOption {
  readonly unique?: boolean;
  /** Defaults to the naming convention (`ix_<table>_<columns>`, `uq_...` when unique). */
  readonly name?: string;
  /** A partial index: SQL condition. */
  readonly where?: string;
  /** `CREATE INDEX CONCURRENTLY` (PostgreSQL; needs `export const transaction = false`). */
  readonly concurrently?: boolean;
}

/** Options of `op.dropIndex`. */
export interface DropIndexOptions extends SchemaOption {
  /** The index's table (MySQL needs it). */
  readonly table?: string;
  readonly concurrently?: boolean;
}

/** `op.createIndex(table, columns, options)`. */
export const createIndex: OperationDefinition<
  CreateIndexOp,
  [string, string | SqlFragment | readonly (string | SqlFragment)[], CreateIndexOptions?]
> = {
  name: "createIndex",
  build(table, columns, options = {}) {
    return {
      table,
      ...schemaOf(options),
      ...index(this.naming, table, columns, options),
      ...definedOnly({ concurrently: options.concurrently }),
    };
  },
  toSql: (op, dialect) => dialect.createIndex(op),
  reverse: (op) => ({
    kind: "dropIndex",
    name: op.name,
    table: op.table,
    ...schemaArg(op),
    ...(op.concurrently ? { concurrently: true } : {}),
  }),
  render: (op) =>
    tsCall("createIndex", [
      JSON.stringify(op.table),
      tsValue(op.columns),
      tsValue({
        name: op.name,
        unique: op.unique || undefined,
        where: op.where,
        ...schemaArg(op),
        concurrently: op.concurrently,
      }),
    ]),
};

/** `op.dropIndex(name, { table, schema, concurrently })`. */
export const dropIndex: OperationDefinition<DropIndexOp, [string, DropIndexOptions?]> = {
  name: "dropIndex",
  build: (name, options = {}) => ({
    name,
    ...definedOnly({ table: options.table, concurrently: options.concurrently }),
    ...schemaOf(options),
  }),
  toSql: (op, dialect) => dialect.dropIndex(op),
  reverse: (op) =>
    op.existing && op.table !== undefined
      ? {
        kind: "createIndex",
        table: op.table,
        ...schemaArg(op),
        ...op.existing,
        unique: op.existing.unique ?? false,
      }
      : undefined,
  render: (op) =>
    tsCall("dropIndex", [
      JSON.stringify(op.name),
      tsValue({ table: op.table, ...schemaArg(op), concurrently: op.concurrently }),
    ]),
};
