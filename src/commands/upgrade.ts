import { planUpgrade } from "../revision/plan.ts";
import type { MigrateResult } from "./migrate.ts";
import { migrate } from "./migrate.ts";
import type { CommandOptions } from "./project.ts";
import { openProject } from "./project.ts";

/** Options of `retort upgrade`. */
export interface UpgradeOptions extends CommandOptions {
  /** `head` (default), `heads`, a revision, `+N`, `label@head`... */
  readonly target?: string;
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
  return migrate(project, (heads) => planUpgrade(project.map, heads, target), target);
}
