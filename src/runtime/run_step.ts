import { executeBatch } from "../batch/execute_batch.ts";
import type { Dialect } from "../dialect/dialect.ts";
import type { Session } from "../driver/connection.ts";
import { RetortError } from "../errors.ts";
import type { NamingConvention } from "../schema/naming.ts";
import type { Op } from "../ops/op.ts";
import { createOperations } from "../ops/operations.ts";
import type { MigrationStep } from "../revision/plan.ts";
import type { RevisionMap } from "../revision/revision_map.ts";
import { updateHeads } from "../revision/version_heads.ts";
import { importModule } from "../script/import_module.ts";
import type { RevisionScript } from "../script/script_directory.ts";
import { migrationContext } from "./migration_context.ts";
import { MigrationError } from "./migration_error.ts";
import { OpQueue } from "./op_queue.ts";
import type { VersionTable } from "./version_table.ts";

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
  onFailure: string,
  writeVersion = true,
): Promise<string[]> {
  const script = context.scripts.get(step.revision);
  if (!script) throw new RetortError("UNKNOWN_REVISION", `no file for revision ${step.revision}`);
  try {
    const module = await importModule(script.path);
    const migrate = module[step.direction];
    if (typeof migrate !== "function") {
      throw new RetortError(
        "MISSING_MIGRATION_FUNCTION",
        `${script.path}: no exported ${step.direction}() function; add \`export async function ${step.direction}(ctx)\``,
      );
    }
    const queue = new OpQueue((op) => executeOp(context, session, op));
    const op = createOperations((o) => queue.push(o), context.namingConvention);
    await migrate(migrationContext(op, context.dialect, context.log));
    await queue.drain();
    const { heads: next, changes } = updateHeads(context.map, heads, step);
    if (writeVersion) await context.versionTable.apply(session, changes);
    return next;
  } catch (error) {
    throw new MigrationError(step.revision, step.direction, error, onFailure);
  }
}

async function executeOp(context: StepContext, session: Session, op: Op): Promise<void> {
  if (op.kind === "batchAlterTable") {
    return executeBatch(context.dialect, session, op, {
      progress: context.showProgress === false ? false : undefined,
    });
  }
  for (const statement of context.dialect.render(op)) {
    await session.execute(statement.sql, statement.params);
  }
}
