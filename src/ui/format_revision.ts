import type { Revision } from "../revision/revision.ts";
import type { RevisionMap } from "../revision/revision_map.ts";
import type { RevisionScript } from "../script/script_directory.ts";

/** Which parts of a revision's one-line form to show (as Alembic's `cmd_format`). */
export interface FormatOptions {
  readonly parents?: boolean;
  readonly branches?: boolean;
  readonly doc?: boolean;
  /** `(branchpoint)` and `(mergepoint)`. */
  readonly treeMarkers?: boolean;
  /** Marks the revision `(current)`. */
  readonly current?: boolean;
}

/** `<base>`, a parent id, or `a, b` for a merge. */
export function formatParents(revision: Revision): string {
  const parents = revision.downRevisions;
  return parents.length === 0 ? "<base>" : parents.join(", ");
}

/** `(head)` for a head nothing depends on, `(effective head)` for a head that others depend on. */
function headMarker(map: RevisionMap, revision: Revision): string {
  if (!revision.isHead) return "";
  return map.resolvedHeads.includes(revision.revision) ? " (head)" : " (effective head)";
}

/** One revision on one line, e.g. `1975ea83b712 -> ae1027a6acf2 (head), Add user table`. */
export function formatRevisionLine(
  map: RevisionMap,
  revision: Revision,
  script: RevisionScript | undefined,
  options: FormatOptions,
): string {
  let text = revision.revision;
  if (options.parents) {
    const deps = revision.dependsOn.length ? ` (${revision.dependsOn.join(", ")})` : "";
    text = `${formatParents(revision)}${deps} -> ${text}`;
  }
  if (options.branches && revision.allBranchLabels.length) {
    text += ` (${revision.allBranchLabels.join(", ")})`;
  }
  text += headMarker(map, revision);
  if (options.current) text += " (current)";
  if (options.treeMarkers) {
    if (revision.isBranchPoint) text += " (branchpoint)";
    if (revision.isMergePoint) text += " (mergepoint)";
  }
  if (options.doc) text += `, ${script?.message ?? ""}`;
  return text;
}

/** The multi-line form of `show` and `-v`: ids, parents, children, labels, path and doc text. */
export function formatRevisionDetail(
  revision: Revision,
  script: RevisionScript | undefined,
  options: { current?: boolean } = {},
): string {
  const marks = `${revision.isHead ? " (head)" : ""}${
    revision.isBranchPoint ? " (branchpoint)" : ""
  }${revision.isMergePoint ? " (mergepoint)" : ""}${options.current ? " (current)" : ""}`;
  const lines = [`Rev: ${revision.revision}${marks}`];
  lines.push(`${revision.isMergePoint ? "Merges" : "Parent"}: ${formatParents(revision)}`);
  if (revision.dependsOn.length) lines.push(`Also depends on: ${revision.dependsOn.join(", ")}`);
  if (revision.isBranchPoint) lines.push(`Branches into: ${revision.nextRevisions.join(", ")}`);
  if (revision.allBranchLabels.length) {
    lines.push(`Branch names: ${revision.allBranchLabels.join(", ")}`);
  }
  if (script) lines.push(`Path: ${script.path}`);
  const doc = script?.doc ?? "";
  lines.push("", ...(doc ? doc.split("\n").map((line) => `    ${line}`) : []));
  return lines.join("\n");
}
