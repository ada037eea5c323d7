import type { Revision } from "../revision/revision.ts";
import type { RevisionScript } from "../script/script_directory.ts";

/** Which parts of a revision's one-line form to show (as Alembic's `cmd_format`). */
export interface FormatOptions {
  readonly parents?: boolean;
  readonly branches?: boolean;
  readonly doc?: boolean;
  readonly headMarker?: boolean;
  readonly treeMarkers?: boolean;
  readonly current?: boolean;
}

/** `<base>`, a parent id, or `(a, b)` for a merge. */
export function formatParents(revision: Revision): string {
  const parents = revision.downRevisions;
  if (parents.length === 0) return "<base>";
  return parents.length === 1 ? parents[0] : `(${parents.join(", ")})`;
}

/** One revision on one line, e.g. `1975ea83b712 -> ae1027a6acf2 (head), Add user table`. */
export function formatRevisionLine(
  revision: Revision,
  script: RevisionScript | undefined,
  options: FormatOptions,
): string {
  let text = revision.revision;
  if (options.parents) {
    const deps = revision.dependsOn.length ? ` (${revision.dependsOn.join(", ")})` : "";
    text = `${formatParents(revision)}${deps} -> ${text}`;
  }
  if (options.branches && revision.branchLabels.length) {
    text += ` (${revision.branchLabels.join(", ")})`;
  }
  if (options.headMarker && revision.isHead) text += " (head)";
  if (options.current) text += " (current)";
  if (options.treeMarkers) {
    if (revision.isBranchPoint) text += " (branchpoint)";
    if (revision.isMergePoint) text += " (mergepoint)";
  }
  if (options.doc) text += `, ${script?.message ?? ""}`;
  return text;
}

/** The multi-line form of `show` and `-v`: ids, parents, children, path and the doc text. */
export function formatRevisionDetail(
  revision: Revision,
  script: RevisionScript | undefined,
  options: { current?: boolean } = {},
): string {
  const marks = `${revision.isHead ? " (head)" : ""}${options.current ? " (current)" : ""}${
    revision.isBranchPoint ? " (branchpoint)" : ""
  }${revision.isMergePoint ? " (mergepoint)" : ""}`;
  const lines = [`Rev: ${revision.revision}${marks}`];
  lines.push(`${revision.isMergePoint ? "Merges" : "Parent"}: ${formatParents(revision)}`);
  if (revision.dependsOn.length) lines.push(`Also depends on: ${revision.dependsOn.join(", ")}`);
  if (revision.isBranchPoint) lines.push(`Branches into: ${revision.nextRevisions.join(", ")}`);
  if (revision.branchLabels.length) lines.push(`Branch names: ${revision.branchLabels.join(", ")}`);
  if (script) lines.push(`Path: ${script.path}`);
  const doc = script?.doc ?? "";
  if (doc) lines.push("", ...doc.split("\n").map((line) => (line ? `    ${line}` : "")));
  return lines.join("\n");
}
