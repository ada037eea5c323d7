/**
 * Times what `retort check` does to a database of N tables (default 500) on SQLite,
 * PostgreSQL and MariaDB/MySQL: the introspector's read of the whole schema, then
 * compareSchemas against the declaration (types and server defaults compared).
 *
 * Each table has a key, a foreign key to the table before it, a column of every t.* type the
 * database has (with server defaults), a unique constraint, two indexes and a check
 * (scripts/bench/_bench_schema.ts). The tables are created once per database with retort's
 * own SQL, outside the timing; every timed run must find no change (so a broken compare
 * cannot pass for a fast one). Runs after a warm-up; the table shows the median and the
 * fastest of each part.
 *
 * Then, as whole processes on the same database: `dist/retort check` (build it first) in a
 * project whose target builds the same schema, which must exit 0, and Alembic's
 * compare_metadata (scripts/bench/alembic_compare.py, /usr/bin/python3 with alembic,
 * psycopg2 and pymysql) on the same schema as SQLAlchemy MetaData; the ratio is Alembic's
 * median over retort's. BENCH_SHOW=1 prints the first differences Alembic reports.
 *
 *   bun scripts/bench/compare_schema.ts [--tables 500] [--runs 5] [--only sqlite,postgres,mysql]
 *   deno run -A scripts/bench/compare_schema.ts ...
 *
 * Servers: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) and
 * BENCH_MYSQL_URL (default mysql://root@127.0.0.1:3306/mysql); a throwaway database is created
 * on each and dropped at the end. Not a test: nothing asserts a time.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { compareSchemas } from "../../src/autogen/compare.ts";
import { parseDatabaseUrl } from "../../src/config/database_url.ts";
import type { Dialect } from "../../src/dialect/dialect.ts";
import { dialectFor } from "../../src/dialect/dialect_for.ts";
import { connect } from "../../src/driver/connect.ts";
import type { Connection } from "../../src/driver/connection.ts";
import { coreRegistry } from "../../src/ops/builtin_operations.ts";
import type { DatabaseSchema } from "../../src/schema/database_schema.ts";
import { defineSchema, schemaModel, table } from "../../src/schema/define_schema.ts";
import { sql } from "../../src/schema/sql_fragment.ts";
import { t } from "../../src/schema/types.ts";
import type { Kind } from "./_bench_schema.ts";
import { benchSchema } from "./_bench_schema.ts";


function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const tables = Number(option("tables", "500"));
const runs = Number(option("runs", "5"));
const only = option("only", "sqlite,postgres,mysql").split(",") as Kind[];

function declaration(kind: Kind): DatabaseSchema {
  return schemaModel(benchSchema({ t, sql, table, defineSchema }, kind, tables), {});
}

interface Place {
  readonly conn: Connection;
  /** The database's URL as retort takes it. */
  readonly url: string;
  drop(): Promise<void>;
}

async function place(kind: Kind): Promise<Place> {
  const name = `retort_bench_${Date.now().toString(36)}`;
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "retort-bench-"));
    const url = `sqlite:///${join(dir, "bench.db")}`;
    const conn = await connect(parseDatabaseUrl(url, dir));
    return {
      conn,
      url,
      drop: async () => (await conn.close(), rmSync(dir, { recursive: true, force: true })),
    };
  }
  const server = kind === "postgres"
    ? process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"
    : process.env.BENCH_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/mysql";
  const quote = kind === "mysql" ? "`" : '"';
  const admin = await connect(parseDatabaseUrl(server, process.cwd()));
  await admin.execute(`CREATE DATABASE ${quote}${name}${quote}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const conn = await connect(parseDatabaseUrl(url.href, process.cwd()));
  return {
    conn,
    url: url.href,
    drop: async () => {
      await conn.close();
      await admin.execute(`DROP DATABASE IF EXISTS ${quote}${name}${quote}`);
      await admin.close();
    },
  };
}

async function create(dialect: Dialect, conn: Connection, schema: DatabaseSchema): Promise<void> {
  const registry = coreRegistry();
  const statements = schema.tables.flatMap((t) =>
    registry.sqlFor({ kind: "createTable", ...t }, dialect)
  );
  // One transaction where DDL is transactional (much faster on SQLite); MySQL commits each.
  if (dialect.name === "mysql") {
    for (const s of statements) await conn.execute(s.sql, s.params);
    return;
  }
  await conn.transaction(async (tx) => {
    for (const s of statements) await tx.execute(s.sql, s.params);
  });
}

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const python = "/usr/bin/python3";

/** Milliseconds `command` takes as a process; it must exit 0. */
function timed(command: string, args: string[], cwd: string): { ms: number; stdout: string } {
  const started = performance.now();
  const run = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")}: exit ${run.status}: ${run.stderr}${run.stdout}`);
  if (process.env.BENCH_SHOW) process.stderr.write(run.stderr);
  return { ms, stdout: run.stdout };
}

