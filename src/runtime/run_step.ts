import type { Dialect } from "../dialect/dialect.ts";
import type { Session } from "../driver/connection.ts";
import { RetortError } from "../errors.ts";
import type { OperationRegistry } from "../ops/operation_registry.ts";
import { createOperations } from "../ops/operations.ts";
import type { NamingConvention } from "../schema/naming.ts";
import type { MigrationStep } from "../revision/plan.ts";
import type { RevisionMap } from "../revision/revision_map.ts";
import { updateHeads } from "../revision/version_heads.ts";
import { importModule } from "../script/import_module.ts";
import type { RevisionScript } from "../script/script_directory.ts";
import { migrationContext } from "./migration_context.ts";
import { MigrationError } from "./migration_error.ts";
import { builtinRegistry } from "./builtin_registry.ts";
import { OpPipeline } from "./op_pipeline.ts";
import type { HookContext } from "../plugin/plugin.ts";
import type { PluginChain } from "../plugin/plugin_chain.ts";
import { PluginError } from "../plugin/plugin_error.ts";
import type { VersionTable } from "./version_table.ts";
import type { HistoryEntry } from "./history_table.ts";
import { historyEntry } from "./history_table.ts";
import { fileChecksum } from "../script/checksum.ts";

/** What running one step needs. */
export interface StepContext {
  readonly dialect: Dialect;
  readonly map: RevisionMap;
  readonly scripts: ReadonlyMap<string, RevisionScript>;
  readonly versionTable: VersionTable;
  readonly namingConvention?: NamingConvention;
  readonly log: (message: string) => void;
  /** Whether long work may show progress (a row counter on a terminal); false with -q. */
  readonly showProgress?: boolean;
  /** The operations migrations can call: retort's own and the plugins' (default: retort's). */
  readonly registry?: OperationRegistry;
  /** The run's plugins: their rewriters and step observers. */
  readonly plugins?: PluginChain;
  /** `-x key=value` arguments, for every hook as `ctx.args`. */
  readonly args?: Readonly<Record<string, string>>;
  /** Offline (`--sql`): hooks are told so. */
  readonly offline?: boolean;
  /** `--tag`: recorded with each step in the history table. */
  readonly tag?: string;
}

/** The history entry of `step`, which started at `started` (ms) and has just finished. */
export function stepEntry(context: StepContext, step: MigrationStep, started: number): HistoryEntry {
  const path = context.scripts.get(step.revision)?.path;
  return historyEntry(step.revision, step.direction, fileChecksum(path), started, context.tag);
}

/**
 * Imports the revision, runs its function with an `op` that executes each operation in call
 * order, and (unless the caller records it itself) writes the version change.
 */
export async function runStep(
  context: StepContext,
  session: Session,
  step: MigrationStep,
  heads: readonly string[],
  onFailure: string | (() => string),
  writeVersion = true,
  inTransaction = true,
): Promise<string[]> {
  const script = context.scripts.get(step.revision);
  if (!script) throw new RetortError("UNKNOWN_REVISION", `no file for revision ${step.revision}`);
  const plugins = context.plugins;
  const started = Date.now();
  const event = { revision: step.revision, direction: step.direction };
  let hooks: HookContext | undefined;
  try {
    const module = await importModule(script.path);
    hooks = {
      phase: "run",
      dialect: context.dialect,
      revision: step.revision,
      direction: step.direction,
      autogenerate: false,
      args: context.args ?? {},
      inTransaction,
      exports: module,
      offline: context.offline ?? false,
    };
    await plugins?.observe("beforeStep", event, hooks);
    const migrate = module[step.direction];
    if (typeof migrate !== "function") {
      throw new RetortError(
        "MISSING_MIGRATION_FUNCTION",
        `${script.path}: no exported ${step.direction}() function; add \`export async function ${step.direction}(ctx)\``,
      );
    }
    const registry = context.registry ?? defaultRegistry();
    const pipeline = new OpPipeline({
      registry,
      dialect: context.dialect,
      session,
      log: context.log,
      showProgress: context.showProgress !== false,
      rewrite: plugins?.rewrites
        ? (o, within) => plugins.rewrite(o, within ? { ...hooks!, within } : hooks!)
        : undefined,
    });
    const op = createOperations(registry, (o) => pipeline.record(o), context.namingConvention);
    const query = (sql: string, params?: readonly unknown[]) =>
      pipeline.after(() => session.query(sql, params));
    await migrate(migrationContext({ op, dialect: context.dialect, log: context.log, query }));
    await pipeline.drain();
    const { heads: next, changes } = updateHeads(context.map, heads, step);
    if (writeVersion) await context.versionTable.apply(session, changes);
    await plugins?.observe("afterStep", { ...event, durationMs: Date.now() - started }, hooks);
    return next;
  } catch (error) {
    // The run's own state, not the migration's: the lock row was lost, or a resume does not fit.
    if (error instanceof RetortError && ownErrors.has(error.code)) throw error;
    if (plugins && hooks && !(error instanceof PluginError && /: (beforeStep|afterStep) /.test(error.message))) {
      // onError hears the failure; a throw of its own is reported after the step's own
      await plugins.observe("onError", { ...event, durationMs: Date.now() - started, error }, hooks)
        .catch((e) => context.log(`retort: ${(e as Error).message}`));
    }
    throw new MigrationError(
      step.revision,
      step.direction,
      error,
      typeof onFailure === "function" ? onFailure() : onFailure,
    );
  }
}

/** Errors about the run itself that a step passes on as they are. */
const ownErrors = new Set(["LEASE_LOST", "RESUME_MISMATCH"]);

let shared: OperationRegistry | undefined;

/** retort's own operations, made once for runs without plugins. */
function defaultRegistry(): OperationRegistry {
  return shared ??= builtinRegistry();
}
