import { UsageError } from "../errors.ts";
import { rangeForSql } from "../revision/history.ts";
import { planDowngrade } from "../revision/plan.ts";
import type { MigrateResult } from "./migrate.ts";
import { migrate, migrateOffline, rangeNeedsSql, resumeOption } from "./migrate.ts";
import type { CommandOptions } from "./project.ts";
import { openProject } from "./project.ts";

/** Options of `retort downgrade`. */
export interface DowngradeOptions extends CommandOptions {
  /** `base`, a revision, `-N`, `label@-1`... (`START:END` with `sql`). */
  readonly target: string;
  /** Print the SQL script instead of running it (offline mode). */
  readonly sql?: boolean;
  /**
   * First finish the step a stopped run left unfinished, from the statement after the last
   * one it completed (see `current`); then go on to the target.
   */
  readonly resume?: boolean;
  /** With `resume`: the statement that was running when the run stopped took effect; skip it. */
  readonly skipNext?: boolean;
}

/**
 * Downgrades the database to `target`.
 *
 * @example
 * ```ts
 * await downgrade({ target: "-1" });
 * ```
 */
export async function downgrade(options: DowngradeOptions): Promise<MigrateResult> {
  const project = await openProject(options);
  const resume = resumeOption("downgrade", options);
  if (options.sql) {
    if (!options.target.includes(":")) {
      throw new UsageError(
        "RANGE_REQUIRED",
        `downgrade --sql needs the revision to start from: write START:END, e.g. head:${options.target}`,
      );
    }
    const { from, to } = rangeForSql(project.map, options.target);
    return migrateOffline(project, planDowngrade(project.map, from, to), from);
  }
  if (options.target.includes(":")) throw rangeNeedsSql("downgrade", options.target);
  return migrate(
    project,
    (heads) => planDowngrade(project.map, heads, options.target),
    options.target,
    resume,
  );
}
