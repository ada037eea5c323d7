import type { Column } from "./column.ts";
import type { DatabaseSchema, EnumType, View } from "./database_schema.ts";
import type { NamingConvention } from "./naming.ts";
import type { SqlFragment } from "./sql_fragment.ts";
import type { Table } from "./table.ts";
import type { CreateTableOptions } from "./table_builder.ts";
import { buildTable } from "./table_builder.ts";

/** A declared table: exactly what `op.createTable` takes, named when the schema is read. */
export interface TableDeclaration {
  readonly table: string;
  readonly columns: readonly Column[];
  readonly options: CreateTableOptions;
}

/** What a schema module declares. */
export interface SchemaDeclaration {
  readonly tables: readonly TableDeclaration[];
  /** PostgreSQL enum types of their own (a `t.enum` column brings its type itself). */
  readonly enums?: readonly EnumType[];
  /** Views, for plugins that compare them. */
  readonly views?: readonly View[];
}

/** The marker `defineSchema` puts on what it returns, so a target module is recognised. */
export const declaredSchema = Symbol.for("retort.schema");

/** A declared schema, as a target module's default export. */
export type DeclaredSchema = SchemaDeclaration & { readonly [declaredSchema]: true };

/**
 * A table in a declared schema: the same arguments `op.createTable` takes.
 *
 * @example
 * ```ts
 * table("users", [
 *   t.column("id", t.integer(), { primaryKey: true }),
 *   t.column("email", t.varchar(255), { nullable: false }),
 * ], { indexes: [{ columns: ["email"], unique: true }] });
 * ```
 */
export function table(
  name: string,
  columns: readonly Column[],
  options: CreateTableOptions = {},
): TableDeclaration {
  return Object.freeze({ table: name, columns: [...columns], options });
}

/**
 * The schema a project wants: the default export of the module the config's `target`
 * names. `retort revision --autogenerate` writes the revision that takes the database there,
 * and `retort check` says whether it is there.
 *
 * @example
 * ```ts
 * export default defineSchema({
 *   tables: [table("users", [t.column("id", t.integer(), { primaryKey: true })])],
 * });
 * ```
 */
export function defineSchema(schema: SchemaDeclaration): DeclaredSchema {
  return Object.freeze({ ...schema, [declaredSchema]: true as const });
}

/** True for what `defineSchema` returned. */
export function isDeclaredSchema(value: unknown): value is DeclaredSchema {
  return typeof value === "object" && value !== null &&
    (value as Record<symbol, unknown>)[declaredSchema] === true;
}

/**
 * The declared schema as the model a database is read into, every key, constraint and index
 * named by `naming` where the declaration gives no name.
 *
 * @example
 * ```ts
 * const wanted = schemaModel(declared, config.namingConvention ?? {});
 * ```
 */
export function schemaModel(schema: SchemaDeclaration, naming: NamingConvention): DatabaseSchema {
  const tables: Table[] = schema.tables.map((d) => buildTable(d.table, d.columns, d.options, naming));
  return {
    tables,
    enums: [...(schema.enums ?? [])],
    views: [...(schema.views ?? [])],
    triggers: [],
  };
}

/**
 * A view in a declared schema, for a plugin that compares views (`retort/plugins/views`).
 *
 * @example
 * ```ts
 * view("active_users", sql`SELECT id, email FROM users WHERE active`);
 * ```
 */
export function view(
  name: string,
  select: string | SqlFragment,
  options: { schema?: string } = {},
): View {
  const definition = typeof select === "string" ? select : select.sql;
  return Object.freeze({ name, definition, ...(options.schema === undefined ? {} : { schema: options.schema }) });
}
