export type { Column, ColumnOptions, Identity, ServerDefault } from "./column.ts";
export { isNullable } from "./column.ts";
export type { ColumnType } from "./column_type.ts";
export type * from "./constraint.ts";
export type * from "./op.ts";
export { conventionalName, defaultNamingConvention, fitName, shortHash } from "./naming.ts";
export type { NamingConvention } from "./naming.ts";
export { createOperations } from "./operations.ts";
export type {
  AlterColumnOptions,
  CreateForeignKeyOptions,
  CreateIndexOptions,
  CreateTableOptions,
  ForeignKeyInput,
  Operations,
  SchemaOption,
} from "./operations.ts";
export { reverse } from "./reverse.ts";
export type { BatchAlterTableOptions, BatchOperations } from "../batch/batch_operations.ts";
export { isSqlFragment, sql } from "./sql_fragment.ts";
export type { SqlFragment } from "./sql_fragment.ts";
export { t } from "./types.ts";
export type { TypeVocabulary } from "./types.ts";
