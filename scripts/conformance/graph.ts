/**
 * Random revision graphs for the conformance check (run.ts): generation from a seeded PRNG,
 * and writing one graph as an Alembic project and as a retort project.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** One revision of a generated graph; `down`/`deps` list revision ids. */
export interface Rev {
  readonly id: string;
  readonly index: number;
  down: string[];
  labels: string[];
  deps: string[];
}

export type Graph = Rev[];

/** mulberry32: small, fast, good enough, and the same on every runtime. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (rng: () => number, lo: number, hi: number) =>
  lo + Math.floor(rng() * (hi - lo + 1));
export const pick = <T>(rng: () => number, list: readonly T[]): T =>
  list[Math.floor(rng() * list.length)];

/** Ancestors of `ids` (not including them) through down revisions and, if asked, dependencies. */
export function ancestors(
  graph: Graph,
  ids: Iterable<string>,
  withDeps = true,
): Set<string> {
  const byId = new Map(graph.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const stack = [...ids].flatMap((id) => {
    const r = byId.get(id);
    return r ? [...r.down, ...(withDeps ? r.deps : [])] : [];
  });
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const r = byId.get(id)!;
    stack.push(...r.down, ...(withDeps ? r.deps : []));
  }
  return seen;
}

/** Revisions that no other revision names as a down revision. */
export function graphHeads(graph: Graph): string[] {
  const parents = new Set(graph.flatMap((r) => r.down));
  return graph.filter((r) => !parents.has(r.id)).map((r) => r.id);
}

/** Labels declared anywhere in the graph. */
export function graphLabels(graph: Graph): string[] {
  return graph.flatMap((r) => r.labels);
}

/**
 * A random graph of 5–40 revisions: branches, merges of 2–3 revisions that are not ancestors
 * of each other, sometimes several bases, a branch label on some revisions (never on one
 * whose down-revision ancestors already declare one), and `dependsOn` links to revisions that
 * are neither ancestors nor (being older) able to make a cycle.
 */
export function generateGraph(rng: () => number): Graph {
  const n = int(rng, 5, 40);
  const graph: Graph = [];
  const used = new Set<string>();
  let bases = 0;
  let labelCount = 0;
  const newId = () => {
    for (;;) {
      let s = "";
      for (let i = 0; i < 12; i++) s += "0123456789abcdef"[Math.floor(rng() * 16)];
      // no id may be a prefix of another (prefixes are not what this check is about)
      if (!used.has(s)) return used.add(s), s;
    }
  };
  const related = (a: string, b: string) =>
    a === b || ancestors(graph, [a]).has(b) || ancestors(graph, [b]).has(a);

  for (let i = 0; i < n; i++) {
    const rev: Rev = { id: newId(), index: i, down: [], labels: [], deps: [] };
    const heads = graphHeads(graph);
    if (i === 0 || (bases < 3 && rng() < 0.07)) {
      bases++;
    } else if (graph.length >= 2 && rng() < 0.2) {
      const want = rng() < 0.3 ? 3 : 2;
      const first = pick(rng, heads);
      rev.down.push(first);
      for (let tries = 0; tries < 20 && rev.down.length < want; tries++) {
        const cand = rng() < 0.7 ? pick(rng, heads) : pick(rng, graph).id;
        if (rev.down.every((d) => !related(d, cand))) rev.down.push(cand);
      }
    } else {
      rev.down.push(rng() < 0.65 ? pick(rng, heads) : pick(rng, graph).id);
    }
    if (graph.length && rng() < 0.15) {
      const anc = ancestors([...graph, rev], [rev.id]);
      const want = rng() < 0.3 ? 2 : 1;
      for (let tries = 0; tries < 20 && rev.deps.length < want; tries++) {
        const cand = pick(rng, graph).id;
        if (anc.has(cand) || rev.deps.some((d) => related(d, cand))) continue;
        rev.deps.push(cand);
      }
    }
    if (rng() < 0.15) {
      const anc = ancestors([...graph, rev], [rev.id], false);
      if (graph.every((r) => !anc.has(r.id) || r.labels.length === 0)) {
        rev.labels.push(`br${labelCount++}`);
      }
    }
    graph.push(rev);
  }
  return graph;
}

