/**
 * Times `retort heads|current|history` against `alembic heads|current|history` (Alembic 1.8
 * from /usr/bin/python3) on a branchy history of N revisions: a main line with a side branch
 * forked every 300 revisions and merged back ~120 revisions later, plus two long-lived
 * labelled branches that stay heads. Both databases are stamped at the heads first (by each
 * tool's own `stamp heads`).
 *
 *   npm run build && bun scripts/bench/graph_commands.ts [N=10000] [--also 20000] [--runs 5]
 *
 * Each command runs `--runs` times (default 5), retort and Alembic interleaved, after one
 * untimed warm-up of `heads` per tool (which also writes Alembic's __pycache__); the table
 * shows the medians and Alembic/retort. A run over 300 s is killed and shown as "timeout"
 * (the remaining runs of that command are skipped). Not a test: nothing asserts a time.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, renameSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { type Graph, prng, type Rev, writeAlembic, writeRetort } from "../conformance/graph.ts";

const root = new URL("../..", import.meta.url).pathname;
const built = join(root, "dist", "retort");
if (!existsSync(built)) throw new Error("dist/retort is missing: run `npm run build` first");
// dist/retort may be rebuilt by someone else while this runs: time a private copy.
const binary = join(tmpdir(), `retort-bench-bin-${statSync(built).mtimeMs}`);
if (!existsSync(binary)) {
  cpSync(built, binary + ".tmp");
  renameSync(binary + ".tmp", binary);
}
const PYTHON = "/usr/bin/python3";
const TIMEOUT_MS = 300_000;

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args.splice(i, 2)[1]) : undefined;
};
const also = option("--also");
const runs = option("--runs") ?? 5;
const sizes = [Number(args[0] ?? 10000), ...(also ? [also] : [])];

/** The branchy history described at the top. */
function buildHistory(n: number): Graph {
  const rng = prng(n);
  const used = new Set<string>();
  const newId = () => {
    for (;;) {
      let s = "";
      for (let i = 0; i < 12; i++) s += "0123456789abcdef"[Math.floor(rng() * 16)];
      if (!used.has(s)) return used.add(s), s;
    }
  };
  const graph: Graph = [];
  const add = (down: string[], labels: string[] = []): string => {
    const rev: Rev = { id: newId(), index: graph.length, down, labels, deps: [] };
    graph.push(rev);
    return rev.id;
  };
  let main = add([]);
  let side: { tip: string; length: number } | null = null;
  const longLived: string[] = [];
  let label = 0;
  while (graph.length < n) {
    const i = graph.length;
    if (longLived.length < 2 && i >= n * (0.25 + 0.35 * longLived.length)) {
      longLived.push(add([main], [`feature_${label++}`])); // a labelled branch, never merged
    } else if (longLived.length && i % 10 === 0) {
      const k = (i / 10) % longLived.length;
      longLived[k] = add([longLived[k]]);
    } else if (!side && i % 300 === 150) {
      side = { tip: add([main]), length: 1 };
    } else if (side && side.length >= 120) {
      main = add([main, side.tip]); // merge the side branch back
      side = null;
    } else if (side && i % 2 === 0) {
      side = { tip: add([side.tip]), length: side.length + 1 };
    } else {
      main = add([main]);
    }
  }
  return graph;
}

interface Timed {
  ms: number[];
  timeout: boolean;
  failed?: string;
}

function run(command: string[], cwd: string): { ms: number; timeout: boolean; error?: string; stdout: string } {
  const start = performance.now();
  const r = spawnSync(command[0], command.slice(1), {
    cwd,
    encoding: "utf8",
    timeout: TIMEOUT_MS,
    killSignal: "SIGKILL",
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: "1" },
  });
  const ms = performance.now() - start;
  const timeout = r.error?.message.includes("ETIMEDOUT") ?? false;
  const error = timeout
    ? undefined
    : r.status !== 0
    ? `exit ${r.status}: ${(r.stderr ?? "").trim().split("\n").slice(-2).join(" | ")}`
    : undefined;
  return { ms, timeout, error, stdout: r.stdout ?? "" };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (t: Timed) =>
  t.timeout ? "timeout" : t.failed ? `failed (${t.failed})` : `${(median(t.ms) / 1000).toFixed(3)} s`;

