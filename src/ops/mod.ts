export type * from "./op.ts";
export type {
  BatchAlterTableOptions,
  BatchOperations,
} from "./batch_recording.ts";
export { recordBatch } from "./batch_recording.ts";
export { coreOperations, coreRegistry } from "./builtin_operations.ts";
export type { AlterColumnOptions } from "./definitions/columns.ts";
export type { CreateForeignKeyOptions } from "./definitions/constraints.ts";
export type { CreateIndexOptions } from "./definitions/indexes.ts";
export { defineOperation } from "./operation_definition.ts";
export type {
  BuildContext,
  DefinitionLookup,
  OperationDefinition,
  OpExecution,
  OpSession,
} from "./operation_definition.ts";
export { OperationRegistry } from "./operation_registry.ts";
export { createOperations } from "./operations.ts";
export type { Operations } from "./operations.ts";
