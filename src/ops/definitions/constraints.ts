import { definedOnly } from "../../schema/defined_only.ts";
import { conventionalName } from "../../schema/naming.ts";
import type { ForeignKeyOptions, SchemaOption } from "../../schema/table_builder.ts";
import { checkName, foreignKey } from "../../schema/table_builder.ts";
import type {
  ConstraintType,
  CreateCheckConstraintOp,
  CreateForeignKeyOp,
  CreatePrimaryKeyOp,
  CreateUniqueConstraintOp,
  DropConstraintOp,
} from "../op.ts";
import type { OperationDefinition } from "../operation_definition.ts";
import { tsCall, tsValue } from "../render_ts.ts";
import { schemaArg, schemaOf } from "./_place.ts";

/** Options of `op.createForeignKey`: the key's settings besides its columns and table. */
export type CreateForeignKeyOptions = SchemaOption & ForeignKeyOptions;

/** A constraint's name option. */
export type NamedOption = SchemaOption & { readonly name?: string };

const dropOf = (op: { table: string; schema?: string; name: string }, type: ConstraintType) => ({
  kind: "dropConstraint" as const,
  table: op.table,
  ...schemaArg(op),
  name: op.name,
  type,
});

/** `op.createUniqueConstraint(table, columns, { name, schema })`. */
export const createUniqueConstraint: OperationDefinition<
  CreateUniqueConstraintOp,
  [string, readonly string[], NamedOption?]
> = {
  name: "createUniqueConstraint",
  build(table, columns, options = {}) {
    return {
      table,
      ...schemaOf(options),
      name: options.name ?? conventionalName(this.naming, "uq", { table, columns }),
      columns: [...columns],
    };
  },
  toSql: (op, dialect) => dialect.addUniqueConstraint(op),
  reverse: (op) => dropOf(op, "unique"),
  render: (op) =>
    tsCall("createUniqueConstraint", [
      JSON.stringify(op.table),
      tsValue(op.columns),
      tsValue({ name: op.name, ...schemaArg(op) }),
    ]),
};

/** `op.createForeignKey(table, columns, referencesTable, referencesColumns, options)`. */
export const createForeignKey: OperationDefinition<
  CreateForeignKeyOp,
  [string, readonly string[], string, readonly string[], CreateForeignKeyOptions?]
> = {
  name: "createForeignKey",
  build(table, columns, referencesTable, referencesColumns, options = {}) {
    return {
      table,
      ...schemaOf(options),
      ...foreignKey(this.naming, table, columns, referencesTable, referencesColumns, options),
    };
  },
  toSql: (op, dialect) => dialect.addForeignKey(op),
  reverse: (op) => dropOf(op, "foreignkey"),
  render: (op) => {
    const {
      kind: _k,
      table,
      schema: _s,
      columns,
      referencesTable,
      referencesColumns,
      ...options
    } = op;
    return tsCall("createForeignKey", [
      JSON.stringify(table),
      tsValue(columns),
      JSON.stringify(referencesTable),
      tsValue(referencesColumns),
      tsValue({ ...options, ...schemaArg(op) }),
    ]);
  },
};

/** `op.createCheckConstraint(table, condition, { name, schema })`. */
export const createCheckConstraint: OperationDefinition<
  CreateCheckConstraintOp,
  [string, string, NamedOption?]
> = {
  name: "createCheckConstraint",
  build(table, condition, options = {}) {
    return {
      table,
      ...schemaOf(options),
      name: options.name ?? checkName(this.naming, table, condition),
      condition,
    };
  },
  toSql: (op, dialect) => dialect.addCheckConstraint(op),
  reverse: (op) => dropOf(op, "check"),
  render: (op) =>
    tsCall("createCheckConstraint", [
      JSON.stringify(op.table),
      JSON.stringify(op.condition),
      tsValue({ name: op.name, ...schemaArg(op) }),
    ]),
};

/** `op.createPrimaryKey(table, columns, { name, schema })`. */
export const createPrimaryKey: OperationDefinition<
  CreatePrimaryKeyOp,
  [string, readonly string[], NamedOption?]
> = {
  name: "createPrimaryKey",
  build(table, columns, options = {}) {
    return {
      table,
      ...schemaOf(options),
      name: options.name ?? conventionalName(this.naming, "pk", { table, columns }),
      columns: [...columns],
    };
  },
  toSql: (op, dialect) => dialect.addPrimaryKey(op),
  reverse: (op) => dropOf(op, "primary"),
  render: (op) =>
    tsCall("createPrimaryKey", [
      JSON.stringify(op.table),
      tsValue(op.columns),
      tsValue({ name: op.name, ...schemaArg(op) }),
    ]),
};

/** `op.dropConstraint(table, name, { type, schema })`. */
export const dropConstraint: OperationDefinition<
  DropConstraintOp,
  [string, string, (SchemaOption & { type?: ConstraintType })?]
> = {
  name: "dropConstraint",
  build: (table, name, options = {}) => ({
    table,
    name,
    ...schemaOf(options),
    ...definedOnly({ type: options.type }),
  }),
  toSql: (op, dialect) => dialect.dropConstraint(op),
  reverse: (op) => {
    const existing = op.existing;
    if (!existing) return undefined;
    const on = { table: op.table, ...schemaArg(op), name: op.name };
    switch (op.type) {
      case "unique":
        return { kind: "createUniqueConstraint", ...on, columns: (existing as { columns: string[] }).columns };
      case "primary":
        return { kind: "createPrimaryKey", ...on, columns: (existing as { columns: string[] }).columns };
      case "check":
        return { kind: "createCheckConstraint", ...on, condition: (existing as { condition: string }).condition };
      case "foreignkey":
        return { kind: "createForeignKey", ...existing, ...on } as CreateForeignKeyOp;
      default:
        return undefined;
    }
  },
  render: (op) =>
    tsCall("dropConstraint", [
      JSON.stringify(op.table),
      JSON.stringify(op.name),
      tsValue({ type: op.type, ...schemaArg(op) }),
    ]),
};
