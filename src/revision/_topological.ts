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
import { closure, type Graph } from "./_graph.ts";

/**
 * Revisions of `todo`, top (newest) first, in Alembic's order, starting from `heads`. `convex`
 * promises that no path between two revisions of `todo` leaves it (skips computing the hull).
 */
export function alembicOrder(
  g: Graph,
  todo: Uint8Array,
  heads: readonly number[],
  convex = false,
): number[] {
  const n = g.ids.length;
  // Alembic asks "is this revision below another cursor" over the whole graph, so revisions
  // outside `todo` that lie between two of its revisions count too (the hull).
  let hull: Uint8Array = todo.slice();
  if (!convex) {
    const members: number[] = [];
    for (let u = 0; u < n; u++) if (todo[u]) members.push(u);
    hull = closure(n, members, g.dnext);
    const below = closure(n, members, g.down);
    for (let u = 0; u < n; u++) hull[u] &= below[u];
  }
  // alive: in the hull and still below some cursor; pending: alive children.
  const alive = hull;
  const pending = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    if (hull[u]) { for (const p of g.down[u]) if (hull[p]) pending[p]++; }
  }
  const settle = (u: number) => {
    const stack = [u];
    while (stack.length) {
      const x = stack.pop()!;
      alive[x] = 0;
      for (const p of g.down[x]) {
        if (alive[p] && --pending[p] === 0 && !todo[p]) stack.push(p);
      }
    }
  };
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

  let total = 0;
  for (let u = 0; u < n; u++) total += todo[u];
  const reseed = (): boolean => {
    if (out.length >= total) return false;
    for (let u = 0; u < n; u++) {
      if (todo[u] && !emitted[u] && !g.dnext[u].some((c) => todo[c] && !emitted[c])) addCursor(u);
    }
    return true;
  };

  const memoCursor = new Int32Array(n).fill(-1);
  const memoNode = new Int32Array(n).fill(-1);
  const doneIn = new Int32Array(n);
  const expandedIn = new Int32Array(n);
  let round = 0;
  const live = (u: number) => alive[u] === 1;
  const fresh = (u: number) => memoCursor[u] >= 0 && node[memoCursor[u]] === memoNode[u];

  /** The first cursor at or above `start`'s unemitted children (excluding `start` itself). */
  const firstCursorAbove = (start: number): number => {
    round++;
    const stack: number[] = [];
    const visit = (u: number) => {
      for (const v of g.dnext[u]) {
        if (live(v) && !fresh(v) && doneIn[v] !== round && expandedIn[v] !== round) stack.push(v);
      }
    };
    visit(start);
    while (stack.length) {
      const u = stack[stack.length - 1];
      if (doneIn[u] === round) {
        stack.pop();
      } else if (expandedIn[u] !== round) {
        expandedIn[u] = round;
        visit(u);
      } else {
        stack.pop();
        doneIn[u] = round;
        const best = lowestAbove(u, cursorAt[u] >= 0 ? cursorAt[u] : Infinity);
        memoCursor[u] = best === Infinity ? -1 : best;
        memoNode[u] = best === Infinity ? -1 : node[best];
      }
    }
    const best = lowestAbove(start, Infinity);
    return best === Infinity ? -1 : best;
  };
  const lowestAbove = (u: number, best: number): number => {
    for (const v of g.dnext[u]) {
      if (live(v) && memoCursor[v] >= 0 && memoCursor[v] < best) best = memoCursor[v];
    }
    return best;
  };

  const out: number[] = [];
  let at = first;
  for (;;) {
    if (first < 0) {
      // Alembic fails an assertion when cursors never reach some revisions (possible only with
      // odd ranges); start again from the highest revisions left, in file order.
      if (!reseed()) break;
      at = first;
    }
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
    settle(u);
    let moved = false;
    for (const p of g.down[u]) {
      if (!todo[p] || emitted[p] || cursorAt[p] >= 0) continue;
      if (!moved) {
        node[at] = p;
        cursorAt[p] = at;
        moved = true;
      } else addCursor(p);
    }
    if (!moved) {
      const before = prev[at];
      dropCursor(at);
      at = before >= 0 ? before : first;
    }
  }
  return out;
}
