/**
 * retort: Alembic-style schema migrations for Deno and Bun.
 *
 * @example
 * ```ts
 * import { upgrade } from "retort";
 * await upgrade({ target: "head" });
 * ```
 * @module
 */
export { branches } from "./src/commands/branches.ts";
export { connect } from "./src/commands/connect.ts";
export type { Connection, Row, Session } from "./src/driver/connection.ts";
export { current } from "./src/commands/current.ts";
export type { DirtyState } from "./src/commands/current.ts";
export { isUpToDate, status } from "./src/commands/status.ts";
export type { DatabaseStatus } from "./src/commands/status.ts";
export type { RevisionInfo } from "./src/ui/revision_json.ts";
export { downgrade } from "./src/commands/downgrade.ts";
export type { DowngradeOptions } from "./src/commands/downgrade.ts";
export { heads } from "./src/commands/heads.ts";
export { history } from "./src/commands/history.ts";
export type { HistoryEntry, HistoryOptions } from "./src/commands/history.ts";
export { init } from "./src/commands/init.ts";
export { merge } from "./src/commands/merge.ts";
export type { MergeOptions } from "./src/commands/merge.ts";
export type { InitOptions, InitResult } from "./src/commands/init.ts";
export type { MigrateResult } from "./src/commands/migrate.ts";
export type { CommandOptions } from "./src/commands/project.ts";
export { revision } from "./src/commands/revision.ts";
export type { RevisionOptions, RevisionResult } from "./src/commands/revision.ts";
export { show } from "./src/commands/show.ts";
export { stamp } from "./src/commands/stamp.ts";
export type { StampOptions } from "./src/commands/stamp.ts";
export { types } from "./src/commands/types.ts";
export { unlock } from "./src/commands/unlock.ts";
export type { ClearedLock, UnlockOptions } from "./src/commands/unlock.ts";
export { upgrade } from "./src/commands/upgrade.ts";
export type { UpgradeOptions } from "./src/commands/upgrade.ts";
export { defineConfig } from "./src/config/config.ts";
export type { RetortConfig } from "./src/config/config.ts";
export { RetortError, UsageError } from "./src/errors.ts";
export type { BatchAlterTableOptions, BatchOperations, Op, Operations } from "./src/ops/mod.ts";
export type { Column, ColumnOptions, ColumnType, SqlFragment } from "./src/schema/mod.ts";
export { sql, t } from "./src/schema/mod.ts";
export { reverse } from "./src/runtime/builtin_registry.ts";
export type { MigrationContext } from "./src/runtime/migration_context.ts";
export { consoleOutput, silentOutput } from "./src/ui/output.ts";
export type { Output } from "./src/ui/output.ts";
export { VERSION } from "./src/version.ts";

// Revision and plugin files that import "retort" get this very module (see import_module.ts).
import * as self from "./mod.ts";
import { provideRetortModule } from "./src/script/import_module.ts";
provideRetortModule(self);
