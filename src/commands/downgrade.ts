import { planDowngrade } from "../revision/plan.ts";
import type { MigrateResult } from "./migrate.ts";
import { migrate } from "./migrate.ts";
import type { CommandOptions } from "./project.ts";
import { openProject } from "./project.ts";

/** Options of `retort downgrade`. */
export interface DowngradeOptions extends CommandOptions {
  /** `base`, a revision, `-N`, `label@-1`... */
  readonly target: string;
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
  return migrate(
    project,
    (heads) => planDowngrade(project.map, heads, options.target),
    options.target,
  );
}
