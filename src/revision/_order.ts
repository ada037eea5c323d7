/**
 * Order-related passes over index graphs: Kahn's topological order, cycle extraction, and
 * reachability intervals.
 */
import type { Edges, Reach } from "./_graph.ts";

/**
 * A topological order (parents first; ties in file order) and each node's rank in it, or
 * `null` when the graph has a cycle.
 */
export function topologicalRanks(
  n: number,
  parents: Edges,
  kids: Edges,
): { rank: Int32Array; sequence: number[] } | null {
  const indegree = new Int32Array(n);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) {
    indegree[i] = parents[i].length;
    if (indegree[i] === 0) queue.push(i);
  }
  for (let head = 0; head < queue.length; head++) {
    for (const c of kids[queue[head]]) if (--indegree[c] === 0) queue.push(c);
  }
  if (queue.length < n) return null;
  const rank = new Int32Array(n);
  queue.forEach((u, r) => (rank[u] = r));
  return { rank, sequence: queue };
}

/**
 * One cycle of the graph as a list of nodes, each naming the next as a parent (the last names
 * the first), or `null` when there is none.
 */
export function findCycle(n: number, parents: Edges, kids: Edges): number[] | null {
  if (topologicalRanks(n, parents, kids)) return null;
  // Peel off everything that is not on or above a cycle, from both ends.
  const alive = new Uint8Array(n).fill(1);
  const peel = (from: Edges, to: Edges) => {
    const degree = new Int32Array(n);
    const queue: number[] = [];
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      degree[i] = from[i].filter((p) => alive[p]).length;
      if (degree[i] === 0) queue.push(i);
    }
    for (let h = 0; h < queue.length; h++) {
      alive[queue[h]] = 0;
      for (const c of to[queue[h]]) if (alive[c] && --degree[c] === 0) queue.push(c);
    }
  };
  peel(parents, kids);
  peel(kids, parents);
  let start = alive.indexOf(1);
  const seenAt = new Map<number, number>();
  const path: number[] = [];
  while (!seenAt.has(start)) {
    seenAt.set(start, path.length);
    path.push(start);
    start = parents[start].find((p) => alive[p])!;
  }
  return path.slice(seenAt.get(start));
}

/**
 * Post-order numbers and the lowest post-order number below each node (over `parents`), twice:
 * walking roots and parents in file order, then in reverse. `a` can only be an ancestor of `b`
 * when both of `a`'s intervals lie within `b`'s. Exact for trees; a fast negative test for any DAG.
 */
export function intervals(n: number, parents: Edges, kids: Edges): Reach {
  const [post, low] = labelling(n, parents, kids, false);
  const [post2, low2] = labelling(n, parents, kids, true);
  return { post, low, post2, low2 };
}

function labelling(
  n: number,
  parents: Edges,
  kids: Edges,
  reverse: boolean,
): [Int32Array, Int32Array] {
  const post = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  let counter = 0;
  const nodeStack: number[] = [];
  const edgeStack: number[] = [];
  const visit = (root: number) => {
    if (post[root] !== -1) return;
    post[root] = -2;
    nodeStack.push(root);
    edgeStack.push(0);
    while (nodeStack.length) {
      const top = nodeStack.length - 1;
      const u = nodeStack[top];
      const e = edgeStack[top];
      const ps = parents[u];
      if (e < ps.length) {
        edgeStack[top] = e + 1;
        const p = ps[reverse ? ps.length - 1 - e : e];
        if (post[p] === -1) {
          post[p] = -2;
          nodeStack.push(p);
          edgeStack.push(0);
        }
        continue;
      }
      nodeStack.pop();
      edgeStack.pop();
      let l = counter;
      post[u] = counter++;
      for (const p of ps) if (low[p] < l) l = low[p];
      low[u] = l;
    }
  };
  if (reverse) {
    for (let i = n - 1; i >= 0; i--) if (kids[i].length === 0) visit(i);
    for (let i = n - 1; i >= 0; i--) visit(i);
  } else {
    for (let i = 0; i < n; i++) if (kids[i].length === 0) visit(i);
    for (let i = 0; i < n; i++) visit(i);
  }
  return [post, low];
}
