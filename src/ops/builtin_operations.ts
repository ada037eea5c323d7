import { addColumn, alterColumn, dropColumn } from "./definitions/columns.ts";
import { createTableComment, dropTableComment } from "./definitions/comments.ts";
import {
  createCheckConstraint,
  createForeignKey,
  createPrimaryKey,
  createUniqueConstraint,
  dropConstraint,
} from "./definitions/constraints.ts";
import { bulkInsert, execute } from "./definitions/data.ts";
import { addEnumValue, createEnumType, dropEnumType } from "./definitions/enums.ts";
import { createIndex, dropIndex } from "./definitions/indexes.ts";
import { createTable, dropTable, renameTable } from "./definitions/tables.ts";
import type { OperationDefinition } from "./operation_definition.ts";
import { OperationRegistry } from "./operation_registry.ts";

/**
 * retort's own operations whose SQL needs nothing but the dialect: every `op.*` method but
 * `batchAlterTable` (defined in src/batch, since a rebuild reads the table as it runs).
 */
export const coreOperations: readonly OperationDefinition[] = Object.freeze([
  createTable,
  dropTable,
  renameTable,
  addColumn,
  dropColumn,
  alterColumn,
  createIndex,
  dropIndex,
  createUniqueConstraint,
  createForeignKey,
  createCheckConstraint,
  createPrimaryKey,
  dropConstraint,
  createTableComment,
  dropTableComment,
  execute,
  bulkInsert,
  createEnumType,
  dropEnumType,
  addEnumValue,
] as OperationDefinition[]);

/**
 * A registry of the core operations, for SQL rendering without a run.
 *
 * @example
 * ```ts
 * coreRegistry().sqlFor({ kind: "dropTable", table: "a" }, dialect);
 * ```
 */
export function coreRegistry(): OperationRegistry {
  return new OperationRegistry(coreOperations);
}
