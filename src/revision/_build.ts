/**
 * Build and validate the index graph of a revision map from scanned sources.
 */
import { type Edges, type Graph, prefixMatches } from "./_graph.ts";
import type { RevisionSource } from "./revision.ts";
import { RevisionError } from "./revision_error.ts";
import { findCycle, intervals, topologicalRanks } from "./_order.ts";
import { spreadLabels } from "./_labels.ts";

const ILLEGAL_ID = /[@+\-:]/;
const RESERVED_LABELS = new Set(["head", "heads", "base", "current"]);

/** Build the graph; throws a RevisionError naming the culprit when the sources are invalid. */
export function buildGraph(sources: readonly RevisionSource[]): Graph {
  const n = sources.length;
  const ids = sources.map((s) => s.revision);
  const where = (i: number) => (sources[i].path ? ` (${sources[i].path})` : "");
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (typeof id !== "string" || id === "" || ILLEGAL_ID.test(id) || /\s/.test(id)) {
      throw new RevisionError(
        "INVALID_REVISION_ID",
        `revision id '${id}'${
          where(i)
        } is not valid; ids may not be empty or contain @ + - : or spaces`,
      );
    }
    const other = index.get(id);
    if (other !== undefined) {
      throw new RevisionError(
        "DUPLICATE_REVISION",
        `revision '${id}' is defined twice${where(other)}${where(i)}; give one of them a new id`,
      );
    }
    index.set(id, i);
  }

  const labelOwner = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    for (const label of sources[i].branchLabels ?? []) {
      if (!label || /[@:\s]/.test(label) || RESERVED_LABELS.has(label)) {
        throw new RevisionError(
          "INVALID_BRANCH_LABEL",
          `branch label '${label}' of revision ${ids[i]}${
            where(i)
          } is not valid; use a name without @ : or spaces, other than head, heads, base, current`,
        );
      }
      const owner = labelOwner.get(label) ?? index.get(label);
      if (owner !== undefined) {
        throw new RevisionError(
          "DUPLICATE_BRANCH_LABEL",
          `branch label '${label}' of revision ${ids[i]}${where(i)} is already used by revision ${
            ids[owner]
          }; choose another label`,
        );
      }
      labelOwner.set(label, i);
    }
  }
  const prefixKeys = [...index.keys(), ...labelOwner.keys()].filter((k) => k.length > 3).sort();
  const matchPrefix = (d: string) => prefixMatches(prefixKeys, d);

  const vdown: number[][] = [];
  const deps: number[][] = [];
  for (let i = 0; i < n; i++) {
    const parents: number[] = [];
    for (const d of sources[i].downRevisions ?? []) {
      if (d === ids[i]) {
        throw new RevisionError(
          "CYCLE",
          `revision ${ids[i]}${
            where(i)
          } names itself as its down revision; point downRevision at its real parent`,
        );
      }
      const p = index.get(d);
      if (p === undefined) {
        throw new RevisionError(
          "MISSING_PARENT",
          `revision ${ids[i]}${
            where(i)
          } has down revision '${d}', which does not exist; fix its downRevision or restore the missing file`,
        );
      }
      if (!parents.includes(p)) parents.push(p);
    }
    vdown.push(parents);
    const resolved: number[] = [];
    for (const d of sources[i].dependsOn ?? []) {
      if (d === ids[i]) {
        throw new RevisionError(
          "CYCLE",
          `revision ${ids[i]}${where(i)} depends on itself; remove '${d}' from its dependsOn`,
        );
      }
      const p = resolveDependency(d, index, labelOwner, matchPrefix);
      if (p === undefined) {
        throw new RevisionError(
          "MISSING_PARENT",
          `revision ${ids[i]}${
            where(i)
          } depends on '${d}', which matches no revision or branch label; fix its dependsOn`,
        );
      }
      if (p === i) {
        throw new RevisionError(
          "CYCLE",
          `revision ${ids[i]}${
            where(i)
          } depends on itself through '${d}'; remove it from its dependsOn`,
        );
      }
      if (!resolved.includes(p)) resolved.push(p);
    }
    deps.push(resolved);
  }

  const allDown = vdown.map((ps, i) => dedupe([...ps, ...deps[i]]));
  const vnext = children(n, vdown);
  const next = children(n, allDown);

  const vCycle = findCycle(n, vdown, vnext);
  if (vCycle) {
    throw new RevisionError(
      "CYCLE",
      `revisions ${
        vCycle.map((i) => ids[i]).join(" -> ")
      } form a cycle through their down revisions${
        where(vCycle[0])
      }; fix the downRevision of one of them`,
    );
  }
  const order = topologicalRanks(n, allDown, next);
  if (!order) {
    const cycle = findCycle(n, allDown, next)!;
    throw new RevisionError(
      "CYCLE",
      `revisions ${cycle.map((i) => ids[i]).join(" -> ")} form a dependency cycle${
        where(cycle[0])
      }; remove one of the dependsOn entries`,
    );
  }
  const { rank, sequence } = order;

  const down = normalizeDependencies(n, vdown, deps, sequence);
  const dnext = down === vdown ? vnext : children(n, down);
  const full = intervals(n, down, dnext);
  const versioned = intervals(n, vdown, vnext);
  const own = sources.map((s) => dedupe([...(s.branchLabels ?? [])]));
  const labels = spreadLabels(own, vdown, vnext, next, sequence);

  const pick = (test: (i: number) => boolean) => ids.map((_, i) => i).filter(test);
  return {
    ids,
    index,
    labelOwner,
    vdown,
    down,
    deps,
    vnext,
    next,
    dnext,
    labels,
    heads: pick((i) => vnext[i].length === 0),
    realHeads: pick((i) => next[i].length === 0),
    bases: pick((i) => vdown[i].length === 0),
    realBases: pick((i) => vdown[i].length === 0 && deps[i].length === 0),
    rank,
    post: full.post,
    low: full.low,
    vpost: versioned.post,
    vlow: versioned.low,
    prefixKeys,
  };
}

