import { RetortError } from "../errors.ts";

/** What became of the statement a step started last. */
export type StatementState = "running" | "failed" | "done";

/** A step that was started outside a transaction and has not finished. */
export interface StepInProgress {
  readonly revision: string;
  readonly direction: string;
  readonly owner: string;
  /** When the owner last showed it was alive (ms since epoch, the server's clock). */
  readonly renewedAt: number;
  /** Whether the owner is gone: it died, or failed, part-way. */
  readonly stale: boolean;
  /** Statements of the step that completed; null when an older retort recorded the step. */
  readonly statementsRun: number | null;
  /** The hash of those statements, to check that a resumed run makes the same ones. */
  readonly statementsHash: string | null;
  /** The start of the statement the step started last, and what became of it. */
  readonly lastStatement: string | null;
  readonly lastStatementState: StatementState | null;
}

/** The run that holds the lock row, as the row and the server say. */
export interface LockHolder {
  readonly owner: string;
  /** Host and process id of the run; null on a row an older retort wrote. */
  readonly host: string | null;
  readonly pid: number | null;
  /** When it took the lock (ms since epoch, the server's clock), if recorded. */
  readonly since: number | null;
  readonly renewedAt: number;
  /** How many ms ago it renewed its lease, by the server's clock (negative: in the future). */
  readonly ageMs: number;
  /** Whether it is alive: on MySQL it holds its server lock, elsewhere its lease is fresh. */
  readonly alive: boolean;
  /** MySQL: the connections that hold its server locks (heartbeat, working), if any. */
  readonly connections: readonly number[];
  /** A statement it started still executes on the server (it may have died meanwhile). */
  readonly statementExecuting: boolean;
  readonly step?: StepInProgress;
}

/** `HOST pid PID since TIME`, or what is known of a holder an older retort recorded. */
export function describeHolder(holder: LockHolder): string {
  if (holder.host === null) {
    return `an older retort run (last renewed ${isoTime(holder.renewedAt) ?? "never"})`;
  }
  const since = holder.since === null ? "" : ` since ${isoTime(holder.since)}`;
  return `${holder.host} pid ${holder.pid ?? "?"}${since}`;
}

/** A dirty step as `current` and `--json` report it. */
export interface DirtyReport {
  readonly revision: string;
  readonly direction: string;
  readonly lastSeen: string | null;
  readonly statementsRun: number | null;
  readonly nextStatement: string | null;
  readonly nextStatementState: "running" | "failed" | null;
}

/** What a dirty step's record says: how far it got, and the statement after, if it started. */
export function dirtyReport(step: StepInProgress): DirtyReport {
  const started = step.lastStatementState === "running" || step.lastStatementState === "failed";
  return {
    revision: step.revision,
    direction: step.direction,
    // A run that failed part-way marks its lease expired at once (renewed_at 0): no time to show.
    lastSeen: isoTime(step.renewedAt),
    statementsRun: step.statementsRun,
    nextStatement: started ? step.lastStatement : null,
    nextStatementState: started ? step.lastStatementState as "running" | "failed" : null,
  };
}

/** The error for a step that died part-way, with the way to repair it. */
export function dirtyError(step: StepInProgress): RetortError {
  return dirtyMessage(dirtyReport(step));
}

/** The error for a dirty database as `current` reports it. */
export function dirtyMessage(step: {
  revision: string;
  direction: string;
  lastSeen: string | null;
  statementsRun?: number | null;
  nextStatement?: string | null;
  nextStatementState?: "running" | "failed" | null;
}): RetortError {
  const when = step.lastSeen ? ` (last seen ${step.lastSeen})` : "";
  const resume = step.direction === "downgrade"
    ? "`retort downgrade --resume TARGET`"
    : "`retort upgrade --resume`";
  const k = step.statementsRun;
  if (k === null || k === undefined) {
    return new RetortError(
      "DIRTY_DATABASE",
      `the database is dirty: ${step.direction} ${step.revision} started outside a transaction and did not finish${when}; ` +
        "check the schema by hand, then `retort stamp REV` with the revision it matches",
    );
  }
  const next = step.nextStatement ? `\`${step.nextStatement}\`` : "";
  const ran = k === 0 ? "none of its statements ran" : `${k} of its statements ran`;
  let progress = `${ran}, and the next had not started`;
  let repair =
    `check the schema, then ${resume} to run the rest, or \`retort stamp REV\` with the revision it matches`;
  if (step.nextStatementState === "failed") {
    progress = `${ran}, and statement ${k + 1} (${next}) failed`;
  }
  if (step.nextStatementState === "running") {
    progress = `${ran}, and statement ${
      k + 1
    } (${next}) was running when it stopped, so it may have taken effect`;
    repair = `check the schema, then ${resume} to run the rest from statement ${k + 1} ` +
      `(add --skip-next if it took effect), or \`retort stamp REV\` with the revision it matches`;
  }
  return new RetortError(
    "DIRTY_DATABASE",
    `the database is dirty: ${step.direction} ${step.revision} started outside a transaction and did not finish${when}: ` +
      `${progress}; ${repair}`,
  );
}

/** The error of a run that lost the lock row: why, and what state it leaves. */
export function lostLeaseError(
  why: string,
  step: { revision: string; direction: string; statementsRun: number } | undefined,
): RetortError {
  const state = step
    ? `it stopped ${step.direction} ${step.revision} after ${step.statementsRun} of its statements, ` +
      "so the database is dirty; see `retort current`, then resume or stamp as it says"
    : "it stopped between steps: the steps it finished stay applied; run the command again";
  return new RetortError("LEASE_LOST", `this run lost the migration lock (${why}); ${state}`);
}

/**
 * A statement shortened to its first line, for the lock row and messages: ASCII only, so it
 * fits a lock table in any character set (others become `?`).
 */
export function statementStart(sql: string, max = 120): string {
  const first = sql.trim().split("\n")[0].trim().replace(/[^\x20-\x7e]/g, "?");
  return first.length > max || sql.trim().includes("\n") ? `${first.slice(0, max - 3)}...` : first;
}

/** A time as ISO text; null for 0 (a lease ended on purpose) or nothing. */
export function isoTime(ms: number | null): string | null {
  return ms && ms > 0 ? new Date(ms).toISOString() : null;
}
