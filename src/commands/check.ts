import type { CommandOptions } from "./project.ts";
import { openProject, withDatabase } from "./project.ts";
import { compareProject } from "./autogenerate.ts";
import type { ChangedRevision } from "../runtime/checksum_drift.ts";
import { changedLine, changedRevisions } from "./checksums.ts";

/** What `check` found. */
export interface CheckResult {
  /** Each difference as autogenerate prints it ("added column 'users.nickname'"). */
  readonly changes: readonly string[];
  readonly upToDate: boolean;
  /** Applied revisions whose file changed since it ran (an error with `strictChecksums`). */
  readonly changedSinceApplied: readonly ChangedRevision[];
  /** The config's `strictChecksums`: a changed applied revision fails `check` too. */
  readonly strictChecksums: boolean;
}

/**
 * Alembic's `check`: whether autogenerate would write anything. With no difference it prints
 * "No new upgrade operations detected."; otherwise each difference, and the CLI exits 1.
 *
 * @example
 * ```ts
 * const { upToDate, changes } = await check({ cwd: "./db" });
 * ```
 */
export async function check(options: CommandOptions = {}): Promise<CheckResult> {
  const project = await openProject(options);
  return withDatabase(project, { readOnly: true }, async (db) => {
    const { changes } = await compareProject(project, db, {}, { candidates: false });
    const lines = changes.map((c) => `Detected ${c.description}`);
    if (lines.length === 0) project.output.result("No new upgrade operations detected.");
    for (const line of lines) project.output.result(line);
    const changed = await changedRevisions(project, db);
    for (const c of changed) project.output.info(`retort: warning: applied revision ${changedLine(project, c)}`);
    return { changes: changes.map((c) => c.description), upToDate: lines.length === 0,
      changedSinceApplied: changed,
      strictChecksums: project.config.strictChecksums,
    };
  });
}
