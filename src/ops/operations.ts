import type { Column } from "../schema/column.ts";
import type { NamingConvention } from "../schema/naming.ts";
import type { SqlFragment } from "../schema/sql_fragment.ts";
import type { CreateTableOptions, SchemaOption } from "../schema/table_builder.ts";
import type { BatchAlterTableOptions, BatchOperations } from "./batch_recording.ts";
import type { AlterColumnOptions } from "./definitions/columns.ts";
import type { CommentOptions } from "./definitions/comments.ts";
import type { CreateForeignKeyOptions, NamedOption } from "./definitions/constraints.ts";
import type { CreateIndexOptions, DropIndexOptions } from "./definitions/indexes.ts";
import type { ConstraintType, Op, OpBase } from "./op.ts";
import type { BuildContext, OperationDefinition } from "./operation_definition.ts";

/**
 * The `op` object a migration receives: each call records one operation, which runs in call
 * order. The returned promise settles when that operation has run, so a forgotten `await`
 * neither reorders nor loses anything: the runner waits for every recorded operation.
 * Indexes and constraints without a name get one from the naming convention. Plugins add
 * methods by declaration merging (`declare module "retort" { interface Operations { ... } }`),
 * next to their `defineOperation`.
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
  dropIndex(name: string, options?: DropIndexOptions): Promise<void>;
  createUniqueConstraint(
    table: string,
    columns: readonly string[],
    options?: NamedOption,
  ): Promise<void>;
  createForeignKey(
    table: string,
    columns: readonly string[],
    referencesTable: string,
    referencesColumns: readonly string[],
    options?: CreateForeignKeyOptions,
  ): Promise<void>;
  createCheckConstraint(table: string, condition: string, options?: NamedOption): Promise<void>;
  createPrimaryKey(table: string, columns: readonly string[], options?: NamedOption): Promise<void>;
  dropConstraint(
    table: string,
    name: string,
    options?: SchemaOption & { type?: ConstraintType },
  ): Promise<void>;
  createTableComment(table: string, comment: string, options?: CommentOptions): Promise<void>;
  dropTableComment(table: string, options?: CommentOptions): Promise<void>;
  execute(sql: string, params?: readonly unknown[]): Promise<void>;
  bulkInsert(
    table: string,
    rows: readonly Readonly<Record<string, unknown>>[],
    options?: SchemaOption,
  ): Promise<void>;
  /** `CREATE TYPE name AS ENUM (...)` on PostgreSQL; a no-op elsewhere (enums are inline). */
  createEnumType(name: string, values: readonly string[], options?: SchemaOption): Promise<void>;
  dropEnumType(name: string, options?: SchemaOption): Promise<void>;
  /** `ALTER TYPE name ADD VALUE value` on PostgreSQL; a no-op elsewhere (enums are inline). */
  addEnumValue(
    name: string,
    value: string,
    options?: SchemaOption & { before?: string; after?: string },
  ): Promise<void>;
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


/** What `createOperations` needs of a registry. */
export interface DefinitionSource {
  names(): string[];
  get(kind: string): OperationDefinition;
}

/**
 * Builds an `op` object with one method per operation the registry knows: each call builds
 * the operation's data with its definition (naming unnamed indexes and constraints with
 * `naming`) and hands it, in call order, to `record`.
 *
 * @example
 * ```ts
 * const ops: Op[] = [];
 * const op = createOperations(registry, (o) => Promise.resolve(void ops.push(o)));
 * await op.dropTable("users");
 * ```
 */
export function createOperations(
  registry: DefinitionSource,
  record: (op: Op) => Promise<void>,
  naming: NamingConvention = {},
): Operations {
  const facade: Record<string, (...args: unknown[]) => Promise<void>> = {};
  for (const name of registry.names()) {
    const definition = registry.get(name);
    facade[name] = (...args: unknown[]) => {
      const waits: Promise<unknown>[] = [];
      const context: BuildContext = {
        naming,
        operations: (inner, innerNaming) =>
          createOperations(registry, (o) => {
            inner(o);
            return Promise.resolve();
          }, innerNaming ?? naming),
        waitFor: (promise) => void waits.push(promise),
      };
      const data = definition.build.apply(context, args) as object;
      const op = Object.assign({ kind: name }, data, { kind: name }) as OpBase as Op;
      const done = record(op);
      return waits.length === 0 ? done : Promise.all([...waits, done]).then(() => {});
    };
  }
  return Object.freeze(facade) as unknown as Operations;
}
