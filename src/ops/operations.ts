import type { Column } from "../schema/column.ts";
import type { CheckConstraint, ForeignKey, Index, UniqueConstraint } from "../schema/constraint.ts";
import type { NamingConvention } from "../schema/naming.ts";
import { conventionalName, shortHash } from "../schema/naming.ts";
import type { AlterColumnOp, ConstraintType, Op } from "./op.ts";
import type { SqlFragment } from "../schema/sql_fragment.ts";
import type { BatchAlterTableOptions, BatchOperations } from "../batch/batch_operations.ts";
import { recordBatch } from "../batch/batch_operations.ts";

/** `schema` for databases with schemas (PostgreSQL, MySQL). */
export interface SchemaOption {
  readonly schema?: string;
}

/** A foreign key in `createTable`'s options: `references` names the referenced table. */
export type ForeignKeyInput = Omit<ForeignKey, "name" | "referencesTable"> & {
  readonly name?: string;
  readonly references: string;
};

/** Options of `op.createTable`. */
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
  readonly indexes?: readonly {
    readonly name?: string;
    readonly columns: string | readonly (string | SqlFragment)[];
    readonly unique?: boolean;
    readonly where?: string;
  }[];
  readonly comment?: string;
}

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

/**
 * Options of `op.alterColumn`: what changes (`nullable`, `type` with PostgreSQL's `using`,
 * `serverDefault` where null drops it, `newName`, `comment`), and what stays (`existing*`: MySQL
 * restates the whole column).
 */
export type AlterColumnOptions =
  & SchemaOption
  & Omit<AlterColumnOp, "kind" | "table" | "column" | "schema">;

/** Options of `op.createForeignKey`: the key's settings besides its columns and table. */
export type CreateForeignKeyOptions =
  & SchemaOption
  & Partial<Omit<ForeignKey, "columns" | "referencesTable" | "referencesColumns">>;

/**
 * The `op` object a migration receives: each call records one operation, which runs in call
 * order. The returned promise settles when that operation has run, so a forgotten `await`
 * neither reorders nor loses anything: the runner waits for every recorded operation.
 * Indexes and constraints without a name get one from the naming convention.
 *
 * @example
 * ```ts
 * await op.createTable("users", [t.column("id", t.integer(), { primaryKey: true })]);
 * ```
 */
export interface Operations {
  createTable(
    table: string,
    columns: readonly Column[],
    options?: CreateTableOptions,
  ): Promise<void>;
  dropTable(table: string, options?: SchemaOption): Promise<void>;
  renameTable(table: string, newName: string, options?: SchemaOption): Promise<void>;
  addColumn(table: string, column: Column, options?: SchemaOption): Promise<void>;
  dropColumn(table: string, column: string, options?: SchemaOption): Promise<void>;
  alterColumn(table: string, column: string, options: AlterColumnOptions): Promise<void>;
  createIndex(
    table: string,
    columns: string | SqlFragment | readonly (string | SqlFragment)[],
    options?: CreateIndexOptions,
  ): Promise<void>;
  dropIndex(
    name: string,
    options?: SchemaOption & { table?: string; concurrently?: boolean },
  ): Promise<void>;
  createUniqueConstraint(
    table: string,
    columns: readonly string[],
    options?: SchemaOption & { name?: string },
  ): Promise<void>;
  createForeignKey(
    table: string,
    columns: readonly string[],
    referencesTable: string,
    referencesColumns: readonly string[],
    options?: CreateForeignKeyOptions,
  ): Promise<void>;
  createCheckConstraint(
    table: string,
    condition: string,
    options?: SchemaOption & { name?: string },
  ): Promise<void>;
  createPrimaryKey(
    table: string,
    columns: readonly string[],
    options?: SchemaOption & { name?: string },
  ): Promise<void>;
  dropConstraint(
    table: string,
    name: string,
    options?: SchemaOption & { type?: ConstraintType },
  ): Promise<void>;
  createTableComment(
    table: string,
    comment: string,
    options?: SchemaOption & { existingComment?: string },
  ): Promise<void>;
  dropTableComment(
    table: string,
    options?: SchemaOption & { existingComment?: string },
  ): Promise<void>;
  execute(sql: string, params?: readonly unknown[]): Promise<void>;
  bulkInsert(
    table: string,
    rows: readonly Readonly<Record<string, unknown>>[],
    options?: SchemaOption,
  ): Promise<void>;
  /** `CREATE TYPE name AS ENUM (...)` on PostgreSQL; a no-op elsewhere (enums are inline). */
  createEnumType(name: string, values: readonly string[], options?: SchemaOption): Promise<void>;
  dropEnumType(name: string, options?: SchemaOption): Promise<void>;
  /**
   * Several column, index and constraint changes to one table at once: plain ALTERs where the
   * database can do them, else (SQLite/libSQL) one table rebuild that keeps every row, index,
   * trigger and view. Make the `batch.*` calls before any `await` in the callback. See
   * docs/batch.md.
   *
   * @example
   * ```ts
   * await op.batchAlterTable("users", (batch) => {
   *   batch.alterColumn("email", { nullable: false, type: t.varchar(320) });
   *   batch.dropColumn("legacy_id");
   * });
   * ```
   */
  batchAlterTable(
    table: string,
    build: (batch: BatchOperations) => void | Promise<void>,
    options?: BatchAlterTableOptions,
  ): Promise<void>;
}

/** Turns `createTable`'s friendly options into fully named constraint data. */
function tableParts(
  table: string,
  columns: readonly Column[],
  options: CreateTableOptions,
  naming: NamingConvention,
) {
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
  return { primaryKey, uniques, checks, foreignKeys, indexes };
}

