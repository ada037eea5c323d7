/**
 * Times what `retort check` does to a database of N tables (default 500) on SQLite,
 * PostgreSQL and MariaDB/MySQL: the introspector's read of the whole schema, then
 * compareSchemas against the declaration (types and server defaults compared).
 *
 * Each table has a key, a foreign key to the table before it, a column of every t.* type the
 * database has (with server defaults), a unique constraint, two indexes and a check. The
 * tables are created once per database with retort's own SQL, outside the timing; every
 * timed run must find no change (so a broken compare cannot pass for a fast one). Runs after
 * a warm-up; the table shows the median and the fastest of each part.
 *
 *   bun scripts/bench/compare_schema.ts [--tables 500] [--runs 5] [--only sqlite,postgres,mysql]
 *   deno run -A scripts/bench/compare_schema.ts ...
 *
 * Servers: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) and
 * BENCH_MYSQL_URL (default mysql://root@127.0.0.1:3306/mysql); a throwaway database is created
 * on each and dropped at the end. Not a test: nothing asserts a time.
 */
import { mkdtempSync, rmSync } from "node:fs";
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
import type { Column } from "../../src/schema/column.ts";
import type { ColumnType } from "../../src/schema/column_type.ts";
import type { DatabaseSchema } from "../../src/schema/database_schema.ts";
import { defineSchema, schemaModel, table } from "../../src/schema/define_schema.ts";
import { sql } from "../../src/schema/sql_fragment.ts";
import { t } from "../../src/schema/types.ts";

type Kind = "sqlite" | "postgres" | "mysql";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const tables = Number(option("tables", "500"));
const runs = Number(option("runs", "5"));
const only = option("only", "sqlite,postgres,mysql").split(",") as Kind[];

/** The columns of every table: every t.* type the database has, most with a default. */
function columns(kind: Kind, i: number): Column[] {
  const types: [string, ColumnType, Column["serverDefault"]?][] = [
    ["i", t.integer(), 0],
    ["si", t.smallint(), -1],
    ["bi", t.bigint(), sql`9007199254740993`],
    ["bo", t.boolean(), true],
    ["tx", t.text(), kind === "mysql" ? undefined : "it's"],
    ["vc", t.varchar(100), "a\\b"],
    ["ch", t.char(3), "abc"],
    ["nu", t.numeric(10, 2), 1.5],
    ["re", t.real()],
    ["db", t.double(), 2.5],
    ["da", t.date(), "2020-01-02"],
    ["ti", t.time()],
    ["ts", t.timestamp(), sql`CURRENT_TIMESTAMP`],
    ["tz", t.timestamp({ tz: true, precision: 3 })],
    ["js", t.json()],
    ["uu", t.uuid()],
    ["by", t.bytes()],
    ["en", t.enum(["on", "off"], { name: "bench_state" }), "off"],
  ];
  return [
    t.column("id", t.integer(), { primaryKey: true }),
    t.column("ref_id", t.integer()),
    t.column("code", t.varchar(20), { nullable: false }),
    ...types.map(([name, type, serverDefault]) =>
      t.column(`${name}_${i % 7}`, type, serverDefault === undefined ? {} : { serverDefault })
    ),
  ];
}

function declaration(kind: Kind): DatabaseSchema {
  return schemaModel(
    defineSchema({
      tables: Array.from({ length: tables }, (_, i) => {
        const name = `bench_${String(i).padStart(4, "0")}`;
        const previous = `bench_${String(i - 1).padStart(4, "0")}`;
        return table(name, columns(kind, i), {
          uniques: [["code"]],
          checks: ["code <> ''"],
          indexes: [{ columns: ["ref_id", "code"] }, { columns: [`i_${i % 7}`] }],
          foreignKeys: i === 0 ? [] : [{
            columns: ["ref_id"],
            references: previous,
            referencesColumns: ["id"],
            onDelete: "CASCADE",
          }],
        });
      }),
    }),
    {},
  );
}

interface Place {
  readonly conn: Connection;
  drop(): Promise<void>;
}

async function place(kind: Kind): Promise<Place> {
  const name = `retort_bench_${Date.now().toString(36)}`;
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "retort-bench-"));
    const conn = await connect(parseDatabaseUrl(`sqlite:///${join(dir, "bench.db")}`, dir));
    return {
      conn,
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
    rows.push([
      kind,
      fmt(median(read)),
      fmt(median(compared)),
      fmt(median(total)),
      fmt(Math.min(...total)),
    ]);
  } finally {
    await at.drop();
  }
}

const runtime = typeof (globalThis as { Bun?: unknown }).Bun !== "undefined" ? "bun" : "deno";
console.log(`\n${tables} tables, ${runs} runs (median), ${runtime}\n`);
const header = ["database", "introspect", "compare", "total", "best total"];
console.log(header.map((h, i) => (i === 0 ? h.padEnd(10) : h.padStart(10))).join("  "));
for (const row of rows) console.log(row.map((c, i) => (i === 0 ? c.padEnd(10) : c)).join("  "));
