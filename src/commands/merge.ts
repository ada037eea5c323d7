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
  return writeNewRevision(project, options, options.revisions, false);
}