function resolveDependency(
  d: string,
  index: ReadonlyMap<string, number>,
  labelOwner: ReadonlyMap<string, number>,
  matchPrefix: (d: string) => string[],
): number | undefined {
  const exact = index.get(d) ?? labelOwner.get(d);
  if (exact !== undefined) return exact;
  const matches = new Set(matchPrefix(d).map((k) => index.get(k) ?? labelOwner.get(k)!));
  return matches.size === 1 ? [...matches][0] : undefined;
}

function dedupe<T>(xs: T[]): T[] {
  return xs.length < 2 ? xs : [...new Set(xs)];
}

function children(n: number, parents: Edges): number[][] {
  const out: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) for (const p of parents[i]) out[p].push(i);
  return out;
}

/**
 * Alembic's normalized dependencies: drop a dependency when a declared ancestor already depends
 * on it. Inherited dependency sets are shared along plain lines, so this is one topological pass.
 */
function normalizeDependencies(
  n: number,
  vdown: Edges,
  deps: Edges,
  sequence: readonly number[],
): Edges {
  if (deps.every((d) => d.length === 0)) return vdown;
  const inherited: (ReadonlySet<number> | null)[] = new Array(n).fill(null);
  for (const u of sequence) {
    const ps = vdown[u];
    if (ps.length === 1 && deps[ps[0]].length === 0) {
      inherited[u] = inherited[ps[0]];
      continue;
    }
    let set: Set<number> | null = null;
    for (const p of ps) {
      if (!inherited[p] && deps[p].length === 0) continue;
      set ??= new Set();
      for (const d of inherited[p] ?? []) set.add(d);
      for (const d of deps[p]) set.add(d);
    }
    inherited[u] = set;
  }
  return vdown.map((ps, u) => {
    const extra = deps[u].filter((d) => !inherited[u]?.has(d) && !ps.includes(d));
    return extra.length ? [...ps, ...extra] : ps;
  });
}
