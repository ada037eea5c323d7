import type { Column } from "./column.ts";
import type {
  CheckConstraint,
  ForeignKey,
  Index,
  IndexColumn,
  UniqueConstraint,
} from "./constraint.ts";
import { definedOnly } from "./defined_only.ts";
import type { NamingConvention } from "./naming.ts";
import { conventionalName, shortHash } from "./naming.ts";
import type { Table } from "./table.ts";

/** `schema` for databases with schemas (PostgreSQL, MySQL; an attached database on SQLite). */
export interface SchemaOption {
  readonly schema?: string;
}

/** A foreign key in `createTable`'s options: `references` names the referenced table. */
export type ForeignKeyInput = Omit<ForeignKey, "name" | "referencesTable"> & {
  readonly name?: string;
  readonly references: string;
};

/** An index in `createTable`'s options. */
export interface IndexInput {
  readonly name?: string;
  readonly columns: string | readonly IndexColumn[];
  readonly unique?: boolean;
  readonly where?: string;
}

/** Options of `op.createTable` and of a declared `table()`. */
export interface CreateTableOptions extends SchemaOption {
  /** A composite primary key; single-column keys can use `primaryKey: true` on the column. */
  readonly primaryKey?: readonly string[] | {
    readonly name?: string;
    readonly columns: readonly string[];
  };
  readonly foreignKeys?: readonly ForeignKeyInput[];
  readonly uniques?: readonly (readonly string[] | {
    readonly name?: string;
    readonly columns: readonly string[];
  })[];
  readonly checks?: readonly (string | { readonly name?: string; readonly condition: string })[];
  readonly indexes?: readonly IndexInput[];
  readonly comment?: string;
}

/** A foreign key's settings besides its columns and the table it references. */
export type ForeignKeyOptions = Partial<
  Omit<ForeignKey, "columns" | "referencesTable" | "referencesColumns">
>;

/**
 * The table that `createTable(name, columns, options)` describes, with every key, constraint
 * and index named (by the naming convention where no name is given).
 *
 * @example
 * ```ts
 * buildTable("users", [t.column("id", t.integer(), { primaryKey: true })], {}, {}).primaryKey;
 * // { name: "pk_users", columns: ["id"] }
 * ```
 */
export function buildTable(
  table: string,
  columns: readonly Column[],
  options: CreateTableOptions,
  naming: NamingConvention,
): Table {
  const key = options.primaryKey;
  const keyColumns = key === undefined
    ? columns.filter((c) => c.primaryKey).map((c) => c.name)
    : "columns" in key
    ? [...key.columns]
    : [...(key as readonly string[])];
  const keyName = key && "name" in key && key.name ? key.name : undefined;
  const primaryKey = keyColumns.length
    ? {
      name: keyName ?? conventionalName(naming, "pk", { table, columns: keyColumns }),
      columns: keyColumns,
    }
    : undefined;
  const uniques: UniqueConstraint[] = [
    ...columns.filter((c) => c.unique).map((c) => [c.name]),
    ...(options.uniques ?? []),
  ].map((u) => {
    const cols = "columns" in u ? [...u.columns] : [...(u as readonly string[])];
    const name = "name" in u && u.name
      ? u.name
      : conventionalName(naming, "uq", { table, columns: cols });
    return { name, columns: cols };
  });
  const checks: CheckConstraint[] = (options.checks ?? []).map((c) => {
    const condition = typeof c === "string" ? c : c.condition;
    const given = typeof c === "string" ? undefined : c.name;
    return { name: given ?? checkName(naming, table, condition), condition };
  });
  const foreignKeys: ForeignKey[] = (options.foreignKeys ?? []).map((fk) =>
    foreignKey(naming, table, fk.columns, fk.references, fk.referencesColumns, fk)
  );
  const indexes: Index[] = (options.indexes ?? []).map((ix) =>
    index(naming, table, ix.columns, ix)
  );
  return {
    table,
    ...definedOnly({ schema: options.schema }),
    columns: [...columns],
    ...definedOnly({ primaryKey }),
    foreignKeys,
    uniques,
    checks,
    indexes,
    ...definedOnly({ comment: options.comment }),
  };
}

/** The convention's name for a CHECK: `ck_<table>_<hash of the condition>`. */
export function checkName(naming: NamingConvention, table: string, condition: string): string {
  return conventionalName(naming, "ck", { table, constraintName: shortHash(condition) });
}

/** A fully named foreign key. */
export function foreignKey(
  naming: NamingConvention,
  table: string,
  columns: readonly string[],
  referencesTable: string,
  referencesColumns: readonly string[],
  options: ForeignKeyOptions,
): ForeignKey & { name: string } {
  const name = options.name ??
    conventionalName(naming, "fk", { table, columns, referredTable: referencesTable });
  return {
    name,
    columns: [...columns],
    referencesTable,
    referencesColumns: [...referencesColumns],
    ...definedOnly({
      referencesSchema: options.referencesSchema,
      onDelete: options.onDelete,
      onUpdate: options.onUpdate,
      deferrable: options.deferrable,
      initially: options.initially,
    }),
  };
}

/** A fully named index; expressions count in its name by a hash of their SQL. */
export function index(
  naming: NamingConvention,
  table: string,
  columns: IndexColumn | readonly IndexColumn[],
  options: { name?: string; unique?: boolean; where?: string },
): Index & { name: string; unique: boolean } {
  const list = typeof columns === "string" || !Array.isArray(columns)
    ? [columns as IndexColumn]
    : [...(columns as readonly IndexColumn[])];
  const unique = options.unique ?? false;
  const named = list.map((c) =>
    typeof c === "string"
      ? c
      : "column" in c && c.column !== undefined
      ? c.column
      : `expr_${shortHash(c.sql ?? "")}`
  );
  const name = options.name ??
    conventionalName(naming, unique ? "uq" : "ix", { table, columns: named });
  return { name, columns: list, unique, ...definedOnly({ where: options.where }) };
}