const rows: string[] = [];
for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), `graph-bench-${n}-`));
  const graph = buildHistory(n);
  writeAlembic(join(dir, "alembic"), graph);
  writeRetort(join(dir, "retort"), graph);
  const alembicDir = join(dir, "alembic");
  const retortDir = join(dir, "retort");
  const tools = {
    retort: (cmd: string) => [binary, cmd],
    alembic: (cmd: string) => [PYTHON, "-m", "alembic", cmd],
  };
  const cwd = { retort: retortDir, alembic: alembicDir };
  const merges = graph.filter((r) => r.down.length > 1).length;
  console.error(`# ${n} revisions (${merges} merges) in ${dir}`);

  // warm up (Alembic compiles 'n' version files into __pycache__), then stamp at the heads
  for (const tool of ["retort", "alembic"] as const) {
    const w = run(tools[tool]("heads"), cwd[tool]);
    console.error(`#   ${tool} heads (warm-up): ${(w.ms / 1000).toFixed(2)} s, ` +
      `${w.stdout.trim().split("\n").length} heads${w.error ? `, ${w.error}` : ""}`);
    const s = run([...tools[tool]("stamp"), "heads"], cwd[tool]);
    console.error(`#   ${tool} stamp heads: ${s.timeout ? "timeout" : `${(s.ms / 1000).toFixed(2)} s`}` +
      (s.error ? `, ${s.error}` : ""));
  }

  const stamped = (db: string, table: string) =>
    run(["/usr/bin/sqlite3", db, `SELECT count(*) FROM ${table}`], dir).stdout.trim();
  console.error(`#   version rows after stamp: retort ${stamped(join(retortDir, "db.sqlite"), "retort_version")}, ` +
    `alembic ${stamped(join(alembicDir, "db.sqlite"), "alembic_version")}`);

  for (const cmd of ["heads", "current", "history"]) {
    const t: Record<"retort" | "alembic", Timed> = {
      retort: { ms: [], timeout: false },
      alembic: { ms: [], timeout: false },
    };
    for (let i = 0; i < runs; i++) {
      for (const tool of ["retort", "alembic"] as const) {
        if (t[tool].timeout || t[tool].failed) continue;
        const r = run(tools[tool](cmd), cwd[tool]);
        if (r.timeout) t[tool].timeout = true;
        else if (r.error) t[tool].failed = r.error;
        else t[tool].ms.push(r.ms);
        console.error(`#   ${tool} ${cmd} run ${i + 1}: ` +
          (r.timeout ? "timeout" : `${(r.ms / 1000).toFixed(3)} s${r.error ? ` ${r.error}` : ""}`));
      }
    }
    const ok = (x: Timed) => !x.timeout && !x.failed && x.ms.length > 0;
    const ratio = ok(t.retort) && ok(t.alembic)
      ? `${(median(t.alembic.ms) / median(t.retort.ms)).toFixed(1)}×`
      : ok(t.retort) && t.alembic.timeout
      ? `> ${(TIMEOUT_MS / median(t.retort.ms)).toFixed(0)}×`
      : "–";
    rows.push(`| ${n} | ${cmd} | ${fmt(t.retort)} | ${fmt(t.alembic)} | ${ratio} |`);
  }
}

console.log(`\nMedian of ${runs} runs (retort: ${binary}; Alembic 1.8 via ${PYTHON} -m alembic)\n`);
console.log("| revisions | command | retort | alembic | alembic / retort |");
console.log("| ---: | --- | ---: | ---: | ---: |");
for (const row of rows) console.log(row);