/**
 * `retort check` run by the compiled binary in a project whose target builds the same schema,
 * and Alembic's compare_metadata on the same database, each as a whole process.
 */
async function timeProcesses(kind: Kind, url: string, declared: DatabaseSchema) {
  const binary = join(repoRoot, "dist", "retort");
  const dir = mkdtempSync(join(tmpdir(), "retort-bench-check-"));
  try {
    writeFileSync(join(dir, "retort.json"), JSON.stringify({ url, target: "schema.ts", compareServerDefault: true }));
    mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
    writeFileSync(
      join(dir, "schema.ts"),
      `import { defineSchema, sql, t, table } from "retort";\n` +
        `import { benchSchema } from ${JSON.stringify(join(repoRoot, "scripts", "bench", "_bench_schema.ts"))};\n` +
        `export default benchSchema({ defineSchema, sql, t, table }, ${JSON.stringify(kind)}, ${tables});\n`,
    );
    writeFileSync(join(dir, "schema.json"), JSON.stringify(declared));
    const retort: number[] = [];
    const alembic: number[] = [];
    let alembicSaid = "";
    const alembicUrl = kind === "sqlite"
      ? `sqlite:///${url.replace(/^sqlite:\/\/\//, "")}`
      : kind === "postgres"
      ? url.replace(/^postgres:/, "postgresql+psycopg2:")
      : url.replace(/^mysql:/, "mysql+pymysql:");
    const haveBinary = existsSync(binary);
    const haveAlembic = spawnSync(python, ["-c", "import alembic"]).status === 0;
    for (let run = 0; run <= runs; run++) {
      const r = haveBinary ? timed(binary, ["check"], dir).ms : NaN;
      const a = haveAlembic
        ? timed(python, [join(repoRoot, "scripts", "bench", "alembic_compare.py"), alembicUrl, kind, "schema.json", ...(process.env.BENCH_SHOW ? ["--show"] : [])], dir)
        : undefined;
      if (run === 0) continue;
      retort.push(r);
      if (a) alembic.push(a.ms), (alembicSaid = a.stdout.trim());
    }
    if (alembicSaid) console.error(`${kind}: alembic: ${alembicSaid}`);
    const r = haveBinary ? median(retort) : NaN;
    const a = alembic.length ? median(alembic) : NaN;
    return {
      retort: haveBinary ? fmt(r) : "no dist/retort".padStart(10),
      alembic: alembic.length ? fmt(a) : "no alembic".padStart(10),
      ratio: `${(a / r).toFixed(1)}x`.padStart(6),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${ms.toFixed(1)} ms`.padStart(10);

const rows: string[][] = [];
for (const kind of only) {
  const dialect = dialectFor(kind);
  const declared = declaration(kind);
  let at: Place;
  try {
    at = await place(kind);
  } catch (error) {
    console.error(`${kind}: skipped (${(error as Error).message.split("\n")[0]})`);
    continue;
  }
  try {
    const started = performance.now();
    await create(dialect, at.conn, declared);
    console.error(
      `${kind}: created ${tables} tables in ${(performance.now() - started).toFixed(0)} ms`,
    );
    const query = (text: string, params?: readonly unknown[]) => at.conn.query(text, params);
    const read: number[] = [];
    const compared: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const a = performance.now();
      const reflected = await dialect.introspect(query, {});
      const b = performance.now();
      const changes = await compareSchemas(declared, reflected, {
        dialect,
        compareType: true,
        compareServerDefault: true,
      });
      const c = performance.now();
      if (changes.length > 0) {
        throw new Error(
          `${kind}: expected no change, got ${
            changes.slice(0, 3).map((x) => x.description).join("; ")
          }`,
        );
      }
      if (reflected.tables.length !== tables) {
        throw new Error(`${kind}: read ${reflected.tables.length} tables`);
      }
      if (run === 0) continue; // warm-up
      read.push(b - a);
      compared.push(c - b);
    }
    const total = read.map((r, i) => r + compared[i]);
    const processes = await timeProcesses(kind, at.url, declared);
    rows.push([
      kind,
      fmt(median(read)),
      fmt(median(compared)),
      fmt(median(total)),
      fmt(Math.min(...total)),
      processes.retort,
      processes.alembic,
      processes.ratio,
    ]);
  } finally {
    await at.drop();
  }
}

const runtime = typeof (globalThis as { Bun?: unknown }).Bun !== "undefined" ? "bun" : "deno";
console.log(`\n${tables} tables, ${runs} runs (median), ${runtime}; "retort check" and "alembic" are`);
console.log("whole processes (start, config, target, read, compare), Alembic's compare_metadata beside\n");
const header = ["database", "introspect", "compare", "total", "best total", "retort check", "alembic", "ratio"];
console.log(header.map((h, i) => (i === 0 ? h.padEnd(10) : h.padStart(10))).join("  "));
for (const row of rows) console.log(row.map((c, i) => (i === 0 ? c.padEnd(10) : c)).join("  "));
