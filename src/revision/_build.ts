/**
 * Build and validate the index graph of a revision map from scanned sources.
 */
import { type Edges, type Graph, prefixMatches, type Reach } from "./_graph.ts";
import type { RevisionSource } from "./revision.ts";
import { RevisionError } from "./revision_error.ts";
import { findCycle, intervals, topologicalRanks } from "./_order.ts";
import { spreadLabels } from "./_labels.ts";

const ILLEGAL_ID = /[@+\-:\s]/;
/** The version table's `version_num VARCHAR(64)`. */
const MAX_ID_LENGTH = 64;
const ILLEGAL_LABEL = /[@:\s]/;
const NONE: readonly number[] = Object.freeze([]);
const NO_LABELS: readonly string[] = Object.freeze([]);
const RESERVED_LABELS = new Set(["head", "heads", "base", "current"]);

/** Build the graph; throws a RevisionError naming the culprit when the sources are invalid. */
export function buildGraph(sources: readonly RevisionSource[]): Graph {
  const n = sources.length;
  const where = (i: number) => (sources[i].path ? ` (${sources[i].path})` : "");
  const ids: string[] = new Array(n);
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = sources[i].revision;
    if (typeof id !== "string" || id === "" || ILLEGAL_ID.test(id)) {
      throw new RevisionError(
        "INVALID_REVISION_ID",
        `revision id '${id}'${
          where(i)
        } is not valid; ids may not be empty or contain @ + - : or spaces`,
      );
    }
    if (id.length > MAX_ID_LENGTH) {
      throw new RevisionError(
        "INVALID_REVISION_ID",
        `revision id '${id}'${where(i)} is ${id.length} characters long; ` +
          `the version table holds ${MAX_ID_LENGTH} (VARCHAR(64), as Alembic's): shorten it`,
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
    ids[i] = id;
  }

  const labelOwner = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const labels = sources[i].branchLabels;
    if (!labels || labels.length === 0) continue;
    for (const label of labels) {
      if (!label || ILLEGAL_LABEL.test(label) || RESERVED_LABELS.has(label)) {
        throw new RevisionError(
          "INVALID_BRANCH_LABEL",
          `branch label '${label}' of revision ${ids[i]}${
            where(i)
          } is not valid; use a name without @ : or spaces, other than head, heads, base, current`,
        );
      }
      const owner = labelOwner.get(label) ?? index.get(label);
      if (owner !== undefined && !(owner === i && labelOwner.has(label))) {
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
  let sortedKeys: string[] | null = null;
  const prefixKeys =
    () => (sortedKeys ??= [...index.keys(), ...labelOwner.keys()].filter((k) => k.length > 3)
      .sort());

  const vdown: (readonly number[])[] = new Array(n);
  const deps: (readonly number[])[] = new Array(n);
  const vnext: number[][] = new Array(n);
  for (let i = 0; i < n; i++) vnext[i] = [];
  let anyDeps = false;
  for (let i = 0; i < n; i++) {
    const declared = sources[i].downRevisions;
    let parents: readonly number[] = NONE;
    if (declared && declared.length) {
      const list: number[] = [];
      for (const d of declared) {
        const p = index.get(d);
        if (p === undefined || p === i) throw badParent(ids[i], where(i), d, p === i);
        if (!list.includes(p)) {
          list.push(p);
          vnext[p].push(i);
        }
      }
      parents = list;
    }
    vdown[i] = parents;
    const wanted = sources[i].dependsOn;
    let resolved: readonly number[] = NONE;
    if (wanted && wanted.length) {
      const list: number[] = [];
      for (const d of wanted) {
        const p = d === ids[i] ? i : resolveDependency(d, index, labelOwner, prefixKeys);
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
        if (!list.includes(p)) list.push(p);
      }
      resolved = list;
      anyDeps = true;
    }
    deps[i] = resolved;
  }

  const allDown = anyDeps ? vdown.map((ps, i) => dedupe([...ps, ...deps[i]])) : vdown;
  const next = anyDeps ? children(n, allDown) : vnext;
  const order = topologicalRanks(n, allDown, next);
  if (!order) {
    const vCycle = findCycle(n, vdown, vnext);
    const cycle = vCycle ?? findCycle(n, allDown, next)!;
    const names = cycle.map((i) => ids[i]).join(" -> ");
    throw new RevisionError(
      "CYCLE",
      vCycle
        ? `revisions ${names} form a cycle through their down revisions${
          where(cycle[0])
        }; fix the downRevision of one of them`
        : `revisions ${names} form a dependency cycle${
          where(cycle[0])
        }; remove one of the dependsOn entries`,
    );
  }
  const { rank, sequence } = order;
  const down = anyDeps ? normalizeDependencies(n, vdown, deps, sequence) : vdown;
  const dnext = down === vdown ? vnext : children(n, down);

  let fullReach: Reach | null = null;
  let versionedReach: Reach | null = null;
  const reach = (versioned: boolean): Reach => {
    if (versioned && anyDeps) return (versionedReach ??= intervals(n, vdown, vnext));
    return (fullReach ??= intervals(n, down, dnext));
  };
  let labels: (readonly string[])[] | null = null;
  const labelsOf = labelOwner.size === 0 ? () => NO_LABELS : (i: number) => {
    labels ??= spreadLabels(
      sources.map((s) => s.branchLabels ?? NO_LABELS),
      vdown,
      vnext,
      next,
      sequence,
    );
    return labels[i];
  };

  const heads: number[] = [];
  const realHeads: number[] = [];
  const bases: number[] = [];
  const realBases: number[] = [];
  for (let i = 0; i < n; i++) {
    if (vnext[i].length === 0) heads.push(i);
    if (next[i].length === 0) realHeads.push(i);
    if (vdown[i].length === 0) {
      bases.push(i);
      if (deps[i].length === 0) realBases.push(i);
    }
  }
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
    labelsOf,
    heads,
    realHeads,
    bases,
    realBases,
    rank,
    reach,
    prefixKeys,
  };
}

function badParent(id: string, where: string, parent: string, self: boolean): RevisionError {
  return self
    ? new RevisionError(
      "CYCLE",
      `revision ${id}${where} names itself as its down revision; point downRevision at its real parent`,
    )
    : new RevisionError(
      "MISSING_PARENT",
      `revision ${id}${where} has down revision '${parent}', which does not exist; fix its downRevision or restore the missing file`,
    );
}

function resolveDependency(
  d: string,
  index: ReadonlyMap<string, number>,
  labelOwner: ReadonlyMap<string, number>,
  prefixKeys: () => readonly string[],
): number | undefined {
  const exact = index.get(d) ?? labelOwner.get(d);
  if (exact !== undefined) return exact;
  const matches = new Set(
    prefixMatches(prefixKeys(), d).map((k) => index.get(k) ?? labelOwner.get(k)!),
  );
  return matches.size === 1 ? [...matches][0] : undefined;
}

function dedupe<T>(xs: T[]): T[] {
  return xs.length < 2 ? xs : [...new Set(xs)];
}

function children(n: number, parents: Edges): number[][] {
  const out: number[][] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = [];
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
