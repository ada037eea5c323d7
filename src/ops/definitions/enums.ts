import type { SchemaOption } from "../../schema/table_builder.ts";
import type { AddEnumValueOp, CreateEnumTypeOp, DropEnumTypeOp } from "../op.ts";
import { definedOnly } from "../../schema/defined_only.ts";
import type { OperationDefinition } from "../operation_definition.ts";
import { tsCall, tsValue } from "../render_ts.ts";
import { schemaArg, schemaOf } from "./_place.ts";

/** `op.createEnumType(name, values, { schema })`: PostgreSQL; a no-op where enums are inline. */
export const createEnumType: OperationDefinition<
  CreateEnumTypeOp,
  [string, readonly string[], SchemaOption?]
> = {
  name: "createEnumType",
  build: (name, values, options) => ({ name, values: [...values], ...schemaOf(options) }),
  toSql: (op, dialect) => dialect.createEnumType(op),
  reverse: (op) => ({ kind: "dropEnumType", name: op.name, ...schemaArg(op) }),
  render: (op) =>
    tsCall("createEnumType", [
      JSON.stringify(op.name),
      tsValue(op.values),
      tsValue(schemaArg(op)),
    ]),
};

/** `op.dropEnumType(name, { schema })`. */
export const dropEnumType: OperationDefinition<DropEnumTypeOp, [string, SchemaOption?]> = {
  name: "dropEnumType",
  build: (name, options) => ({ name, ...schemaOf(options) }),
  toSql: (op, dialect) => dialect.dropEnumType(op),
  reverse: (op) =>
    op.existingValues
      ? { kind: "createEnumType", name: op.name, ...schemaArg(op), values: op.existingValues }
      : undefined,
  render: (op) => tsCall("dropEnumType", [JSON.stringify(op.name), tsValue(schemaArg(op))]),
};

/** `op.addEnumValue(name, value, { before, after, schema })`: PostgreSQL's `ALTER TYPE ... ADD VALUE`. */
export const addEnumValue: OperationDefinition<
  AddEnumValueOp,
  [string, string, (SchemaOption & { before?: string; after?: string })?]
> = {
  name: "addEnumValue",
  build: (name, value, options = {}) => ({
    name,
    value,
    ...schemaOf(options),
    ...definedOnly({ before: options.before, after: options.after }),
  }),
  toSql: (op, dialect) => dialect.addEnumValue(op),
  render: (op) =>
    tsCall("addEnumValue", [
      JSON.stringify(op.name),
      JSON.stringify(op.value),
      tsValue({ before: op.before, after: op.after, ...schemaArg(op) }),
    ]),
};
