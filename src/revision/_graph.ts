/**
 * The revision graph as plain index arrays, shared by the modules of src/revision. Not part of
 * the public API: reach it through {@link graphOf}.
 */

/** The "base" symbol a downward walk can end on. */
export const BASE = -1;
/** No revision: the start of the graph, or a walk that went past its end. */
export const NOTHING = -2;

/** Edges of every revision, by index in file order. */
export type Edges = readonly (readonly number[])[];

/** The internal, index-based form of a {@link RevisionMap}. */
export interface Graph {
  readonly ids: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  /** Branch label -> the revision that declares it. */
  readonly labelOwner: ReadonlyMap<string, number>;
  /** Declared parents. */
  readonly vdown: Edges;
  /** Declared parents plus dependencies that no ancestor already depends on (Alembic's "normalized"). */
  readonly down: Edges;
  /** Dependencies resolved to indexes. */
  readonly deps: Edges;
  /** Children through declared parents, file order. */
  readonly vnext: Edges;
  /** Children through parents or dependencies, file order. */
  readonly next: Edges;
  /** Children through `down` (normalized edges), file order. */
  readonly dnext: Edges;
  /** Every branch label naming a revision (computed for the whole graph on first use). */
  readonly labelsOf: (rev: number) => readonly string[];
  /** Versioned heads, real heads (dependencies count), bases, real bases: file order. */
  readonly heads: readonly number[];
  readonly realHeads: readonly number[];
  readonly bases: readonly number[];
  readonly realBases: readonly number[];
  /** Position of each revision in one topological order (parents first), over all edges. */
  readonly rank: Int32Array;
  /** Reachability intervals over `down` (or over `vdown` when `versioned`), built on first use. */
  readonly reach: (versioned: boolean) => Reach;
  /** Ids and labels longer than three characters, sorted, for prefix lookups (built on first use). */
  readonly prefixKeys: () => readonly string[];
}

/**
 * Two post-order labellings (graph walked in file order and in reverse): `a` can only be an
 * ancestor of `b` when, in both, `[low[a], post[a]]` lies within `[low[b], post[b]]`.
 */
export interface Reach {
  readonly post: Int32Array;
  readonly low: Int32Array;
  readonly post2: Int32Array;
  readonly low2: Int32Array;
}

const graphs = new WeakMap<object, Graph>();

/** Attach the graph of a map (called by the RevisionMap constructor). */
export function registerGraph(map: object, graph: Graph): void {
  graphs.set(map, graph);
}

/** The graph behind a RevisionMap. */
export function graphOf(map: object): Graph {
  const g = graphs.get(map);
  if (!g) throw new TypeError("not a RevisionMap");
  return g;
}

/** Mark `starts` and everything reachable from them along `edges`. */
export function closure(n: number, starts: Iterable<number>, edges: Edges): Uint8Array {
  const seen = new Uint8Array(n);
  const stack: number[] = [];
  for (const s of starts) {
    if (s >= 0 && !seen[s]) {
      seen[s] = 1;
      stack.push(s);
    }
  }
  while (stack.length) {
    const u = stack.pop()!;
    for (const v of edges[u]) {
      if (!seen[v]) {
        seen[v] = 1;
        stack.push(v);
      }
    }
  }
  return seen;
}

/** Ancestors of `starts`, themselves included (dependencies count unless `versioned`). */
export function ancestors(g: Graph, starts: Iterable<number>, versioned = false): Uint8Array {
  return closure(g.ids.length, starts, versioned ? g.vdown : g.down);
}

/** Descendants of `starts`, themselves included (dependencies count unless `versioned`). */
export function descendants(g: Graph, starts: Iterable<number>, versioned = false): Uint8Array {
  return closure(g.ids.length, starts, versioned ? g.vnext : g.next);
}

/** Whether `a` is `b` or an ancestor of `b`. */
export function isAncestor(g: Graph, a: number, b: number, versioned = false): boolean {
  if (a === b) return true;
  if (g.rank[a] >= g.rank[b]) return false;
  const { post, low, post2, low2 } = g.reach(versioned);
  const within = (u: number) =>
    low[u] <= low[a] && post[a] <= post[u] && low2[u] <= low2[a] && post2[a] <= post2[u];
  if (!within(b)) return false;
  const edges = versioned ? g.vdown : g.down;
  const seen = new Set<number>([b]);
  const stack = [b];
  while (stack.length) {
    const u = stack.pop()!;
    for (const p of edges[u]) {
      if (p === a) return true;
      if (!seen.has(p) && g.rank[p] > g.rank[a] && within(p)) {
        seen.add(p);
        stack.push(p);
      }
    }
  }
  return false;
}

/** Revisions that are ancestors or descendants of any of `revs` (themselves included). */
export function lineage(g: Graph, revs: readonly number[], versioned = false): Uint8Array {
  const up = descendants(g, revs, versioned);
  const down = ancestors(g, revs, versioned);
  for (let i = 0; i < up.length; i++) up[i] |= down[i];
  return up;
}

/** The sorted keys (ids and labels longer than three characters) that start with `prefix`. */
export function prefixMatches(keys: readonly string[], prefix: string): string[] {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < keys.length && keys[i].startsWith(prefix); i++) out.push(keys[i]);
  return out;
}

/** The revision a key (id or branch label) names. */
export function keyToIndex(g: Graph, key: string): number | undefined {
  return g.index.get(key) ?? g.labelOwner.get(key);
}
