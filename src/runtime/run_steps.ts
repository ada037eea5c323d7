import type { Dialect } from "../dialect/dialect.ts";
import type { Connection, Session } from "../driver/connection.ts";
import { RetortError } from "../errors.ts";
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

/** Everything a run needs besides the plan. */
export interface RunContext {
  readonly connection: Connection;
  readonly dialect: Dialect;
  readonly map: RevisionMap;
  readonly scripts: ReadonlyMap<string, RevisionScript>;
  readonly versionTable: VersionTable;
  readonly transactionPerMigration: boolean;
  /** Called before each step with its position, for progress output. */
  readonly onStep?: (step: MigrationStep, index: number, total: number) => void;
  readonly log: (message: string) => void;
}

/** What a finished run did. */
export interface RunResult {
  readonly steps: readonly MigrationStep[];
  readonly heads: readonly string[];
}

/**
 * Reads the current heads, plans the steps from them, and runs each step with its version
 * write. By default the whole run is one transaction (where DDL is transactional); with
 * `transactionPerMigration` each step commits on its own; a revision that exports
 * `transaction = false` runs outside any transaction.
 */
export async function runSteps(
  context: RunContext,
  plan: (heads: readonly string[]) => MigrationStep[],
): Promise<RunResult> {
  const { connection, versionTable } = context;
  let steps: MigrationStep[] = [];
  let batches: Batch[] = [];
  let done = 0;
  const runBatch = async (batch: Batch, session: Session, heads: readonly string[]) => {
    for (const step of batch.steps) {
      context.onStep?.(step, done++, steps.length);
      heads = await runStep(context, session, step, heads, outcome(context, batch));
    }
    return heads;
  };
  // The heads are read, and the first transactional batch runs, in one transaction, so the
  // plan cannot go stale between reading and writing.
  let heads = await connection.transaction(async (tx) => {
    await versionTable.ensure(tx);
    const heads = await versionTable.read(tx);
    steps = plan(heads);
    batches = groupSteps(context, steps);
    return batches[0]?.transactional ? runBatch(batches.shift()!, tx, heads) : heads;
  });
  for (const batch of batches) {
    heads = batch.transactional
      ? await connection.transaction((tx) => runBatch(batch, tx, heads))
      : await runBatch(batch, connection, heads);
  }
  return { steps, heads };
}

interface Batch {
  readonly steps: MigrationStep[];
  readonly transactional: boolean;
}

/** Splits the plan into the units that commit together. */
function groupSteps(context: RunContext, steps: readonly MigrationStep[]): Batch[] {
  const batches: Batch[] = [];
  for (const step of steps) {
    const transactional = context.scripts.get(step.revision)?.transaction !== false;
    const last = batches.at(-1);
    if (last && transactional && last.transactional && !context.transactionPerMigration) {
      last.steps.push(step);
    } else {
      batches.push({ steps: [step], transactional });
    }
  }
  return batches;
}

function outcome(context: RunContext, batch: Batch): string {
  if (!batch.transactional) {
    return "it ran outside a transaction (transaction = false): check the schema, then `retort stamp` the revision it is at";
  }
  return context.transactionPerMigration
    ? "this revision was rolled back; the revisions before it stay applied"
    : "rolled back, the database is as it was before this run";
}

async function runStep(
  context: RunContext,
  session: Session,
  step: MigrationStep,
  heads: readonly string[],
  onFailure: string,
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
    const queue = new OpQueue((op) => executeOp(context.dialect, session, op));
    const op = createOperations((o) => queue.push(o));
    await migrate(migrationContext(op, context.dialect, context.log));
    await queue.drain();
    const { heads: next, changes } = updateHeads(context.map, heads, step);
    await context.versionTable.apply(session, changes);
    return next;
  } catch (error) {
    throw new MigrationError(step.revision, step.direction, error, onFailure);
  }
}

async function executeOp(dialect: Dialect, session: Session, op: Op): Promise<void> {
  for (const statement of dialect.render(op)) {
    await session.execute(statement.sql, statement.params);
  }
}