function checkName(naming: NamingConvention, table: string, condition: string): string {
  return conventionalName(naming, "ck", { table, constraintName: shortHash(condition) });
}

function foreignKey(
  naming: NamingConvention,
  table: string,
  columns: readonly string[],
  referencesTable: string,
  referencesColumns: readonly string[],
  options: CreateForeignKeyOptions & { name?: string },
): ForeignKey {
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

function index(
  naming: NamingConvention,
  table: string,
  columns: string | SqlFragment | readonly (string | SqlFragment)[],
  options: { name?: string; unique?: boolean; where?: string },
): Index {
  const list = typeof columns === "string" || !Array.isArray(columns)
    ? [columns as string | SqlFragment]
    : [...(columns as readonly (string | SqlFragment)[])];
  const unique = options.unique ?? false;
  const named = list.map((c) => (typeof c === "string" ? c : `expr_${shortHash(c.sql)}`));
  const name = options.name ??
    conventionalName(naming, unique ? "uq" : "ix", { table, columns: named });
  return { name, columns: list, unique, ...definedOnly({ where: options.where }) };
}

/** The object without its undefined fields, so ops stay minimal and serialisable. */
function definedOnly<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Partial<
    T
  >;
}

/**
 * Builds an `op` object that hands every operation, in call order, to `run`, naming unnamed
 * indexes and constraints with `naming`.
 */
export function createOperations(
  run: (op: Op) => Promise<void>,
  naming: NamingConvention = {},
): Operations {
  const s = (options?: SchemaOption) => definedOnly({ schema: options?.schema });
  return Object.freeze(
    {
      createTable: (table, columns, options = {}) =>
        run({
          kind: "createTable",
          table,
          ...s(options),
          columns: [...columns],
          ...tableParts(table, columns, options, naming),
          ...definedOnly({ comment: options.comment }),
        }),
      dropTable: (table, options) => run({ kind: "dropTable", table, ...s(options) }),
      renameTable: (table, newName, options) =>
        run({ kind: "renameTable", table, newName, ...s(options) }),
      addColumn: (table, column, options) =>
        run({
          kind: "addColumn",
          table,
          column,
          ...s(options),
          ...definedOnly({
            uniqueName: column.unique
              ? conventionalName(naming, "uq", { table, columns: [column.name] })
              : undefined,
            primaryKeyName: column.primaryKey
              ? conventionalName(naming, "pk", { table, columns: [column.name] })
              : undefined,
          }),
        }),
      dropColumn: (table, column, options) =>
        run({ kind: "dropColumn", table, column, ...s(options) }),
      alterColumn: (table, column, options) => {
        const { schema: _schema, ...changes } = options;
        return run(
          {
            kind: "alterColumn",
            table,
            column,
            ...s(options),
            ...definedOnly(changes),
          } as AlterColumnOp,
        );
      },
      createIndex: (table, columns, options = {}) => {
        const ix = index(naming, table, columns, options);
        return run({
          kind: "createIndex",
          table,
          ...s(options),
          ...ix,
          unique: ix.unique ?? false,
          ...definedOnly({ concurrently: options.concurrently }),
        });
      },
      dropIndex: (name, options = {}) =>
        run({
          kind: "dropIndex",
          name,
          ...definedOnly({ table: options.table, concurrently: options.concurrently }),
          ...s(options),
        }),
      createUniqueConstraint: (table, columns, options = {}) =>
        run({
          kind: "createUniqueConstraint",
          table,
          ...s(options),
          name: options.name ?? conventionalName(naming, "uq", { table, columns }),
          columns: [...columns],
        }),
      createForeignKey: (table, columns, referencesTable, referencesColumns, options = {}) =>
        run({
          kind: "createForeignKey",
          table,
          ...s(options),
          ...foreignKey(naming, table, columns, referencesTable, referencesColumns, options),
        }),
      createCheckConstraint: (table, condition, options = {}) =>
        run({
          kind: "createCheckConstraint",
          table,
          ...s(options),
          name: options.name ?? checkName(naming, table, condition),
          condition,
        }),
      createPrimaryKey: (table, columns, options = {}) =>
        run({
          kind: "createPrimaryKey",
          table,
          ...s(options),
          name: options.name ?? conventionalName(naming, "pk", { table, columns }),
          columns: [...columns],
        }),
      dropConstraint: (table, name, options = {}) =>
        run({
          kind: "dropConstraint",
          table,
          name,
          ...s(options),
          ...definedOnly({ type: options.type }),
        }),
      createTableComment: (table, comment, options = {}) =>
        run({
          kind: "createTableComment",
          table,
          comment,
          ...s(options),
          ...definedOnly({ existingComment: options.existingComment }),
        }),
      dropTableComment: (table, options = {}) =>
        run({
          kind: "dropTableComment",
          table,
          ...s(options),
          ...definedOnly({ existingComment: options.existingComment }),
        }),
      execute: (sql, params) => run({ kind: "execute", sql, ...definedOnly({ params }) }),
      bulkInsert: (table, rows, options) =>
        run({ kind: "bulkInsert", table, rows: [...rows], ...s(options) }),
      createEnumType: (name, values, options) =>
        run({ kind: "createEnumType", name, values: [...values], ...s(options) }),
      dropEnumType: (name, options) => run({ kind: "dropEnumType", name, ...s(options) }),
      batchAlterTable: (table, build, options = {}) => {
        const { op, settled } = recordBatch(table, build, options, createOperations, naming);
        return Promise.all([settled, run(op)]).then(() => {});
      },
    } satisfies Operations,
  );
}
