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
export { check } from "./src/commands/check.ts";
export type { CheckResult } from "./src/commands/check.ts";
export { compareSchema } from "./src/commands/compare_schema.ts";
export type { SchemaComparison } from "./src/commands/autogenerate.ts";
export type { MigrationScript } from "./src/autogen/migration_script.ts";
export type { RenameCandidate, Renames, SchemaChange } from "./src/autogen/schema_change.ts";
export { defineSchema, table, view } from "./src/schema/define_schema.ts";
export type { SchemaDeclaration, TableDeclaration } from "./src/schema/define_schema.ts";
export type { DatabaseSchema, EnumType, Trigger, View } from "./src/schema/database_schema.ts";
export type { Table, TableOptions } from "./src/schema/table.ts";
export type * from "./src/schema/constraint.ts";
export { unlock } from "./src/commands/unlock.ts";
export { appliedHistory } from "./src/commands/applied_history.ts";
export type { AppliedEntry } from "./src/commands/applied_history.ts";
export type { HistoryEntry as AppliedStep } from "./src/runtime/history_table.ts";
export type { ChangedRevision } from "./src/runtime/checksum_drift.ts";
export type { ClearedLock, UnlockOptions } from "./src/commands/unlock.ts";
export { upgrade } from "./src/commands/upgrade.ts";
export type { UpgradeOptions } from "./src/commands/upgrade.ts";
export { defineConfig } from "./src/config/config.ts";
export type { PluginEntry, RetortConfig } from "./src/config/config.ts";
export { RetortError, UsageError } from "./src/errors.ts";
export type * from "./src/ops/op.ts";
export type {
  BatchAlterTableOptions,
  BatchOperations,
  BuildContext,
  DefinitionLookup,
  OperationDefinition,
  Operations,
  OpExecution,
  OpSession,
} from "./src/ops/mod.ts";
export { defineOperation } from "./src/ops/mod.ts";
export type * from "./src/dialect/changes.ts";
export type { Capabilities, Dialect, Statement } from "./src/dialect/dialect.ts";
export { definePlugin, PluginError, rewriter } from "./src/plugin/mod.ts";
export type {
  Comparator,
  ComparatorChange,
  ComparatorContext,
  Hook,
  HookContext,
  ObjectType,
  ParentNames,
  Plugin,
  ReadTarget,
  Rewriter,
  RewriteOp,
  RewriteResult,
  StepEvent,
} from "./src/plugin/mod.ts";
export type { Column, ColumnOptions, ColumnType, SqlFragment } from "./src/schema/mod.ts";
export { sql, t } from "./src/schema/mod.ts";
export { reverse } from "./src/runtime/builtin_registry.ts";
export type { MigrationContext } from "./src/runtime/migration_context.ts";
export { consoleOutput, silentOutput } from "./src/ui/output.ts";
export type { Output } from "./src/ui/output.ts";
export { VERSION } from "./src/version.ts";
// The views plugin's op types, named here so the binary's bundled editor types (which follow
// static imports only) carry its `Operations` and `OpKinds` merging: revisions call op.createView.
export type { CreateViewOp, DropViewOp, ReplaceViewOp } from "./plugins/views.ts";

// Revision and plugin files that import "retort" get this very module (see import_module.ts),
// and "retort/plugins/NAME" in a config names one of retort's own plugins.
import * as self from "./mod.ts";
import { provideRetortModule } from "./src/script/import_module.ts";
import { provideFirstPartyPlugins } from "./src/config/load_plugins.ts";
import { firstPartyPlugins } from "./plugins/mod.ts";
provideRetortModule(self);
provideFirstPartyPlugins(firstPartyPlugins);
