/**
 * A deterministic, irregular history for tests: a few hundred revisions with branch points,
 * merges (some of three parents), several bases, branch labels and cross-branch dependencies.
 */
import type { RevisionSource } from "../../src/revision/mod.ts";

/** mulberry32: a small seeded PRNG, the same on every runtime. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` revisions; the same `seed` always gives the same history. */
export function largeMap(n: number, seed: number): RevisionSource[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const out: RevisionSource[] = [];
  const heads: string[] = [];
  const used = new Set<string>();
  let labels = 0;
  for (let i = 0; i < n; i++) {
    let id = "";
    do {
      id = Math.floor(rnd() * 0xffffffff).toString(16).padStart(8, "0");
    } while (used.has(id));
    used.add(id);
    const r = rnd();
    let down: string[] = [];
    if (out.length === 0 || r < 0.03) down = [];
    else if (r < 0.15 && heads.length >= 2) {
      const a = pick(heads);
      const b = pick(heads.filter((h) => h !== a));
      const c = heads.length > 2 && rnd() < 0.2
        ? pick(heads.filter((h) => h !== a && h !== b))
        : null;
      down = c ? [a, b, c] : [a, b];
    } else if (r < 0.35) down = [pick(out).revision];
    else down = [pick(heads)];
    const deps: string[] = [];
    if (out.length > 5 && rnd() < 0.06) {
      const d = pick(out);
      if (!down.includes(d.revision)) deps.push(d.branchLabels[0] ?? d.revision);
    }
    const branchLabels = rnd() < 0.04 ? [`branch${labels++}`] : [];
    out.push({ revision: id, downRevisions: down, branchLabels, dependsOn: deps });
    for (const d of down) heads.splice(heads.indexOf(d), 1);
    heads.push(id);
  }
  return out;
}
