import type { Connection } from "../driver/connection.ts";
import { RetortError } from "../errors.ts";
import type { MigrationStep } from "../revision/plan.ts";
import type { VersionChange } from "../revision/version_heads.ts";
import { updateHeads } from "../revision/version_heads.ts";
import { lockedTransaction } from "./locked_transaction.ts";
import type { StepInProgress } from "./lock_report.ts";
import { describeHolder, dirtyError } from "./lock_report.ts";
import type { HistoryEntry } from "./history_table.ts";
import { HistoryTable } from "./history_table.ts";
import { RunLock } from "./run_lock.ts";
import type { ResumePoint } from "./statement_progress.ts";
import { resumePoint, StatementProgress } from "./statement_progress.ts";
import type { StepContext } from "./run_step.ts";
import { runStep, stepEntry } from "./run_step.ts";
import { Planner } from "./planner.ts";

/** Everything a run needs besides the plan. */
export interface RunContext extends StepContext {
  readonly connection: Connection;
  /** Opens another connection to the same database (for the lock's heartbeat). */
  readonly reconnect: () => Promise<Connection>;
  readonly transactionPerMigration: boolean;
  readonly lockTimeoutMs: number;
  /** Called before each step with its position, for progress output. */
  readonly onStep?: (step: MigrationStep, index: number, total: number) => void;
  /** Checks the files of planned steps before any runs (each step once). */
  readonly preflight?: (steps: readonly MigrationStep[]) => Promise<void>;
  /**
   * `--resume`: first finish the step a stopped run left unfinished (it must be one in this
   * direction), skipping the statements it completed; `skipNext` also skips the statement it
   * was running, which the user says took effect.
   */
  readonly resume?: { readonly direction: MigrationStep["direction"]; readonly skipNext?: boolean };
}

/** What a finished run did. */
export interface RunResult {
  readonly steps: readonly MigrationStep[];
  readonly heads: readonly string[];
}

/**
 * Plans from the heads read under the migration lock and runs each step with its version
 * write, re-reading the heads every time it takes the lock again, so concurrent runs apply
 * each step exactly once.
 *
 * Where DDL is transactional (PostgreSQL, SQLite) the whole run is one transaction by default,
 * or one per step with `transactionPerMigration`; each transaction takes the database lock
 * (a transaction-level advisory lock, or SQLite's write lock) before reading. A revision that
 * exports `transaction = false`, and every step on MySQL, runs outside a transaction under the
 * lock row, recorded as in progress until its version write commits.
 *
 * The run ends once its plan is done. When another run moved the heads away from the plan, it
 * plans again towards the same target, a bounded number of times (see `Planner`).
 *
 * `plan` must give the same answer for the same heads; `relative` says the target was
 * relative to the heads first read (`+1`), so it cannot be planned again if they change.
 */
export async function runSteps(
  context: RunContext,
  plan: (heads: readonly string[]) => MigrationStep[],
  relative = false,
): Promise<RunResult> {
  const planner = new Planner(plan, relative, context.preflight);
  if (!context.dialect.capabilities.transactionalDdl) return runUnderLockRow(context, planner);
  let heads: readonly string[] = [];
  let foreignKeysOff = false;
  if (context.resume) {
    // The unfinished step ran outside a transaction under the lock row: finish it there.
    const lock = RunLock.of(context.versionTable);
    const dirty = await lock.acquire(context.connection, context.reconnect, context.lockTimeoutMs, {
      log: context.log,
      takeOverDirty: true,
    });
    try {
      await resumeDirtyStep(context, lock, planner, dirty);
    } finally {
      await lock.release(context.connection);
    }
  }
  try {
    for (;;) {
      let next;
      try {
        ({ next, heads } = await transactionalBatch(context, planner));
      } catch (error) {
        if (foreignKeysOff || !needsForeignKeysOff(context, error)) throw error;
        // A table rebuild that rows elsewhere reference needs enforcement off, which SQLite
        // only allows outside a transaction: the transaction rolled back, so run it again.
        foreignKeysOff = true;
        context.log(
          "A table rebuild needs foreign key enforcement off: running the transaction again with it off",
        );
        await context.connection.execute("PRAGMA foreign_keys = OFF");
        continue;
      }
      if (next === "done") break;
      if (next === "wait") await waitForLockRow(context);
      if (next === "outside") {
        heads = await runOutsideTransaction(context, planner);
        if (planner.finished) break;
      }
    }
  } finally {
    if (foreignKeysOff) await context.connection.execute("PRAGMA foreign_keys = ON");
  }
  return { steps: planner.done, heads };
}

