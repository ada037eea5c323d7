/**
 * Planning migrations: which revisions to run, in which direction and order (Alembic's).
 */
import { graphOf } from "./_graph.ts";
import { collectDowngrade, collectUpgrade } from "./_collect.ts";
import { currentIndexes } from "./_resolve.ts";
import { alembicOrder } from "./_topological.ts";
import { stampChanges } from "./stamp.ts";
import type { RevisionMap } from "./revision_map.ts";

/**
 * One migration to run: a revision's `upgrade()` or `downgrade()`.
 *
 * @example
 * ```ts
 * const step: MigrationStep = { revision: "ae1027a6acf2", direction: "upgrade" };
 * ```
 */
export interface MigrationStep {
  revision: string;
  direction: "upgrade" | "downgrade";
}

/**
 * The upgrades that take a database at `currentHeads` (its version-table rows) to `target`:
 * every missing ancestor of the target, dependencies included, parents before children, in
 * Alembic's order. Already-applied targets give `[]`.
 *
 * @example
 * ```ts
 * planUpgrade(map, [], "head"); // [{ revision: "a1b2c3", direction: "upgrade" }, ...]
 * planUpgrade(map, ["a1b2c3"], "+1");
 * ```
 */
export function planUpgrade(
  map: RevisionMap,
  currentHeads: readonly string[],
  target: string,
): MigrationStep[] {
  const g = graphOf(map);
  const current = currentIndexes(g, currentHeads);
  const { todo, heads, convex } = collectUpgrade(g, target, current, {
    inclusive: false,
    implicitBase: true,
    assertRelativeLength: true,
  });
  return alembicOrder(g, todo, heads, convex).reverse().map((i) => ({
    revision: g.ids[i],
    direction: "upgrade",
  }));
}

/**
 * The downgrades that take a database at `currentHeads` down to `target`: every applied
 * revision above the target (and whatever depends on them), children before parents. With
 * `label@rev` only that branch comes down; `base` takes everything down.
 *
 * @example
 * ```ts
 * planDowngrade(map, ["d4e5f6"], "-1"); // [{ revision: "d4e5f6", direction: "downgrade" }]
 * ```
 */
export function planDowngrade(
  map: RevisionMap,
  currentHeads: readonly string[],
  target: string,
): MigrationStep[] {
  const g = graphOf(map);
  const current = currentIndexes(g, currentHeads);
  const { todo, heads, convex } = collectDowngrade(g, current, target, {
    inclusive: false,
    implicitBase: false,
    assertRelativeLength: true,
  });
  return alembicOrder(g, todo, heads, convex).map((i) => ({
    revision: g.ids[i],
    direction: "downgrade",
  }));
}

/**
 * The version-table rows after `retort stamp TARGET...` (no migration runs). With `purge` the
 * table is emptied first. See {@link stampChanges} for the row changes themselves.
 *
 * @example
 * ```ts
 * planStamp(map, ["a1b2c3"], ["head"], false); // ["d4e5f6"]
 * ```
 */
export function planStamp(
  map: RevisionMap,
  currentHeads: readonly string[],
  targets: readonly string[],
  purge: boolean,
): string[] {
  return stampChanges(map, currentHeads, targets, purge).heads;
}
