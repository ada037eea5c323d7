// Property: on random revision graphs (branches, merges, several bases, dependsOn, branch
// labels), written as a project and run through the library's `upgrade` and `downgrade` on
// SQLite, an upgrade from a random start to a random target applies exactly what the
// target needs, leaves the heads of what is applied as version rows, and a downgrade back
// to the start returns the version rows (and the applied revisions) to what they were.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { downgrade } from "../../src/commands/downgrade.ts";
import { upgrade } from "../../src/commands/upgrade.ts";
import type { TempProject } from "../_project.ts";
import { tempProject } from "../_project.ts";
import { check, runs, timeout } from "./_arbitraries.ts";

/** One revision: its parents (down revisions), dependencies and branch label, by index. */
interface Rev {
  readonly id: string;
  readonly down: readonly number[];
  readonly deps: readonly number[];
  readonly label?: string;
}

type Graph = readonly Rev[];

const idOf = (i: number) => `r${String(i).padStart(2, "0")}`;

/** Indexes reachable from `from` (not included) by `next`. */
function reach(from: Iterable<number>, next: (i: number) => readonly number[]): Set<number> {
  const seen = new Set<number>();
  const stack = [...from].flatMap(next);
  while (stack.length) {
    const i = stack.pop()!;
    if (seen.has(i)) continue;
    seen.add(i);
    stack.push(...next(i));
  }
  return seen;
}

/** Down-revision ancestors of `i`. */
const ancestors = (g: Graph, i: number) => reach([i], (j) => g[j].down);

/** What upgrading to `targets` applies: them, their ancestors and dependencies, recursively. */
function closure(g: Graph, targets: Iterable<number>): Set<number> {
  const out = reach(targets, (j) => [...g[j].down, ...g[j].deps]);
  for (const t of targets) out.add(t);
  return out;
}

/** Down-revision descendants of `i`. */
function descendants(g: Graph, i: number): Set<number> {
  const children = g.map((_, j) => g.flatMap((r, k) => (r.down.includes(j) ? [k] : [])));
  return reach([i], (j) => children[j]);
}

/**
 * The version rows after upgrading to an applied set: what no applied revision has as a down
 * revision or a dependency (Alembic's HeadMaintainer merges a dependency's row into the
 * revision that depends on it, as a merge point's parents).
 */
function headsOf(g: Graph, applied: ReadonlySet<number>): string[] {
  const parents = new Set([...applied].flatMap((i) => [...g[i].down, ...g[i].deps]));
  return [...applied].filter((i) => !parents.has(i)).map(idOf).sort();
}

/**
 * A graph of 2–14 revisions. Each after the first is a new base (sometimes) or names 1–3
 * earlier revisions as parents (more than one: a merge), of which those that are ancestors
 * of another are dropped, as a merge of related revisions means nothing; it may depend on
 * earlier revisions that are not already its ancestors, and may carry a branch label when
 * none of its ancestors does.
 */
const graphs: fc.Arbitrary<Graph> = fc.integer({ min: 2, max: 14 }).chain((n) =>
  fc.tuple(
    ...Array.from({ length: n }, (_, i) =>
      fc.record({
        base: i === 0 ? fc.constant(true) : fc.integer({ min: 0, max: 9 }).map((x) => x === 9),
        down: i === 0
          ? fc.constant<number[]>([])
          : fc.uniqueArray(fc.nat(i - 1), { minLength: 1, maxLength: 3 }),
        deps: i === 0 || i === 1 ? fc.constant<number[]>([]) : fc.oneof(
          { weight: 4, arbitrary: fc.constant<number[]>([]) },
          { weight: 1, arbitrary: fc.uniqueArray(fc.nat(i - 1), { minLength: 1, maxLength: 2 }) },
        ),
        label: fc.integer({ min: 0, max: 6 }).map((x) => x === 6),
      })),
  ).map((shapes) => {
    const g: Rev[] = [];
    for (const [i, shape] of shapes.entries()) {
      const parents = shape.base ? [] : shape.down;
      // a merge of unrelated revisions only
      const down = parents.filter((p) => !parents.some((q) => q !== p && ancestors(g, q).has(p)));
      const mine = new Set([...down, ...down.flatMap((p) => [...ancestors(g, p)])]);
      const deps = shape.deps.filter((d) =>
        !mine.has(d) && !shape.deps.some((e) => e !== d && closure(g, [e]).has(d))
      );
      const labelled = [...mine].some((a) => g[a].label !== undefined);
      const label = shape.label && !labelled ? `br${i}` : undefined;
      g.push({ id: idOf(i), down, deps, ...(label ? { label } : {}) });
    }
    return g;
  })
);