/** The batch's error when a SQLite rebuild could only run with foreign key enforcement off. */
function needsForeignKeysOff(context: RunContext, error: unknown): boolean {
  if (context.dialect.name !== "sqlite") return false;
  for (
    let e = error as { code?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.code === "BATCH_FOREIGN_KEYS_ON") return true;
  }
  return false;
}

/**
 * One locked transaction: read the heads, plan, and run the transactional steps the mode
 * allows. Says whether the run is done, must wait for a step running outside a transaction,
 * must run one itself, or can go on; and the heads once it committed.
 */
function transactionalBatch(
  context: RunContext,
  planner: Planner,
): Promise<{ next: "done" | "wait" | "outside" | "more"; heads: readonly string[] }> {
  return lockedTransaction(context, async (tx) => {
    await context.versionTable.ensure(tx);
    const history = HistoryTable.of(context.versionTable);
    await history.ensure(tx);
    const lock = RunLock.of(context.versionTable);
    const step = await lock.inProgress(tx);
    if (step?.stale) throw dirtyError(step);
    let heads = await context.versionTable.read(tx);
    if (step) return { next: "wait", heads };
    const steps = planner.stepsFrom(heads);
    await planner.check(steps);
    if (steps.length === 0) return { next: "done", heads };
    if (!isTransactional(context, steps[0])) return { next: "outside", heads };
    const batch = context.transactionPerMigration
      ? steps.slice(0, 1)
      : takeWhile(steps, (s) => isTransactional(context, s));
    // Nobody sees the version table until this transaction commits, so it is written once,
    // with the net change of the whole batch, instead of once per step.
    const before = heads;
    const entries: HistoryEntry[] = [];
    for (const s of batch) {
      const started = Date.now();
      heads = await runStep(
        context,
        tx,
        planner.announce(context, s),
        heads,
        outcome(context),
        false,
      );
      entries.push(stepEntry(context, s, started));
    }
    await context.versionTable.apply(tx, netChange(before, heads));
    await history.append(tx, entries);
    planner.ran(batch.length, heads);
    // The run reached its target: it ends here rather than look again and chase whatever
    // another run did since (an upgrade and a downgrade would undo each other for ever).
    return { next: planner.finished ? "done" : "more", heads };
  });
}

/** MySQL: the lock row is held for the whole run; each step is recorded while it runs. */
async function runUnderLockRow(context: RunContext, planner: Planner): Promise<RunResult> {
  const lock = RunLock.of(context.versionTable);
  await context.versionTable.ensure(context.connection);
  const dirty = await lock.acquire(context.connection, context.reconnect, context.lockTimeoutMs, {
    log: context.log,
    takeOverDirty: context.resume !== undefined,
  });
  try {
    if (context.resume) await resumeDirtyStep(context, lock, planner, dirty);
    let heads = await context.versionTable.read(context.connection);
    const steps = planner.stepsFrom(heads);
    await planner.check(steps);
    for (const step of steps) {
      heads = await runRecordedStep(context, lock, planner.announce(context, step), heads);
      planner.ran(1, heads);
    }
    return { steps: planner.done, heads };
  } finally {
    await lock.release(context.connection);
  }
}

/** PostgreSQL/SQLite: one `transaction = false` revision, under the lock row. */
async function runOutsideTransaction(
  context: RunContext,
  planner: Planner,
): Promise<readonly string[]> {
  const lock = RunLock.of(context.versionTable);
  await lock.acquire(context.connection, context.reconnect, context.lockTimeoutMs, {
    log: context.log,
  });
  try {
    const heads = await context.versionTable.read(context.connection);
    const steps = planner.stepsFrom(heads);
    await planner.check(steps);
    const [step] = steps;
    if (!step || isTransactional(context, step)) return heads; // someone else got there first
    const next = await runRecordedStep(context, lock, planner.announce(context, step), heads);
    planner.ran(1, next);
    return next;
  } finally {
    await lock.release(context.connection);
  }
}

/**
 * Records the step as in progress, runs it statement by statement (each one recorded in the
 * lock row as it starts and completes), then writes its version and clears the record in
 * one transaction. `resume` continues a step a stopped run left part-way.
 */
