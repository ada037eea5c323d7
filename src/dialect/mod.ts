export type { Capabilities, Dialect, Statement } from "./dialect.ts";
export { dialectFor } from "./dialect_for.ts";
export { DdlRenderer } from "./ddl_renderer.ts";
export type { ColumnUse } from "./ddl_renderer.ts";
export { MysqlDialect } from "./mysql/mysql_dialect.ts";
export { PostgresDialect } from "./postgres/postgres_dialect.ts";
export { enumTypeName } from "./postgres/postgres_types.ts";
export { SqliteDialect } from "./sqlite/sqlite_dialect.ts";
export { UnsupportedOperationError } from "./unsupported_operation.ts";
