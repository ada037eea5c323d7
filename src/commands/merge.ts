import { UsageError } from "../errors.ts";
import type { RevisionOptions, RevisionResult } from "./revision.ts";
import { writeNewRevision } from "./revision.ts";
import { openProject } from "./project.ts";

/** Options of `retort merge`. */
export interface MergeOptions extends Omit<RevisionOptions, "head" | "splice" | "dependsOn"> {
  /** The heads to merge: ids, `heads`, `label@head`... */
  readonly revisions: readonly string[];
}

/**
 * Writes a merge revision whose parents are the given heads.
 *
 * @example
 * ```ts
 * await merge({ message: "merge branches", revisions: ["heads"] });
 * ```
 */
export async function merge(options: MergeOptions): Promise<RevisionResult> {
  const project = await openProject(options);
  const parents = new Set(options.revisions.flatMap((rev) => project.map.resolve(rev)));
  if (parents.size < 2) {
    const [only] = [...parents];
    throw new UsageError(
      "NOTHING_TO_MERGE",
      `merge needs two or more heads, and ${only ?? options.revisions.join(" ")} is one; ` +
        "to build on it, use `retort revision`",
    );
  }
  return writeNewRevision(project, options, options.revisions, false);
}
