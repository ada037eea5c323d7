/**
 * How branch labels spread, as in Alembic: a label names the revision that declares it and
 * every revision above it; when everything above the labelled revision is one plain line, the
 * label also runs down to (not including) the nearest branch point or merge point below it.
 */
import type { Edges } from "./_graph.ts";

const NONE: readonly string[] = Object.freeze([]);

/** Every label naming each revision. `sequence` is a topological order, parents first. */
export function spreadLabels(
  own: readonly (readonly string[])[],
  vdown: Edges,
  vnext: Edges,
  next: Edges,
  sequence: readonly number[],
): (readonly string[])[] {
  const n = own.length;
  const up: (readonly string[])[] = new Array(n);
  for (const u of sequence) {
    const ps = vdown[u];
    if (own[u].length === 0 && ps.length === 1) up[u] = up[ps[0]];
    else up[u] = union([own[u], ...ps.map((p) => up[p])]);
  }

  // plainAbove[u]: u and everything above it form one line with no merge or branch point.
  const plainAbove = new Uint8Array(n);
  for (let k = sequence.length - 1; k >= 0; k--) {
    const u = sequence[k];
    plainAbove[u] = vdown[u].length <= 1 && next[u].length <= 1 &&
        (vnext[u].length === 0 || plainAbove[vnext[u][0]] === 1)
      ? 1
      : 0;
  }
  const below: (readonly string[] | undefined)[] = new Array(n);
  const walked = new Uint8Array(n);
  for (let k = sequence.length - 1; k >= 0; k--) {
    const r = sequence[k];
    if (own[r].length === 0 || !plainAbove[r] || walked[r]) continue;
    let acc = own[r];
    let p = vdown[r][0];
    while (p !== undefined && next[p].length <= 1 && vdown[p].length <= 1) {
      below[p] = below[p] ? union([below[p]!, acc]) : acc;
      if (own[p].length) {
        walked[p] = 1;
        acc = union([acc, own[p]]);
      }
      p = vdown[p][0];
    }
  }
  return up.map((ls, u) => (below[u] ? union([ls, below[u]!]) : ls));
}

function union(lists: readonly (readonly string[])[]): readonly string[] {
  let base = lists[0];
  let out: Set<string> | null = null;
  for (let k = 1; k < lists.length; k++) {
    const l = lists[k];
    if (l === base || l.length === 0) continue;
    if (!out) {
      if (l.every((x) => base.includes(x))) continue;
      if (base.every((x) => l.includes(x))) {
        base = l;
        continue;
      }
      out = new Set(base);
    }
    for (const x of l) out.add(x);
  }
  if (out) return [...out];
  return base.length ? base : NONE;
}
