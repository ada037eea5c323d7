/**
 * Crash and concurrency trials of `retort upgrade` against SQLite, PostgreSQL and MariaDB/MySQL,
 * printing two tables. Not a test: nothing here fails the build; it measures.
 *
 *   bun scripts/chaos/run.ts [--trials 20] [--only sqlite,postgres,mysql] [--seed N]
 *       [--skip-crash] [--skip-concurrent]
 *
 * Crash trials, for each database and mode (`plain`: the default config; `per-migration`:
 * transactionPerMigration; `no-transaction`: the second of four revisions exports
 * `transaction = false`): start `retort upgrade head` on a fresh version table, kill it with
 * SIGKILL at a uniformly random moment of a full run's duration, then
 * - poll the lock row (every 20 ms) until no live holder is left: the time to detect a dead
 *   holder, for trials killed while one held the lock row;
 * - compare what the database says (version rows, the dirty step and how many statements of it
 *   ran, whether the next was running) with the tables that exist. Each revision makes four
 *   tables with a short server-side pause between them, so every statement has a visible
 *   effect: a state is inconsistent when the tables differ from what the version rows and the
 *   dirty record account for (the statement recorded as running may have taken effect or not);
 * - repair as a user would: `upgrade --resume` (with `--skip-next` when the running statement's
 *   table exists) on a dirty database, else `upgrade head`; it must reach head with all tables.
 *
 * Concurrent trials: 8 and 16 `upgrade head` at once, and 4+4 and 8+8 upgrades and downgrades
 * to base at once, plain and per-migration: exit codes, the slowest process, and whether the
 * version table matches the tables afterwards.
 *
 * Servers: RETORT_TEST_PG_URL / RETORT_TEST_MYSQL_URL as the integration tests read them.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import process from "node:process";
import type { ThrowawayDatabase } from "../../tests/integration/_databases.ts";
import { throwawayDatabase } from "../../tests/integration/_databases.ts";
import type { TempProject } from "../../tests/_project.ts";
import { repoRoot, tempProject } from "../../tests/_project.ts";
import { dialectFor } from "../../src/dialect/dialect_for.ts";
import type { Connection } from "../../src/driver/connection.ts";
import { RunLock } from "../../src/runtime/run_lock.ts";

type Kind = "sqlite" | "postgres" | "mysql";
type Mode = "plain" | "per-migration" | "no-transaction";

// ---------------------------------------------------------------------------------------------
// options

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const trials = Number(option("trials", "20"));
const kinds = option("only", "sqlite,postgres,mysql").split(",") as Kind[];
let seed = Number(option("seed", String(Date.now() % 100_000)));
/** A small seeded generator (mulberry32), so a run can be repeated with --seed. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const firstSeed = seed;

// ---------------------------------------------------------------------------------------------
// the project: 4 revisions of 4 tables each, a short pause between tables

const revisions = 4;
const tablesPerRevision = 4;

function pauseSql(kind: Kind): string {
  if (kind === "mysql") return "DO SLEEP(0.03)";
  if (kind === "postgres") return "SELECT pg_sleep(0.03)";
  // SQLite has no sleep: a recursive count that takes a few tens of milliseconds.
  return "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 150000) SELECT count(*) FROM c";
}

/** The statements of revision `r`: table, pause, table, pause, ... (what each one makes). */
function statementsOf(prefix: string, r: number): (string | null)[] {
  const out: (string | null)[] = [];
  for (let j = 1; j <= tablesPerRevision; j++) {
    if (j > 1) out.push(null);
    out.push(`${prefix}_r${r}_${j}`);
  }
  return out;
}

