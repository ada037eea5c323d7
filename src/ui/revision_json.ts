import type { Revision } from "../revision/revision.ts";
import type { RevisionScript } from "../script/script_directory.ts";

/**
 * A revision as every command's `--json` (and the library) reports it: one shape everywhere
 * (see docs/json.md).
 *
 * @example
 * ```ts
 * const { revision, isHead } = await heads({}).then((r) => r.heads[0]);
 * ```
 */
export interface RevisionInfo {
  readonly revision: string;
  readonly downRevisions: readonly string[];
  /** Every branch label naming the revision (its own and those spread to it). */
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
  /** The first line of its doc comment. */
  readonly message: string;
  readonly path: string;
  readonly isHead: boolean;
  readonly isBranchPoint: boolean;
  readonly isMergePoint: boolean;
  /** The `Create Date:` of its header, or null. */
  readonly createDate: string | null;
}

/** The `RevisionInfo` of a revision of the graph. */
export function revisionInfo(revision: Revision, script: RevisionScript | undefined): RevisionInfo {
  return {
    revision: revision.revision,
    downRevisions: revision.downRevisions,
    branchLabels: revision.allBranchLabels,
    dependsOn: revision.dependsOn,
    message: script?.message ?? "",
    path: script?.path ?? revision.path ?? "",
    isHead: revision.isHead,
    isBranchPoint: revision.isBranchPoint,
    isMergePoint: revision.isMergePoint,
    createDate: script?.createDate ?? null,
  };
}