/** A graph and the two points of the walk: where it starts and where the upgrade goes. */
interface Walk {
  readonly graph: Graph;
  /** `undefined`: the start is base (an empty version table). */
  readonly start: number | undefined;
  /** The upgrade's target as the user writes it, and the revisions it names. */
  readonly target: { readonly text: string; readonly revisions: readonly number[] };
}

/**
 * The targets an upgrade from `start` may take such that everything it applies is above
 * the start on the start's own branch (so `downgrade <start>` takes exactly that away):
 * revisions, `heads`, `head`, and `label@head` where the label's branch has one head.
 */
function targetsFrom(g: Graph, start: number | undefined): Walk["target"][] {
  const applied = start === undefined ? new Set<number>() : closure(g, [start]);
  const above = start === undefined ? new Set(g.map((_, i) => i)) : descendants(g, start);
  const fine = (targets: number[]) =>
    [...closure(g, targets)].every((i) => applied.has(i) || above.has(i));
  const out: Walk["target"][] = [];
  for (const [i, r] of g.entries()) {
    if (fine([i])) out.push({ text: r.id, revisions: [i] });
  }
  const heads = g.flatMap((_, i) => (g.some((r) => r.down.includes(i)) ? [] : [i]));
  if (fine(heads)) out.push({ text: "heads", revisions: heads });
  if (heads.length === 1 && fine(heads)) out.push({ text: "head", revisions: heads });
  for (const [i, r] of g.entries()) {
    if (!r.label) continue;
    const branch = [i, ...descendants(g, i)];
    const branchHeads = branch.filter((j) => !g.some((x) => x.down.includes(j)));
    if (branchHeads.length === 1 && fine(branchHeads)) {
      out.push({ text: `${r.label}@head`, revisions: branchHeads });
    }
  }
  return out;
}

/** Walks on random graphs, mostly from a revision with something above it, mostly upwards. */
const walks: fc.Arbitrary<Walk> = graphs.chain((graph) => {
  const below = graph.flatMap((_, i) => (descendants(graph, i).size > 0 ? [i] : []));
  const start = fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.nat(graph.length - 1) },
    ...(below.length ? [{ weight: 4, arbitrary: fc.constantFrom(...below) }] : []),
  );
  return start.chain((from) => {
    const applied = from === undefined ? new Set<number>() : closure(graph, [from]);
    const targets = targetsFrom(graph, from);
    const moving = targets.filter((t) => t.revisions.some((i) => !applied.has(i)));
    const still = targets.filter((t) => !moving.includes(t));
    const target = fc.oneof(
      ...(moving.length ? [{ weight: 5, arbitrary: fc.constantFrom(...moving) }] : []),
      ...(still.length ? [{ weight: 1, arbitrary: fc.constantFrom(...still) }] : []),
    );
    return target.map((t) => ({ graph, start: from, target: t }));
  });
});

/** Writes `g` as a project; each step adds or removes its row of `applied`. */
function writeProject(g: Graph): TempProject {
  const project = tempProject();
  for (const r of g) {
    const list = (ids: readonly number[]) =>
      ids.length === 0 ? "null" : JSON.stringify(ids.length === 1 ? idOf(ids[0]) : ids.map(idOf));
    project.write(
      r.id,
      r.down.length === 0 ? null : r.down.length === 1 ? idOf(r.down[0]) : r.down.map(idOf),
      {
        extra: `export const branchLabels = ${r.label ? JSON.stringify([r.label]) : "null"};\n` +
          `export const dependsOn = ${list(r.deps)};`,
        up: `  await op.execute("CREATE TABLE IF NOT EXISTS applied (rev TEXT PRIMARY KEY)");\n` +
          `  await op.execute("INSERT INTO applied (rev) VALUES ('${r.id}')");`,
        down: `  await op.execute("DELETE FROM applied WHERE rev = '${r.id}'");`,
      },
    );
  }
  return project;
}

