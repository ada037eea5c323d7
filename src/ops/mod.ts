export type { Column, ColumnOptions, Identity, ServerDefault } from "../schema/column.ts";
export { isNullable } from "../schema/column.ts";
export type { ColumnType } from "../schema/column_type.ts";
export type * from "../schema/constraint.ts";
export type * from "./op.ts";
export { conventionalName, defaultNamingConvention, fitName, shortHash } from "../schema/naming.ts";
export type { NamingConvention } from "../schema/naming.ts";
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
export { isSqlFragment, sql } from "../schema/sql_fragment.ts";
export type { SqlFragment } from "../schema/sql_fragment.ts";
export { t } from "../schema/types.ts";
export type { TypeVocabulary } from "../schema/types.ts";
