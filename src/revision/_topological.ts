/**
 * The order Alembic's `_topological_sort` produces, computed without its quadratic ancestor
 * sets.
 *
 * Alembic keeps a list of "current heads" (cursors), each walking down the graph. The cursor
 * at the current position emits its revision unless another cursor is still above it; then the
 * first cursor (in list order) above it takes over. An emitted revision's cursor moves to its
 * first parent not already held; further parents get new cursors at the end of the list; a
 * cursor with nowhere to go is dropped and the one before it takes over.
 *
 * Here "another cursor is above" is a count of unemitted children, and "the first cursor above"
 * is a minimum over the unemitted region above a revision, memoised per revision. A memo stays
 * right as long as the cursor it names has not moved: cursors above a revision only ever leave
 * or arrive with a later position, so the minimum never goes down.
 */
import type { Graph } from "./_graph.ts";

/** Revisions of `todo`, top (newest) first, in Alembic's order, starting from `heads`. */
export function alembicOrder(g: Graph, todo: Uint8Array, heads: readonly number[]): number[] {
  const n = g.ids.length;
  const pending = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    if (todo[u]) { for (const p of g.down[u]) if (todo[p]) pending[p]++; }
  }
  const emitted = new Uint8Array(n);
  const cursorAt = new Int32Array(n).fill(-1);
  // Cursors: creation order is list order. node = -1 once dropped.
  const node: number[] = [];
  const prev: number[] = [];
  const next: number[] = [];
  let first = -1;
  let last = -1;
  const addCursor = (u: number) => {
    const c = node.length;
    node.push(u);
    prev.push(last);
    next.push(-1);
    if (last >= 0) next[last] = c;
    else first = c;
    last = c;
    cursorAt[u] = c;
  };
  const dropCursor = (c: number) => {
    if (prev[c] >= 0) next[prev[c]] = next[c];
    else first = next[c];
    if (next[c] >= 0) prev[next[c]] = prev[c];
    else last = prev[c];
    node[c] = -1;
  };
  for (const h of [...new Set(heads)].filter((h) => h >= 0 && todo[h]).sort((a, b) => a - b)) {
    addCursor(h);
  }

  const memoCursor = new Int32Array(n).fill(-1);
  const memoNode = new Int32Array(n).fill(-1);
  const stamp = new Int32Array(n);
  const expandedIn = new Int32Array(n);
  let round = 0;
  const live = (u: number) => todo[u] === 1 && emitted[u] === 0;
  const fresh = (u: number) => memoCursor[u] >= 0 && node[memoCursor[u]] === memoNode[u];

  /** The first cursor at or above `start`'s unemitted children (excluding `start` itself). */
  const firstCursorAbove = (start: number): number => {
    round++;
    const stack: number[] = [];
    for (const v of g.dnext[start]) {
      if (live(v) && !fresh(v) && stamp[v] !== round) {
        stamp[v] = round;
        stack.push(v);
      }
    }
    while (stack.length) {
      const u = stack[stack.length - 1];
      if (expandedIn[u] !== round) {
        expandedIn[u] = round;
        for (const v of g.dnext[u]) {
          if (live(v) && !fresh(v) && stamp[v] !== round) {
            stamp[v] = round;
            stack.push(v);
          }
        }
        continue;
      }
      stack.pop();
      let best = cursorAt[u] >= 0 ? cursorAt[u] : Infinity;
      for (const v of g.dnext[u]) {
        if (live(v) && memoCursor[v] >= 0 && memoCursor[v] < best) best = memoCursor[v];
      }
      if (best === Infinity) {
        memoCursor[u] = -1;
      } else {
        memoCursor[u] = best;
        memoNode[u] = node[best];
      }
    }
    let best = Infinity;
    for (const v of g.dnext[start]) {
      if (live(v) && memoCursor[v] >= 0 && memoCursor[v] < best) best = memoCursor[v];
    }
    return best === Infinity ? -1 : best;
  };

  const out: number[] = [];
  let at = first;
  while (first >= 0) {
    const u = node[at];
    if (pending[u] > 0) {
      const above = firstCursorAbove(u);
      if (above >= 0) {
        at = above;
        continue;
      }
    }
    out.push(u);
    emitted[u] = 1;
    cursorAt[u] = -1;
    for (const p of g.down[u]) if (todo[p]) pending[p]--;
    const parents = g.down[u].filter((p) => todo[p] && !emitted[p] && cursorAt[p] < 0);
    if (parents.length === 0) {
      const before = prev[at];
      dropCursor(at);
      at = before >= 0 ? before : first;
    } else {
      node[at] = parents[0];
      cursorAt[parents[0]] = at;
      for (const p of parents.slice(1)) addCursor(p);
    }
  }
  return out;
}
