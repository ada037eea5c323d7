import type { Op } from "../ops/op.ts";

/**
 * One revision about to be written, as `processRevisionDirectives` hooks see it (Alembic's
 * `MigrationScript`): a hook may edit any field, change the op lists in place, or empty the
 * list of scripts it was given to write no file at all.
 *
 * @example
 * ```ts
 * processRevisionDirectives: (ctx, revision, directives) => {
 *   if ((directives[0] as MigrationScript).upgradeOps.length === 0) directives.length = 0;
 * },
 * ```
 */
export interface MigrationScript {
  message: string;
  revId: string;
  /** What the new revision's parent is (`head`, an id, `label@head`). */
  head: string | readonly string[];
  branchLabels: string[];
  dependsOn: string[];
  upgradeOps: Op[];
  downgradeOps: Op[];
}