const fileStem = (r: Rev) => `${r.id}_rev${r.index}`;

const py = (ids: string[]) =>
  ids.length === 0
    ? "None"
    : ids.length === 1
    ? JSON.stringify(ids[0])
    : `(${ids.map((s) => JSON.stringify(s)).join(", ")})`;
const ts = (ids: string[]) =>
  ids.length === 0 ? "null" : ids.length === 1 ? JSON.stringify(ids[0]) : JSON.stringify(ids);

const ENV_PY = `"""env.py of a conformance project: SQLite file, on_version_apply records the steps."""
from alembic import context
from sqlalchemy import create_engine, pool

config = context.config
steps = config.attributes.setdefault("steps", [])


def on_apply(ctx, step, heads, run_args):
    if not step.is_stamp:
        steps.append([step.up_revision_id, "upgrade" if step.is_upgrade else "downgrade"])


def run_migrations_offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    engine = create_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with engine.connect() as connection:
        # one transaction per run, as retort does on SQLite (Alembic's SQLite default is one
        # per migration because it marks SQLite as not having transactional DDL)
        context.configure(
            connection=connection,
            target_metadata=None,
            on_version_apply=on_apply,
            transactional_ddl=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
`;

const MAKO = `"""\${message}

Revision ID: \${up_revision}
Revises: \${down_revision | comma,n}
"""
revision = \${repr(up_revision)}
down_revision = \${repr(down_revision)}
branch_labels = \${repr(branch_labels)}
depends_on = \${repr(depends_on)}


def upgrade():
    pass


def downgrade():
    pass
`;

/** Writes `graph` as an Alembic project in `dir` (alembic.ini, env.py, versions/*.py). */
export function writeAlembic(dir: string, graph: Graph): void {
  mkdirSync(join(dir, "versions"), { recursive: true });
  writeFileSync(
    join(dir, "alembic.ini"),
    "[alembic]\nscript_location = %(here)s\nsqlalchemy.url = sqlite:///db.sqlite\n",
  );
  writeFileSync(join(dir, "env.py"), ENV_PY);
  writeFileSync(join(dir, "script.py.mako"), MAKO);
  for (const r of graph) {
    writeFileSync(
      join(dir, "versions", `${fileStem(r)}.py`),
      `"""rev ${r.index}

Revision ID: ${r.id}
Revises: ${r.down.join(", ")}
"""
revision = ${JSON.stringify(r.id)}
down_revision = ${py(r.down)}
branch_labels = ${r.labels.length ? `(${r.labels.map((l) => JSON.stringify(l)).join(", ")},)` : "None"}
depends_on = ${py(r.deps)}


def upgrade():
    pass


def downgrade():
    pass
`,
    );
  }
}

/** Writes `graph` as a retort project in `dir` (retort.json, migrations/versions/*.ts). */
export function writeRetort(dir: string, graph: Graph): void {
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  writeFileSync(join(dir, "retort.json"), JSON.stringify({ url: "sqlite:db.sqlite" }) + "\n");
  for (const r of graph) {
    writeFileSync(
      join(dir, "migrations", "versions", `${fileStem(r)}.ts`),
      `/** rev ${r.index}
 *
 * Revision ID: ${r.id}
 * Revises: ${r.down.join(", ")}
 */
export const revision = ${JSON.stringify(r.id)};
export const downRevision: string | string[] | null = ${ts(r.down)};
export const branchLabels: string[] | null = ${r.labels.length ? JSON.stringify(r.labels) : "null"};
export const dependsOn: string | string[] | null = ${ts(r.deps)};

export async function upgrade(): Promise<void> {}

export async function downgrade(): Promise<void> {}
`,
    );
  }
}

/** A compact one-line-per-revision description, for repro files and reports. */
export function describeGraph(graph: Graph): string {
  return graph
    .map((r) =>
      `${r.id} <- ${r.down.length ? r.down.join(",") : "(base)"}` +
      (r.labels.length ? ` label=${r.labels.join(",")}` : "") +
      (r.deps.length ? ` dependsOn=${r.deps.join(",")}` : "")
    )
    .join("\n");
}
