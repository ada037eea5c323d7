/**
 * `retort stamp`: set the version table to given revisions without running migrations, as
 * Alembic's `_stamp_revs` and its StampStep head bookkeeping do.
 */
import { ancestors, descendants, graphOf, NOTHING } from "./_graph.ts";
import { filterForLineage, getRevisions } from "./_lookup.ts";
import { currentIndexes } from "./_resolve.ts";
import type { RevisionMap } from "./revision_map.ts";
import { type VersionChange, VersionRows } from "./version_heads.ts";

/**
 * The rows after stamping `targets` onto a database at `currentHeads`, and the row changes
 * that get there. Each target moves the rows on its lineage up or down to it, or adds a new
 * row when no current row shares its lineage; `base` removes the rows. With `purge` every
 * current row is deleted first.
 *
 * @example
 * ```ts
 * stampChanges(map, ["a1b2c3"], ["head"], false);
 * // { heads: ["d4e5f6"], changes: [{ kind: "update", from: "a1b2c3", to: "d4e5f6" }] }
 * ```
 */
export function stampChanges(
  map: RevisionMap,
  currentHeads: readonly string[],
  targets: readonly string[],
  purge: boolean,
): { heads: string[]; changes: VersionChange[] } {
  const g = graphOf(map);
  const rows = new VersionRows(g, currentHeads);
  if (purge) { for (const r of rows.list()) rows.delete(r); }
  const heads = purge ? [] : currentIndexes(g, currentHeads);
  const wanted = targets.length ? targets : ["base"];
  const onLine = [...new Set(wanted.flatMap((t) => filterForLineage(g, heads, t, true)))];
  let dests = wanted.flatMap((t) => getRevisions(g, t));
  if (dests.length === 0) dests = [NOTHING];
  for (const dest of dests) {
    if (dest < 0) {
      for (const h of onLine) if (rows.has(h)) rows.delete(h);
      continue;
    }
    if (onLine.includes(dest)) continue;
    const above = descendants(g, [dest]);
    const below = ancestors(g, [dest]);
    const moving = onLine.filter((h) => rows.has(h));
    if (onLine.some((h) => above[h]) || onLine.some((h) => below[h])) {
      // One step from every head on the lineage to the destination (a merge when several).
      if (moving.length === 0) rows.insert(dest);
      else {
        for (const h of moving.slice(0, -1)) rows.delete(h);
        rows.update(moving[moving.length - 1], dest);
      }
    } else {
      rows.insert(dest);
    }
  }
  return { heads: rows.ids(), changes: rows.changes };
}
