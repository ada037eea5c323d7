/**
 * `RevisionMap.resolve`: any identifier, relative ones included, to revision indexes.
 */
import { type Graph, NOTHING } from "./_graph.ts";
import { forIdent, getRevisions } from "./_lookup.ts";
import { parseDowngradeTarget, parseRelative, parseUpgradeTarget } from "./_targets.ts";
import { RevisionError } from "./revision_error.ts";

/** The indexes of the database's current heads; throws when a row names no known revision. */
export function currentIndexes(g: Graph, heads: readonly string[]): number[] {
  return heads.map((h) => {
    const i = g.index.get(h);
    if (i !== undefined) return i;
    try {
      return forIdent(g, h, null);
    } catch (cause) {
      throw new RevisionError(
        "UNKNOWN_REVISION",
        `the database is at revision '${h}', which no migration file defines; restore that file, or \`retort stamp\` a known revision`,
        { cause },
      );
    }
  });
}

/** Resolve an identifier to revision indexes; `[]` means base. */
export function resolveIdentifier(
  g: Graph,
  identifier: string,
  currentHeads?: readonly string[],
): number[] {
  const current = currentHeads ? currentIndexes(g, currentHeads) : undefined;
  const rel = parseRelative(identifier);
  let found: number[];
  if (rel && rel.symbol === null && rel.steps > 0) {
    if (!current) {
      throw new RevisionError(
        "NO_CURRENT_HEADS",
        `'${identifier}' counts from the database's current revision, which is not known here; give an absolute revision`,
      );
    }
    found = parseUpgradeTarget(g, current, identifier, true);
  } else if (rel && rel.symbol === null && current) {
    found = [parseDowngradeTarget(g, current, identifier, true).rev];
  } else if (rel && rel.symbol !== null) {
    found = rel.steps > 0
      ? parseUpgradeTarget(g, current ?? [], identifier, true)
      : [parseDowngradeTarget(g, current ?? [], identifier, true).rev];
  } else {
    found = getRevisions(g, identifier);
  }
  if (found.includes(NOTHING)) {
    throw new RevisionError(
      "RELATIVE_TOO_FAR",
      `'${identifier}' walks past the end of the history; run \`retort history\` and pick a closer target`,
    );
  }
  return [...new Set(found.filter((i) => i >= 0))];
}