function makeProject(db: ThrowawayDatabase, prefix: string, mode: Mode): TempProject {
  const p = tempProject({
    url: db.url,
    versionTable: `${prefix}_version`,
    ...(mode === "per-migration" ? { transactionPerMigration: true } : {}),
  });
  for (let r = 1; r <= revisions; r++) {
    const up = statementsOf(prefix, r).map((table) =>
      table
        ? `  await op.createTable("${table}", [t.column("id", t.integer(), { primaryKey: true })]);`
        : `  await op.execute(${JSON.stringify(pauseSql(db.kind))});`
    ).join("\n");
    const down = statementsOf(prefix, r).filter((x) => x).reverse()
      .map((table) => `  await op.dropTable("${table}");`).join("\n");
    p.write(`${prefix}r${r}`, r === 1 ? null : `${prefix}r${r - 1}`, {
      ...(mode === "no-transaction" && r === 2
        ? { extra: "export const transaction = false;" }
        : {}),
      up,
      down,
    });
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// running the CLI

interface Run {
  code: number | null;
  stderr: string;
  ms: number;
}

function start(
  argv: string[],
  cwd: string,
  options: { killAfterMs?: number; boundMs?: number } = {},
): { done: Promise<Run>; pid: number } {
  const started = Date.now();
  const child = spawn(process.execPath, [join(repoRoot, "cli.ts"), ...argv], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "", RETORT_CACHE_DIR: "" },
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdout.on("data", () => {});
  const timers = [
    options.killAfterMs !== undefined &&
    setTimeout(() => child.kill("SIGKILL"), options.killAfterMs),
    options.boundMs !== undefined && setTimeout(() => child.kill("SIGKILL"), options.boundMs),
  ].filter(Boolean) as ReturnType<typeof setTimeout>[];
  const done = new Promise<Run>((resolve) =>
    child.on("close", (code) => {
      for (const t of timers) clearTimeout(t);
      resolve({ code, stderr, ms: Date.now() - started });
    })
  );
  return { done, pid: child.pid ?? 0 };
}

const run = (argv: string[], cwd: string) => start(argv, cwd).done;

// ---------------------------------------------------------------------------------------------
// reading the state

async function tablesWith(
  connection: Connection,
  kind: Kind,
  prefix: string,
): Promise<Set<string>> {
  const sql = kind === "sqlite"
    ? "SELECT name FROM sqlite_master WHERE type = 'table'"
    : kind === "postgres"
    ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()"
    : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()";
  const names = (await connection.query(sql)).map((r) => String(r.name ?? r.NAME ?? r.TABLE_NAME));
  return new Set(names.filter((n) => new RegExp(`^${prefix}_r\\d+_\\d+$`).test(n)));
}

async function versionRows(connection: Connection, prefix: string): Promise<string[]> {
  try {
    return (await connection.query(`SELECT version_num FROM ${prefix}_version`))
      .map((r) => String(r.version_num));
  } catch {
    return [];
  }
}

/** The tables revisions 1..n make. */
function tablesUpTo(prefix: string, n: number): string[] {
  const out: string[] = [];
  for (let r = 1; r <= n; r++) out.push(...statementsOf(prefix, r).filter((x): x is string => !!x));
  return out;
}

const sameSet = (a: Set<string>, b: string[]) => a.size === b.length && b.every((x) => a.has(x));

// ---------------------------------------------------------------------------------------------
// crash trials

interface CrashRow {
  kind: Kind;
  mode: Mode;
  trials: number;
  clean: number;
  dirty: number;
  inFlight: number;
  inconsistent: number;
  repaired: number;
  detect: number[];
  notes: string[];
  window?: string;
}

async function crashTrials(
  db: ThrowawayDatabase,
  mode: Mode,
  counter: { n: number },
): Promise<CrashRow> {
  const row: CrashRow = {
    kind: db.kind as Kind,
    mode,
    trials: 0,
    clean: 0,
    dirty: 0,
    inFlight: 0,
    inconsistent: 0,
    repaired: 0,
    detect: [],
    notes: [],
  };
  const kind = db.kind as Kind;
  // A full run's duration, to kill at a uniformly random point of it.
  const calibration = makeProject(db, `c${counter.n++}`, mode);
  // Before its first statement a run starts the runtime, loads the project and connects: about
  // what `current` takes. Kills land between then and the end of a full run.
  const startup = (await run(["current"], calibration.dir)).ms;
  const full = await run(["upgrade", "head"], calibration.dir);
  calibration.cleanup();
  if (full.code !== 0) throw new Error(`calibration run failed: ${full.stderr}`);
  const from = Math.min(startup, full.ms * 0.8);
  row.window = `${from}-${full.ms}`;
  const lock = (prefix: string) => new RunLock(dialectFor(kind), `${prefix}_version`);
  const connection = await db.connect();
  try {
    for (let i = 0; i < trials; i++) {
      const prefix = `c${counter.n++}`;
      const p = makeProject(db, prefix, mode);
      try {
        const killAt = Math.floor(from + (full.ms - from) * random());
        const started = start(["upgrade", "head"], p.dir, { killAfterMs: killAt });
        const ended = await started.done;
        const killedAt = Date.now();
        row.trials++;
        if (ended.code !== 0 && ended.code !== null) {
          row.notes.push(
            `${prefix}: exit ${ended.code} before the kill: ${
              ended.stderr.trim().split("\n").at(-1)
            }`,
          );
        }
        // Detection: how long until the lock row shows no live holder (a row left means a
        // holder was there at the kill).
        if (await lock(prefix).read(connection).catch(() => undefined)) {
          for (;;) {
            const holder = await lock(prefix).read(connection);
            if (!holder?.alive) break;
            if (Date.now() - killedAt > 60_000) {
              row.notes.push(`${prefix}: holder still alive after 60 s`);
              break;
            }
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          row.detect.push(Date.now() - killedAt);
        }
        // Compare what the database says with the tables that exist.
        const versions = await versionRows(connection, prefix);
        const at = versions.length === 0 ? 0 : Number(versions[0].slice(`${prefix}r`.length));
        const tables = await tablesWith(connection, kind, prefix);
        const step = (await lock(prefix).read(connection))?.step;
        let consistent: boolean;
        let skipNext = false;
        if (!step) {
          row.clean++;
          consistent = sameSet(tables, tablesUpTo(prefix, at));
        } else {
          row.dirty++;
          const r = Number(step.revision.slice(`${prefix}r`.length));
          const statements = statementsOf(prefix, r);
          const k = step.statementsRun ?? 0;
          const ran = [
            ...tablesUpTo(prefix, r - 1),
            ...statements.slice(0, k).filter((x): x is string => !!x),
          ];
          const next = statements[k];
          consistent = r === at + 1 && sameSet(tables, ran);
          if (!consistent && step.lastStatementState === "running" && next) {
            // The statement recorded as running took effect before the kill.
            consistent = r === at + 1 && sameSet(tables, [...ran, next]);
            skipNext = consistent;
          }
          if (step.lastStatementState === "running") row.inFlight++;
        }
        if (!consistent) {
          row.inconsistent++;
          row.notes.push(
            `${prefix}: versions [${versions}] step ${
              step ? `${step.revision}@${step.statementsRun}/${step.lastStatementState}` : "-"
            } tables [${[...tables].sort()}]`,
          );
        }
        // Repair as a user would, then check the end state.
        const repair = step
          ? await run(["upgrade", "--resume", ...(skipNext ? ["--skip-next"] : [])], p.dir)
          : await run(["upgrade", "head"], p.dir);
        const endTables = await tablesWith(connection, kind, prefix);
        const endVersions = await versionRows(connection, prefix);
        if (
          repair.code === 0 && endVersions.join() === `${prefix}r${revisions}` &&
          sameSet(endTables, tablesUpTo(prefix, revisions))
        ) {
          row.repaired++;
        } else {
          row.notes.push(
            `${prefix}: repair exit ${repair.code}: ${repair.stderr.trim().split("\n").at(-1)}`,
          );
        }
      } finally {
        p.cleanup();
      }
    }
  } finally {
    await connection.close();
  }
  return row;
}

// ---------------------------------------------------------------------------------------------
// concurrent trials

interface ConcurrentRow {
  kind: Kind;
  mode: Mode;
  what: string;
  processes: number;
  ok: number;
  concurrentChange: number;
  other: number;
  slowestMs: number;
  consistent: boolean;
  notes: string[];
}

const boundMs = 120_000;

async function concurrentTrial(
  db: ThrowawayDatabase,
  mode: Mode,
  ups: number,
  downs: number,
  counter: { n: number },
): Promise<ConcurrentRow> {
  const kind = db.kind as Kind;
  const prefix = `q${counter.n++}`;
  const p = makeProject(db, prefix, mode);
  try {
    if (downs > 0) {
      const first = await run(["upgrade", "head"], p.dir); // something to take down
      if (first.code !== 0) throw new Error(first.stderr);
    }
    const argvs = [
      ...Array.from({ length: ups }, () => ["upgrade", "head"]),
      ...Array.from({ length: downs }, () => ["downgrade", "base"]),
    ].sort(() => random() - 0.5);
    const runs = await Promise.all(argvs.map((argv) => start(argv, p.dir, { boundMs }).done));
    const row: ConcurrentRow = {
      kind,
      mode,
      what: downs === 0 ? `${ups} upgrades` : `${ups} up + ${downs} down`,
      processes: runs.length,
      ok: 0,
      concurrentChange: 0,
      other: 0,
      slowestMs: Math.max(...runs.map((r) => r.ms)),
      consistent: false,
      notes: [],
    };
    for (const r of runs) {
      if (r.code === 0) row.ok++;
      else if (r.code === 1 && /another retort run changed the database/.test(r.stderr)) {
        row.concurrentChange++;
      } else {
        row.other++;
        row.notes.push(`exit ${r.code}: ${r.stderr.trim().split("\n").at(-1)}`);
      }
    }
    const connection = await db.connect();
    try {
      const versions = await versionRows(connection, prefix);
      const at = versions.length === 0 ? 0 : Number(versions[0].slice(`${prefix}r`.length));
      const dirty = (await new RunLock(dialectFor(kind), `${prefix}_version`).read(connection))
        ?.step;
      row.consistent = versions.length <= 1 && !dirty &&
        sameSet(await tablesWith(connection, kind, prefix), tablesUpTo(prefix, at));
      if (downs === 0 && at !== revisions) row.consistent = false;
    } finally {
      await connection.close();
    }
    return row;
  } finally {
    p.cleanup();
  }
}

// ---------------------------------------------------------------------------------------------
// main

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function table(headers: string[], rows: (string | number)[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: (string | number)[]) =>
    `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  return [line(headers), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...rows.map(line)]
    .join("\n");
}

const crashRows: CrashRow[] = [];
const concurrentRows: ConcurrentRow[] = [];
const modes: Mode[] = ["plain", "per-migration", "no-transaction"];
for (const kind of kinds) {
  const { db, skip } = await throwawayDatabase(kind);
  if (!db) {
    console.error(`skipping ${kind}: ${skip}`);
    continue;
  }
  const counter = { n: 1 };
  try {
    if (!flag("skip-crash")) {
      for (const mode of modes) {
        const row = await crashTrials(db, mode, counter);
        crashRows.push(row);
        console.error(`crash ${kind} ${mode}: done (${row.trials} trials)`);
      }
    }
    if (!flag("skip-concurrent")) {
      for (const mode of ["plain", "per-migration"] as Mode[]) {
        for (const [ups, downs] of [[8, 0], [16, 0], [4, 4], [8, 8]]) {
          concurrentRows.push(await concurrentTrial(db, mode, ups, downs, counter));
        }
      }
      console.error(`concurrent ${kind}: done`);
    }
  } finally {
    await db.drop();
  }
}

console.log(`seed ${firstSeed}, ${trials} crash trials per database and mode\n`);
if (crashRows.length > 0) {
  console.log("kill -9 at a random point of `retort upgrade head` (4 revisions x 7 statements)\n");
  console.log(table(
    [
      "database",
      "mode",
      "trials",
      "clean",
      "dirty",
      "next was running",
      "inconsistent",
      "repaired",
      "dead holder detected (median / max ms, n)",
      "kill window ms",
    ],
    crashRows.map((r) => [
      r.kind,
      r.mode,
      r.trials,
      r.clean,
      r.dirty,
      r.inFlight,
      r.inconsistent,
      `${r.repaired}/${r.trials}`,
      r.detect.length === 0
        ? "no holder at kill"
        : `${median(r.detect)} / ${Math.max(...r.detect)} (${r.detect.length})`,
      r.window ?? "",
    ]),
  ));
  for (const r of crashRows) {
    for (const note of r.notes) console.log(`  ${r.kind} ${r.mode}: ${note}`);
  }
  console.log();
}
if (concurrentRows.length > 0) {
  console.log("processes started together on one database (4 revisions)\n");
  console.log(table(
    [
      "database",
      "mode",
      "runs",
      "exit 0",
      "exit 1 CONCURRENT_CHANGE",
      "other",
      "slowest ms",
      "consistent",
    ],
    concurrentRows.map((r) => [
      r.kind,
      r.mode,
      r.what,
      r.ok,
      r.concurrentChange,
      r.other,
      r.slowestMs,
      r.consistent ? "yes" : "NO",
    ]),
  ));
  for (const r of concurrentRows) {
    for (const note of r.notes) console.log(`  ${r.kind} ${r.mode} ${r.what}: ${note}`);
  }
}
