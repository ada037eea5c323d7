import { rangeForSql } from "../revision/history.ts";
import { planUpgrade } from "../revision/plan.ts";
import type { MigrateResult } from "./migrate.ts";
import { migrate, migrateOffline, rangeNeedsSql, resumeOption } from "./migrate.ts";
import type { CommandOptions } from "./project.ts";
import { openProject } from "./project.ts";

/** Options of `retort upgrade`. */
export interface UpgradeOptions extends CommandOptions {
  /** `head` (default), `heads`, a revision, `+N`, `label@head`... (`START:END` with `sql`). */
  readonly target?: string;
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
 * Upgrades the database to `target`.
 *
 * @example
 * ```ts
 * await upgrade({ target: "head" });
 * ```
 */
export async function upgrade(options: UpgradeOptions = {}): Promise<MigrateResult> {
  const project = await openProject(options);
  const target = options.target ?? "head";
  const resume = resumeOption("upgrade", options);
  if (options.sql) {
    const { from, to } = target.includes(":")
      ? rangeForSql(project.map, target)
      : { from: [], to: target };
    return migrateOffline(project, planUpgrade(project.map, from, to), from);
  }
  if (target.includes(":")) throw rangeNeedsSql("upgrade", target);
  return migrate(
    project,
    (heads) => planUpgrade(project.map, heads, target),
    target,
    resume,
    { checkChecksums: project.config.strictChecksums },
  );
}
