import { createHash } from "node:crypto";
import type { Row, Session } from "../driver/connection.ts";
import { RetortError } from "../errors.ts";
import type { StepInProgress } from "./lock_report.ts";
import { statementStart } from "./lock_report.ts";
import type { RunLock } from "./run_lock.ts";

/** Where a resumed step picks up: what the stopped run recorded, and what the user confirmed. */
export interface ResumePoint {
  readonly revision: string;
  readonly statementsRun: number;
  readonly statementsHash: string;
  /** The statement after those, which the user says took effect (`--skip-next`). */
  readonly skipNext?: { readonly statement: string };
}

/**
 * The session a step outside a transaction runs its statements on: before each statement it
 * records in the lock row that the statement starts, and after it that it completed, with a
 * hash of every statement so far, on the same connection. Resuming, it skips the statements
 * a stopped run completed, after checking that the migration makes the same ones again.
 * Reads (`query`) always run: a migration may need their rows to make its statements.
 *
 * @example
 * ```ts
 * const progress = new StatementProgress(connection, lock);
 * await runStep(context, progress, step, heads, failure, false);
 * progress.finish();
 * ```
 */
export class StatementProgress implements Session {
  private count = 0;
  private started = 0;
  private hash = "";

  constructor(
    private readonly session: Session,
    private readonly lock: RunLock,
    private readonly resume?: ResumePoint,
  ) {}

  /** True until a statement has started on the database (a resumed step has always started). */
  get untouched(): boolean {
    return !this.resume && this.started === 0;
  }

  query(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return this.session.query(sql, params);
  }

  async execute(sql: string, params?: readonly unknown[]): Promise<number> {
    const index = ++this.count;
    const hash = chainHash(this.hash, sql, params);
    const resume = this.resume;
    if (resume && index <= resume.statementsRun) {
      this.hash = hash;
      if (index === resume.statementsRun && hash !== resume.statementsHash) throw this.mismatch();
      return 0; // it ran before the run stopped
    }
    if (resume?.skipNext && index === resume.statementsRun + 1) {
      if (statementStart(sql) !== resume.skipNext.statement) throw this.mismatch(index);
      this.hash = hash;
      await this.lock.statementDone(this.session, index, hash, sql);
      return 0; // the user confirmed it took effect
    }
    await this.lock.statementStarting(this.session, sql);
    this.started++;
    let changed: number;
    try {
      changed = await this.session.execute(sql, params);
    } catch (error) {
      await this.lock.statementFailed(this.session).catch(() => {});
      throw error;
    }
    this.hash = hash;
    await this.lock.statementDone(this.session, index, hash);
    return changed;
  }

  /** After the migration function returned: a resumed step must have reached its old place. */
  finish(): void {
    if (this.resume && this.count < this.resume.statementsRun + (this.resume.skipNext ? 1 : 0)) {
      throw this.mismatch();
    }
  }

  private mismatch(index?: number): RetortError {
    const r = this.resume!;
    const what = index === undefined
      ? `its first ${r.statementsRun} statements are not the ones that ran`
      : `its statement ${index} is not the one recorded as running (\`${r.skipNext?.statement}\`)`;
    return new RetortError(
      "RESUME_MISMATCH",
      `cannot resume ${r.revision}: the migration no longer makes the statements the stopped run made (${what}), ` +
        "so its file changed since; restore the file as it was, or repair the schema by hand and `retort stamp REV`",
    );
  }
}

/** The resume point a dirty step gives, or why it cannot be resumed. */
export function resumePoint(
  step: StepInProgress,
  options: { skipNext?: boolean },
): ResumePoint {
  if (step.statementsRun === null || step.statementsHash === null) {
    throw new RetortError(
      "RESUME_UNAVAILABLE",
      `cannot resume ${step.direction} ${step.revision}: the run that stopped recorded no statement progress (an older retort); ` +
        "check the schema by hand, then `retort stamp REV` with the revision it matches",
    );
  }
  if (options.skipNext && (step.lastStatementState !== "running" || !step.lastStatement)) {
    throw new RetortError(
      "RESUME_SKIP_NEXT",
      `--skip-next: no statement of ${step.revision} was running when its run stopped, so none can have taken effect unrecorded; ` +
        "resume without --skip-next",
    );
  }
  return {
    revision: step.revision,
    statementsRun: step.statementsRun,
    statementsHash: step.statementsHash,
    ...(options.skipNext ? { skipNext: { statement: step.lastStatement! } } : {}),
  };
}

/** The hash of every statement so far: the previous hash, then this statement and its values. */
function chainHash(previous: string, sql: string, params?: readonly unknown[]): string {
  const values = JSON.stringify(
    params ?? [],
    (_key, value) => typeof value === "bigint" ? value.toString() : value,
  );
  return createHash("sha256").update(`${previous}\n${sql}\n${values}`).digest("hex").slice(0, 32);
}