async function runRecordedStep(
  context: RunContext,
  lock: RunLock,
  step: MigrationStep,
  heads: readonly string[],
  resume?: ResumePoint,
): Promise<string[]> {
  await HistoryTable.of(context.versionTable).ensure(context.connection);
  if (!resume) await lock.markStep(context.connection, step.revision, step.direction);
  const again = step.direction === "downgrade"
    ? "`retort downgrade --resume TARGET`"
    : "`retort upgrade --resume`";
  const failed =
    "it ran outside a transaction, so the statements before the failing one stay applied " +
    `(\`retort current\` lists them): fix the cause, then ${again} to run the rest, ` +
    "or repair the schema by hand and `retort stamp REV` with the revision it matches";
  const started = Date.now();
  const progress = new StatementProgress(context.connection, lock, resume);
  // A step that failed before its first statement (a plugin refused an op, the file threw)
  // changed nothing: its record is cleared, so the database is not left dirty for it.
  const nothingRan = "none of its statements had run, so the database is as it was: fix the cause and run again";
  let next: string[];
  try {
    next = await runStep(context, progress, step, heads, () => progress.untouched ? nothingRan : failed, false, false);
  } catch (error) {
    if (progress.untouched) await lock.clearStep(context.connection).catch(() => {});
    throw error;
  }
  progress.finish();
  lock.assertHeld();
  const entry = stepEntry(context, step, started);
  await context.connection.transaction(async (tx) => {
    await lock.clearStep(tx);
    await context.versionTable.apply(tx, updateHeads(context.map, heads, step).changes);
    await HistoryTable.of(context.versionTable).append(tx, [entry]);
  });
  return next;
}

/**
 * `--resume`: runs the step a stopped run left unfinished (taken over with the lock), from
 * the statement after the last one it completed, and records it as done.
 */
async function resumeDirtyStep(
  context: RunContext,
  lock: RunLock,
  planner: Planner,
  dirty: StepInProgress | undefined,
): Promise<void> {
  const wanted = context.resume!;
  if (!dirty) {
    throw new RetortError(
      "NOT_DIRTY",
      `--resume: the database is not dirty (no step was left unfinished); run \`retort ${wanted.direction}\` without --resume`,
    );
  }
  if (dirty.direction !== wanted.direction) {
    throw new RetortError(
      "RESUME_DIRECTION",
      `--resume: the unfinished step is the ${dirty.direction} of ${dirty.revision}; resume it with \`retort ${dirty.direction} --resume\``,
    );
  }
  const point = resumePoint(dirty, { skipNext: wanted.skipNext });
  if (!context.scripts.has(dirty.revision)) {
    throw new RetortError(
      "UNKNOWN_REVISION",
      `--resume: no file defines ${dirty.revision}, the revision left unfinished; restore its file, or repair by hand and \`retort stamp REV\``,
    );
  }
  const step: MigrationStep = {
    revision: dirty.revision,
    direction: dirty.direction as MigrationStep["direction"],
  };
  await planner.check([step]);
  const heads = await context.versionTable.read(context.connection);
  context.onStep?.(step, 0, 1);
  const skipped = point.statementsRun + (point.skipNext ? 1 : 0);
  context.log(`Resuming ${step.direction} ${step.revision} after ${skipped} of its statements`);
  await runRecordedStep(context, lock, step, heads, point);
  planner.resumed(step);
}

/** Polls until the lock row's step is finished (or stale, or the wait times out). */
async function waitForLockRow(context: RunContext): Promise<void> {
  const lock = RunLock.of(context.versionTable);
  const deadline = Date.now() + context.lockTimeoutMs;
  let told = false;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const holder = await lock.read(context.connection);
    const step = holder?.step;
    if (!step) return;
    if (step.stale) throw dirtyError(step);
    if (!told) {
      context.log(
        `waiting for the migration lock held by ${
          describeHolder(holder)
        } (${step.direction} ${step.revision})`,
      );
      told = true;
    }
    if (Date.now() > deadline) {
      throw new RetortError(
        "LOCK_TIMEOUT",
        `another run (${
          describeHolder(holder)
        }) is still applying ${step.revision}; wait for it, or raise lockTimeoutMs; ` +
          "if that run is gone, `retort unlock --force` clears its lock",
      );
    }
  }
}

/** The version-table changes that turn the rows `before` into `after`. */
function netChange(before: readonly string[], after: readonly string[]): VersionChange[] {
  const gone = before.filter((rev) => !after.includes(rev));
  const added = after.filter((rev) => !before.includes(rev));
  const updates = Math.min(gone.length, added.length);
  return [
    ...gone.slice(0, updates).map((from, i): VersionChange => ({
      kind: "update",
      from,
      to: added[i],
    })),
    ...gone.slice(updates).map((revision): VersionChange => ({ kind: "delete", revision })),
    ...added.slice(updates).map((revision): VersionChange => ({ kind: "insert", revision })),
  ];
}

function isTransactional(context: RunContext, step: MigrationStep): boolean {
  return context.scripts.get(step.revision)?.transaction !== false;
}

function takeWhile<T>(items: readonly T[], keep: (item: T) => boolean): T[] {
  const end = items.findIndex((item) => !keep(item));
  return items.slice(0, end < 0 ? items.length : end);
}

function outcome(context: RunContext): string {
  return context.transactionPerMigration
    ? "this revision was rolled back; the revisions before it stay applied"
    : "rolled back, the database is as it was before this run";
}
