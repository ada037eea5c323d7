/**
 * Alembic's `_walk`: step up or down the declared parents a number of times.
 */
import { BASE, type Graph, NOTHING } from "./_graph.ts";
import { filterForLineage } from "./_lookup.ts";
import { RevisionError } from "./revision_error.ts";

/**
 * Walk `steps` revisions up (positive) or down (negative) from `start` (an index, NOTHING for
 * "before everything", or BASE). Upward steps keep to `branch` when given. Past either end the
 * result is NOTHING when `noOverwalk`, otherwise the walk stops where it is. `what` is the
 * identifier the user typed, for messages.
 */
export function walk(
  g: Graph,
  start: number,
  steps: number,
  branch: string | null,
  noOverwalk: boolean,
  what: string,
): number {
  let at = start;
  for (let i = 0; i < Math.abs(steps); i++) {
    let options: readonly number[];
    if (steps > 0) {
      const up = at < 0 ? g.bases : g.vnext[at];
      options = branch ? filterForLineage(g, up, branch) : up;
    } else if (at === BASE) {
      options = [];
    } else {
      options = at === NOTHING ? g.heads : g.vdown[at];
      if (options.length === 0) options = [BASE];
    }
    if (options.length === 0) return noOverwalk ? NOTHING : at;
    if (options.length > 1) {
      const from = at < 0 ? "base" : g.ids[at];
      const names = options.map((o) => (o < 0 ? "base" : g.ids[o])).join(", ");
      throw new RevisionError(
        "AMBIGUOUS_WALK",
        `'${what}' is ambiguous: from ${from} the walk can go to ${names}; name a branch as 'LABEL@${
          steps > 0 ? "+" : "-"
        }N' or give a revision id`,
      );
    }
    at = options[0];
  }
  return at;
}
