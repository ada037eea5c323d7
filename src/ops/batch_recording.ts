import type { Column } from "../schema/column.ts";
import { definedOnly } from "../schema/defined_only.ts";
import type { NamingConvention } from "../schema/naming.ts";
import type { CreateTableOptions } from "../schema/table_builder.ts";
import type { SqlFragment } from "../schema/sql_fragment.ts";
import { RetortError } from "../errors.ts";
import type { AlterColumnOptions } from "./definitions/columns.ts";
import type { CreateForeignKeyOptions } from "./definitions/constraints.ts";
import type { CreateIndexOptions } from "./definitions/indexes.ts";
import type {
  BatchAlterTableOp,
  BatchCopyFrom,
  BatchSubOp,
  ConstraintType,
  CreateTableOp,
  Op,
} from "./op.ts";
import type { BuildContext } from "./operation_definition.ts";

/**
 * The operations of one table inside `op.batchAlterTable(table, (batch) => { ... })`: the
 * column, index and constraint operations of `op`, without the table argument. Each call
 * records the change; the whole batch runs when the callback returns.
 *
 * @example
 * ```ts
 * await op.batchAlterTable("users", (batch) => {
 *   batch.alterColumn("email", { nullable: false });
 *   batch.createUniqueConstraint(["email"]);
 * });
 * ```
 */
export interface BatchOperations {
  addColumn(column: Column, options?: { insertBefore?: string; insertAfter?: string }): void;
  dropColumn(column: string): void;
  alterColumn(column: string, options: Omit<AlterColumnOptions, "schema">): void;
  createIndex(
    columns: string | SqlFragment | readonly (string | SqlFragment)[],
    options?: Omit<CreateIndexOptions, "schema" | "concurrently">,
  ): void;
  dropIndex(name: string): void;
  createUniqueConstraint(columns: readonly string[], options?: { name?: string }): void;
  createForeignKey(
    columns: readonly string[],
    referencesTable: string,
    referencesColumns: readonly string[],
    options?: Omit<CreateForeignKeyOptions, "schema">,
  ): void;
  createCheckConstraint(condition: string, options?: { name?: string }): void;
  createPrimaryKey(columns: readonly string[], options?: { name?: string }): void;
  dropConstraint(name: string, options?: { type?: ConstraintType }): void;
}

/** Options of `op.batchAlterTable`. */
export interface BatchAlterTableOptions {
  readonly schema?: string;
  /** `"auto"` (default): rebuild only when ALTER cannot do it; `"always"`; `"never"`: error instead. */
  readonly recreate?: "auto" | "always" | "never";
  /**
   * The table as it is before the batch, for `--sql` mode: its CREATE TABLE (a string, or
   * `{ sql, indexes, triggers, views }`), or `{ columns, ...createTable options }`.
   */
  readonly copyFrom?:
    | string
    | BatchCopyFrom
    | ({ readonly columns: readonly Column[] } & CreateTableOptions);
  /** Column orders to keep after the changes, e.g. `[["id", "email", "name"]]`. */
  readonly partialReordering?: readonly (readonly string[])[];
  /** Names for this batch's unnamed constraints, and for the table's existing unnamed ones. */
  readonly namingConvention?: NamingConvention;
}

/**
 * Records a batch: calls `build` with a `BatchOperations` whose calls become sub-operations
 * (named by the same `op` facade, so names follow the naming convention), and returns the
 * `batchAlterTable` operation's data; the op is not settled until the callback's own promise
 * is. `build` must make its calls before any `await`: the batch is recorded (and queued, in
 * order with the migration's other operations) as soon as `build` returns, and a later call
 * fails with `BATCH_LATE_OPERATION`.
 *
 * @example
 * ```ts
 * // the build of op.batchAlterTable: op.batchAlterTable("users", (b) => b.dropColumn("age"))
 * const data = recordBatch.call(context, "users", (b) => b.dropColumn("age"));
 * ```
 */
export function recordBatch(
  this: BuildContext,
  table: string,
  build: (batch: BatchOperations) => unknown,
  options: BatchAlterTableOptions = {},
): Omit<BatchAlterTableOp, "kind"> {
  const ops: BatchSubOp[] = [];
  let open = true;
  const effective = { ...this.naming, ...options.namingConvention };
  const inner = this.operations((o) => {
    if (!open) {
      throw new RetortError(
        "BATCH_LATE_OPERATION",
        `batchAlterTable ${table}: ${o.kind} was called after the batch was recorded; make every batch.* call before the callback's first await`,
      );
    }
    ops.push(o as BatchSubOp);
  }, effective);
  const on = { schema: options.schema };
  const batch: BatchOperations = {
    addColumn: (column, position = {}) => {
      void inner.addColumn(table, column, on);
      const last = ops[ops.length - 1];
      if (last?.kind === "addColumn") ops[ops.length - 1] = { ...last, ...definedOnly(position) };
    },
    dropColumn: (column) => void inner.dropColumn(table, column, on),
    alterColumn: (column, changes) => void inner.alterColumn(table, column, { ...changes, ...on }),
    createIndex: (columns, index = {}) =>
      void inner.createIndex(table, columns, { ...index, ...on }),
    dropIndex: (name) => void inner.dropIndex(name, { table, ...on }),
    createUniqueConstraint: (columns, c = {}) =>
      void inner.createUniqueConstraint(table, columns, { ...c, ...on }),
    createForeignKey: (columns, referencesTable, referencesColumns, fk = {}) =>
      void inner.createForeignKey(table, columns, referencesTable, referencesColumns, {
        ...fk,
        ...on,
      }),
    createCheckConstraint: (condition, c = {}) =>
      void inner.createCheckConstraint(table, condition, { ...c, ...on }),
    createPrimaryKey: (columns, c = {}) =>
      void inner.createPrimaryKey(table, columns, { ...c, ...on }),
    dropConstraint: (name, c = {}) => void inner.dropConstraint(table, name, { ...c, ...on }),
  };
  const returned = build(batch); // a synchronous throw reaches the migration directly
  open = false;
  this.waitFor(Promise.resolve(returned));
  const copyFrom = copyFromOption(this, table, options, effective);
  return {
    table,
    ...definedOnly({ schema: options.schema }),
    ops,
    recreate: options.recreate ?? "auto",
    ...definedOnly({
      copyFrom,
      partialReordering: options.partialReordering,
      namingConvention: options.namingConvention ? effective : undefined,
    }),
  };
}

/** `copyFrom` as data: a string becomes `{ sql }`, columns become a named `createTable`. */
function copyFromOption(
  context: BuildContext,
  table: string,
  options: BatchAlterTableOptions,
  naming: NamingConvention,
): BatchCopyFrom | undefined {
  const given = options.copyFrom;
  if (given === undefined) return undefined;
  if (typeof given === "string") return { sql: given };
  if ("sql" in given || "kind" in given) return given as BatchCopyFrom;
  const { columns, ...rest } = given;
  let created: CreateTableOp | undefined;
  void context.operations((o: Op) => {
    created = o as CreateTableOp;
  }, naming).createTable(table, columns, rest);
  return created;
}
