/**
 * `retort history`: revisions newest first, optionally limited to a `START:END` range.
 */
import { type Graph, graphOf } from "./_graph.ts";
import { collectUpgrade } from "./_collect.ts";
import { getRevision } from "./_lookup.ts";
import { currentIndexes } from "./_resolve.ts";
import { alembicOrder } from "./_topological.ts";
import type { Revision } from "./revision.ts";
import type { RevisionMap } from "./revision_map.ts";
import { RevisionError } from "./revision_error.ts";

function splitRange(range: string): [string, string] {
  const parts = range.trim().split(":");
  if (parts.length !== 2) {
    throw new RevisionError(
      "INVALID_RANGE",
      `revision range '${range}' is not START:END; write START:END, START: or :END`,
    );
  }
  return [parts[0].trim(), parts[1].trim()];
}

function side(
  g: Graph,
  text: string,
  fallback: string,
  currentHeads: readonly string[] | undefined,
): string | number[] {
  if (text !== "current") return text || fallback;
  if (!currentHeads) {
    throw new RevisionError(
      "NO_CURRENT_HEADS",
      "'current' in a history range needs the database's current revision; connect to a database or give a revision",
    );
  }
  const heads = currentIndexes(g, currentHeads);
  return heads.length ? heads : fallback;
}

/**
 * Revisions newest first, as `alembic history` lists them. `range` is `START:END` with either
 * side optional (`base` and `heads` by default); `current` on either side stands for
 * `currentHeads`. Relative ends work as in Alembic (`-3:`, `abc:+2`, `label@base:label@head`).
 *
 * @example
 * ```ts
 * historyOrder(map).map((r) => r.revision); // ["d4e5f6", "a1b2c3"]
 * historyOrder(map, "a1b2c3:");               // a1b2c3 and everything above it
 * ```
 */
export function historyOrder(
  map: RevisionMap,
  range?: string,
  currentHeads?: readonly string[],
): Revision[] {
  const g = graphOf(map);
  let start = "";
  let end = "";
  if (range !== undefined) [start, end] = splitRange(range);
  const { todo, heads, convex } = collectUpgrade(
    g,
    side(g, end, "heads", currentHeads),
    side(g, start, "base", currentHeads),
    { inclusive: true, implicitBase: false, assertRelativeLength: false },
  );
  return alembicOrder(g, todo, heads, convex).map((i) => map.revisions[i]);
}

/**
 * The two ends of `upgrade --sql START:END` (or `downgrade --sql`): the version-table rows to
 * assume at the start (`[]` for `base` or an empty START) and the target to plan to.
 *
 * @example
 * ```ts
 * rangeForSql(map, "a1b2:head"); // { from: ["a1b2c3"], to: "head" }
 * ```
 */
export function rangeForSql(map: RevisionMap, range: string): { from: string[]; to: string } {
  const g = graphOf(map);
  const [start, end] = splitRange(range);
  if (!end) {
    throw new RevisionError(
      "INVALID_RANGE",
      `revision range '${range}' has no end; write START:END, e.g. base:head`,
    );
  }
  if (!start || start === "base") return { from: [], to: end };
  const rev = getRevision(g, start);
  return { from: rev < 0 ? [] : [g.ids[rev]], to: end };
}
