/**
 * Which revisions an upgrade or downgrade touches, as Alembic's `_collect_upgrade_revisions`
 * and `_collect_downgrade_revisions` decide it. The order comes from `_topological.ts`.
 */
import { ancestors, BASE, closure, descendants, type Graph, NOTHING } from "./_graph.ts";
import { getRevision, getRevisions, resolveBranch } from "./_lookup.ts";
import { parseDowngradeTarget, parseUpgradeTarget } from "./_targets.ts";
import { RevisionError } from "./revision_error.ts";

/** Options shared by both collections (Alembic's names). */
export interface CollectOptions {
  inclusive: boolean;
  implicitBase: boolean;
  assertRelativeLength: boolean;
}

/** The revisions to visit and the heads to start the ordering from. */
export interface Collected {
  todo: Uint8Array;
  heads: number[];
  /** Whether every path between two revisions of `todo` stays inside it. */
  convex: boolean;
}

const label = (g: Graph, revs: string | readonly number[]) =>
  typeof revs === "string" ? revs : revs.map((r) => g.ids[r]).join(",") || "base";

/** Everything needed to go from `lower` (current) up to `upper` (target). */
export function collectUpgrade(
  g: Graph,
  upper: string | readonly number[],
  lower: string | readonly number[],
  opts: CollectOptions,
): Collected {
  let current = typeof lower === "string" ? getRevisions(g, lower) : [...lower];
  let targets = parseUpgradeTarget(
    g,
    current.filter((c) => c >= 0),
    upper,
    opts.assertRelativeLength,
  );
  if (targets.some((t) => t === NOTHING)) {
    throw new RevisionError(
      "RELATIVE_TOO_FAR",
      `'${
        label(g, upper)
      }' walks past the end of the history; run \`retort history\` and pick a closer target`,
    );
  }
  targets = targets.filter((t) => t >= 0);

  if (typeof lower === "string" && lower.includes("@")) {
    // A named lower bound (branch@...) keeps the targets on that branch.
    let branch = lower.slice(0, lower.indexOf("@"));
    const branchRev = getRevision(g, branch);
    if (branchRev >= 0 && g.ids[branchRev] === branch && g.labelsOf(branchRev).length === 1) {
      branch = g.labelsOf(branchRev)[0];
    }
    targets = targets.filter((t) => g.labelsOf(t).includes(branch));
  }

  const required = ancestorsChecked(g, targets);
  if (!opts.implicitBase && current.some((c) => c >= 0 && !required[c])) {
    throw new RevisionError(
      "RANGE_NOT_ANCESTOR",
      `range ${label(g, lower)}:${
        label(g, upper)
      } does not run along one branch (the start is not below the end); swap or change the ends`,
    );
  }
  if (current.length && current[0] === NOTHING && typeof lower === "string") {
    // A relative lower bound that ran off the map: read it as a downgrade target instead.
    const { rev } = parseDowngradeTarget(g, targets, lower, opts.assertRelativeLength);
    current = rev < 0 ? [] : [rev];
  }
  current = current.filter((c) => c >= 0 && c !== BASE);
  const applied = ancestorsChecked(g, current);
  const todo = new Uint8Array(g.ids.length);
  for (let i = 0; i < todo.length; i++) todo[i] = required[i] & (applied[i] ^ 1);
  if (opts.inclusive) { for (const c of current) todo[c] = 1; }
  if (current.length && !opts.implicitBase) {
    const above = descendants(g, current, true);
    for (let i = 0; i < todo.length; i++) todo[i] &= above[i];
  }
  return {
    todo,
    heads: targets,
    convex: current.length === 0 || (opts.implicitBase && !opts.inclusive),
  };
}

/** Everything to take down to go from `upper` (current heads) to `lower` (target). */
export function collectDowngrade(
  g: Graph,
  upper: readonly number[],
  lower: string | null,
  opts: CollectOptions,
): Collected {
  const parsed = parseDowngradeTarget(g, upper, lower, opts.assertRelativeLength);
  const branch = parsed.branch;
  const target = parsed.rev === BASE ? NOTHING : parsed.rev;
  let roots: number[];
  if (target === NOTHING) roots = [...g.bases];
  else if (opts.inclusive) roots = [target];
  else roots = [...g.vnext[target]];

  if (branch && roots.length > 1) {
    const onBranch = ancestors(g, [resolveBranch(g, branch)], true);
    roots = roots.filter((r) => onBranch[r]);
    if (roots.length === 0) {
      throw new RevisionError(
        "INVALID_DOWNGRADE_TARGET",
        `'${lower}' is not a valid downgrade target from the current heads: branch '${branch}' does not pass through it; run \`retort current\``,
      );
    }
  }
  const heads = [...upper];
  const todo = descendants(g, roots);
  const active = ancestors(g, heads);
  let any = false;
  for (let i = 0; i < todo.length; i++) {
    todo[i] &= active[i];
    if (todo[i]) any = true;
  }
  if (opts.implicitBase) {
    const kept = ancestors(g, roots);
    for (let i = 0; i < todo.length; i++) {
      if (active[i] && !kept[i]) {
        todo[i] = 1;
        any = true;
      }
    }
  }
  if (target !== NOTHING && !any && !heads.includes(target)) {
    throw new RevisionError(
      "INVALID_DOWNGRADE_TARGET",
      `'${lower}' is not a valid downgrade target from the current heads (${
        label(g, heads)
      }); run \`retort current\` and \`retort history\` and pick a revision below them`,
    );
  }
  return { todo, heads, convex: !opts.implicitBase };
}

/**
 * Ancestors of `targets` (themselves included); throws when one target is an ancestor of
 * another, as Alembic's `check=True` does.
 */
export function ancestorsChecked(g: Graph, targets: readonly number[]): Uint8Array {
  const unique = [...new Set(targets)];
  if (unique.length > 1) {
    const parents = unique.flatMap((t) => g.down[t]);
    const below = closure(g.ids.length, parents, g.down);
    const inner = unique.filter((t) => below[t]);
    if (inner.length) {
      throw new RevisionError(
        "OVERLAPPING_TARGETS",
        `requested revision ${g.ids[inner[0]]} is below another requested revision (${
          unique.filter((t) => t !== inner[0]).map((t) => g.ids[t]).join(", ")
        }); ask for the upper one only`,
      );
    }
  }
  return closure(g.ids.length, unique, g.down);
}