/** The version rows and the applied revisions, sorted. */
async function stateOf(project: TempProject): Promise<{ rows: string[]; applied: string[] }> {
  const tables = await project.tables();
  const read = async (sql: string, table: string) =>
    tables.includes(table)
      ? (await project.query(sql)).map((r) => String(Object.values(r)[0])).sort()
      : [];
  return {
    rows: await read("SELECT version_num FROM retort_version", "retort_version"),
    applied: await read("SELECT rev FROM applied", "applied"),
  };
}

/** Each step comes after the revisions it needs (upgrade) or needs it (downgrade). */
function assertOrdered(g: Graph, steps: readonly { revision: string }[], direction: "up" | "down") {
  const position = new Map(steps.map((s, k) => [s.revision, k]));
  for (const s of steps) {
    const r = g.find((x) => x.id === s.revision)!;
    for (const need of [...r.down, ...r.deps]) {
      const k = position.get(idOf(need));
      if (k === undefined) continue;
      const mine = position.get(r.id)!;
      assert.ok(
        direction === "up" ? k < mine : k > mine,
        `${r.id} ${direction === "up" ? "after" : "before"} ${idOf(need)} in ${
          steps.map((x) => x.revision)
        }`,
      );
    }
  }
}

function describeGraph(g: Graph): string {
  return g.map((r) =>
    `${r.id} <- ${r.down.length ? r.down.map(idOf).join(",") : "(base)"}` +
    (r.deps.length ? ` dependsOn=${r.deps.map(idOf).join(",")}` : "") +
    (r.label ? ` label=${r.label}` : "")
  ).join("; ");
}

describe("random revision graphs on SQLite", () => {
  it(
    "upgrade to a random target, then downgrade to the start: the same version rows",
    timeout(50),
    async () => {
      await check(
        fc.asyncProperty(walks, async ({ graph, start, target }) => {
          const project = writeProject(graph);
          const where =
            `graph ${describeGraph(graph)}; start ${start === undefined ? "base" : idOf(start)}; ` +
            `target ${target.text}`;
          try {
            const cwd = project.dir;
            if (start !== undefined) await upgrade({ cwd, target: idOf(start) });
            const before = await stateOf(project);
            const applied0 = start === undefined ? new Set<number>() : closure(graph, [start]);
            assert.deepEqual(
              before.applied,
              [...applied0].map(idOf).sort(),
              `start applied; ${where}`,
            );
            assert.deepEqual(before.rows, headsOf(graph, applied0), `start rows; ${where}`);

            const up = await upgrade({ cwd, target: target.text });
            const applied1 = new Set([...applied0, ...closure(graph, target.revisions)]);
            const middle = await stateOf(project);
            assert.deepEqual(
              middle.applied,
              [...applied1].map(idOf).sort(),
              `upgraded applied; ${where}`,
            );
            assert.deepEqual(middle.rows, headsOf(graph, applied1), `upgraded rows; ${where}`);
            assert.equal(up.steps.length, applied1.size - applied0.size, `upgrade steps; ${where}`);
            assertOrdered(graph, up.steps, "up");

            const down = await downgrade({
              cwd,
              target: start === undefined ? "base" : idOf(start),
            });
            const after = await stateOf(project);
            assert.deepEqual(after.rows, before.rows, `rows after the downgrade; ${where}`);
            assert.deepEqual(
              after.applied,
              before.applied,
              `applied after the downgrade; ${where}`,
            );
            assert.equal(down.steps.length, up.steps.length, `downgrade steps; ${where}`);
            assertOrdered(graph, down.steps, "down");
          } finally {
            project.cleanup();
          }
        }),
        runs(50),
      );
    },
  );
});
