/**
 * Times `upgrade head` over N generated revisions (each creates a table with a primary key and
 * two more columns, and an index on it) on SQLite, PostgreSQL and MariaDB/MySQL, three ways:
 *
 * - the bare script: what `dist/retort upgrade head --sql` prints for that database (the same
 *   statements as an online run, version-table writes included, BEGIN/COMMIT where DDL is
 *   transactional), run by the database's own shell: `sqlite3 FILE < script`,
 *   `psql -q -v ON_ERROR_STOP=1 -f script`, `mariadb DB < script`. (On MySQL/MariaDB an online
 *   run also keeps its lock row, `retort_version_lock`, marking and clearing each step and
 *   recording each statement before it starts and once it completed: about 11 round trips per
 *   revision of two statements against the script's 3. On SQLite and PostgreSQL the counts match.)
 * - `dist/retort upgrade head -q`;
 * - `/usr/bin/python3 -m alembic upgrade head` on the same revisions (same ids, same chain,
 *   `op.create_table` + `op.create_index`, the same constraint and index names), logging at WARN.
 *
 *   npm run build && bun scripts/bench/upgrade_databases.ts [--revisions 1000] [--runs 3]
 *       [--only sqlite,postgres,mysql] [--binary PATH]
 *
 * Every timed run starts from a freshly created empty database (a new SQLite file, or
 * CREATE DATABASE on the server), created and dropped outside the timing. Within each run the
 * three runners go one after the other, in an order that rotates from run to run, so machine
 * noise falls on all of them alike; the tables show medians and ratios to the bare script.
 * After every timed run the N tables, the N indexes and the version table's head are checked,
 * so a broken run cannot pass for a fast one. Untimed warm-ups first (`retort heads`,
 * `alembic heads`: the latter writes Alembic's __pycache__). Every database made here is
 * dropped at the end, also on failure.
 *
 * Servers: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432) and
 * BENCH_MYSQL_URL (default mysql://root@127.0.0.1:3306), with `psql` and `mariadb` (or
 * `mysql`) on PATH; Alembic needs psycopg2 and pymysql for /usr/bin/python3
 * (`apt-get install -y python3-psycopg2 python3-pymysql`). Not a test: nothing asserts a time.
 */
import { spawnSync } from "node:child_process";
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";

// ---------------------------------------------------------------------------------------------
// options

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw usage(`unexpected argument "${a}"`);
    const eq = a.indexOf("=");
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else if (i + 1 < argv.length) out[a.slice(2)] = argv[++i];
    else throw usage(`${a} needs a value`);
  }
  return out;
}
function usage(message: string): Error {
  return new Error(
    `${message}\nusage: bun scripts/bench/upgrade_databases.ts [--revisions N=1000] [--runs R=3] ` +
      "[--only sqlite,postgres,mysql] [--binary PATH]",
  );
}
const opts = parseArgs(process.argv.slice(2));
for (const key of Object.keys(opts)) {
  if (!["revisions", "runs", "only", "binary"].includes(key)) {
    throw usage(`unknown option --${key}`);
  }
}
const count = Number(opts.revisions ?? 1000);
const runs = Number(opts.runs ?? 3);
if (!Number.isInteger(count) || count < 1) throw usage("--revisions must be a positive integer");
if (!Number.isInteger(runs) || runs < 1) throw usage("--runs must be a positive integer");
const ALL = ["sqlite", "postgres", "mysql"] as const;
type Kind = (typeof ALL)[number];
const only = (opts.only ?? ALL.join(",")).split(",").map((s) => s.trim()).filter(Boolean).map((s) =>
  s === "mariadb" ? "mysql" : s === "postgresql" || s === "pg" ? "postgres" : s
);
for (const s of only) {
  if (!(ALL as readonly string[]).includes(s)) throw usage(`--only: unknown database "${s}"`);
}
const kinds = ALL.filter((k) => only.includes(k));

const PYTHON = "/usr/bin/python3";
/** Lets Alembic keep its version files' bytecode in __pycache__, as it would on a developer's
 * machine (an inherited PYTHONDONTWRITEBYTECODE=1 would make it compile all N every run). */
const ALEMBIC_ENV = { PYTHONDONTWRITEBYTECODE: "" };
const TIMEOUT_MS = 900_000;
const root = new URL("../..", import.meta.url).pathname;
const built = opts.binary ?? join(root, "dist", "retort");
const binary = privateBinary(built);

/** dist/retort may be rebuilt by someone else while this runs: time a private copy (removed at the end). */
function privateBinary(built: string): string {
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
  const copy = join(tmpdir(), `retort-bench-bin-${process.pid}`);
  cpSync(built, copy);
  return copy;
}

// ---------------------------------------------------------------------------------------------
// processes

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `command`; `stdin`/`stdout` may name files. Throws unless it exits 0. */
function run(
  command: string[],
  { cwd, stdin, stdout, env }: {
    cwd?: string;
    stdin?: string;
    stdout?: string;
    env?: Record<string, string>;
  } = {},
): Ran {
  const inFd = stdin ? openSync(stdin, "r") : undefined;
  const outFd = stdout ? openSync(stdout, "w") : undefined;
  try {
    const start = performance.now();
    const r = spawnSync(command[0], command.slice(1), {
      cwd,
      stdio: [inFd ?? "ignore", outFd ?? "pipe", "pipe"],
      encoding: "utf8",
      timeout: TIMEOUT_MS,
      killSignal: "SIGKILL",
      maxBuffer: 1 << 30,
      env: { ...process.env, NO_COLOR: "1", ...env },
    });
    const ms = performance.now() - start;
    const ran = { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "", ms };
    if (r.error || r.status !== 0) {
      const why = r.error ? r.error.message : `exit ${r.status}`;
      throw new Error(
        `\`${command.join(" ")}\` failed (${why}): ${
          ran.stderr.trim().split("\n").slice(-3).join(" | ")
        }`,
      );
    }
    return ran;
  } finally {
    if (inFd !== undefined) closeSync(inFd);
    if (outFd !== undefined) closeSync(outFd);
  }
}

function which(...names: string[]): string {
  for (const name of names) {
    const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
    if (found) return found;
  }
  throw new Error(`none of ${names.join(", ")} is on PATH`);
}

// ---------------------------------------------------------------------------------------------
// the projects

const id = (i: number) => `r${String(i).padStart(11, "0")}`;
const work = mkdtempSync(join(tmpdir(), "retort-bench-db-"));
const retortDir = join(work, "retort");
const alembicDir = join(work, "alembic");

function writeRetortProject(): void {
  const versions = join(retortDir, "migrations", "versions");
  mkdirSync(versions, { recursive: true });
  writeFileSync(join(retortDir, "retort.json"), JSON.stringify({ url: "sqlite:bench.db" }));
  for (let i = 0; i < count; i++) {
    writeFileSync(
      join(versions, `${id(i)}_table_${i}.ts`),
      `/** table ${i} */
import type { MigrationContext } from "retort";

export const revision = "${id(i)}";
export const downRevision: string | null = ${i === 0 ? "null" : `"${id(i - 1)}"`};

export async function upgrade({ op, t }: MigrationContext): Promise<void> {
  await op.createTable("t${i}", [
    t.column("id", t.integer(), { primaryKey: true }),
    t.column("name", t.varchar(100), { nullable: false }),
    t.column("created", t.timestamp()),
  ]);
  await op.createIndex("t${i}", "name");
}

export async function downgrade({ op }: MigrationContext): Promise<void> {
  await op.dropTable("t${i}");
}
`,
    );
  }
}

const ALEMBIC_INI = `[alembic]
script_location = %(here)s

[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console
qualname =

[logger_sqlalchemy]
level = WARN
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = WARN
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
`;

/** Alembic's generic env.py, with the URL taken from `-x url=...`. */
const ENV_PY = `from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)

url = context.get_x_argument(as_dictionary=True).get("url") or "sqlite:///bench.db"

if context.is_offline_mode():
    context.configure(url=url, literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()
else:
    connectable = create_engine(url, poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
`;

function writeAlembicProject(): void {
  const versions = join(alembicDir, "versions");
  mkdirSync(versions, { recursive: true });
  writeFileSync(join(alembicDir, "alembic.ini"), ALEMBIC_INI);
  writeFileSync(join(alembicDir, "env.py"), ENV_PY);
  for (let i = 0; i < count; i++) {
    writeFileSync(
      join(versions, `${id(i)}_table_${i}.py`),
      `"""table ${i}

Revision ID: ${id(i)}
Revises: ${i === 0 ? "" : id(i - 1)}
"""
from alembic import op
import sqlalchemy as sa

revision = "${id(i)}"
down_revision = ${i === 0 ? "None" : `"${id(i - 1)}"`}
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "t${i}",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("created", sa.DateTime()),
        sa.PrimaryKeyConstraint("id", name="pk_t${i}"),
    )
    op.create_index("ix_t${i}_name", "t${i}", ["name"])


def downgrade():
    op.drop_table("t${i}")
`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// the databases

/** One freshly made empty database: a file path (SQLite) or a database name (servers). */
type Target = string;

interface Database {
  readonly kind: Kind;
  readonly title: string;
  /** What runs the bare script, for the table. */
  readonly shellLabel: string;
  readonly alembicDriver: string;
  create(tag: string): Target;
  drop(target: Target): void;
  retortUrl(target: Target): string;
  alembicUrl(target: Target): string;
  /** Runs the bare script against `target`, timed. */
  runScript(target: Target, script: string): Ran;
  /** `tables|indexes|version heads` for `t<i>` tables, `ix_t<i>_name` indexes. */
  check(target: Target, versionTable: string): string;
}

const created = new Map<string, Database>();

function serverUrl(env: string, fallback: string): URL {
  return new URL(process.env[env] ?? fallback);
}

function sqliteDatabase(): Database {
  const sqlite3 = which("sqlite3");
  const version = run([sqlite3, "-version"]).stdout.split(" ")[0];
  let n = 0;
  const db: Database = {
    kind: "sqlite",
    title: `SQLite ${version} (file)`,
    shellLabel: "`sqlite3 FILE < script`",
    alembicDriver: "pysqlite",
    create(tag) {
      const path = join(work, `db-${tag}-${n++}.sqlite`);
      rmSync(path, { force: true });
      created.set(path, db);
      return path;
    },
    drop(path) {
      for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
      created.delete(path);
    },
    retortUrl: (path) => `sqlite:///${path}`,
    alembicUrl: (path) => `sqlite:///${path}`,
    runScript: (path, script) => run([sqlite3, "-bail", path], { stdin: script }),
    check(path, versionTable) {
      return run([
        sqlite3,
        path,
        `SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name GLOB 't[0-9]*') || '|' ||
           (SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name GLOB 'ix_t[0-9]*_name') || '|' ||
           (SELECT group_concat(version_num) FROM "${versionTable}")`,
      ]).stdout.trim();
    },
  };
  return db;
}

function postgresDatabase(): Database {
  const psql = which("psql");
  const url = serverUrl("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432");
  const user = decodeURIComponent(url.username || "postgres");
  const port = url.port || "5432";
  const env: Record<string, string> = url.password
    ? { PGPASSWORD: decodeURIComponent(url.password) }
    : {};
  const conn = (
    dbname: string,
  ) => [psql, "-X", "-h", url.hostname, "-p", port, "-U", user, "-d", dbname];
  const admin = (sql: string) =>
    run([...conn("postgres"), "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], { env });
  const version =
    run([...conn("postgres"), "-Atc", "SHOW server_version"], { env }).stdout.trim().split(" ")[0];
  const auth = `${encodeURIComponent(user)}${
    url.password ? `:${url.password}` : ""
  }@${url.hostname}:${port}`;
  let n = 0;
  const db: Database = {
    kind: "postgres",
    title: `PostgreSQL ${version}`,
    shellLabel: "`psql -q -v ON_ERROR_STOP=1 -f script`",
    alembicDriver: "psycopg2",
    create(tag) {
      const name = `retort_bench_${process.pid}_${tag}_${n++}`;
      created.set(name, db);
      admin(`DROP DATABASE IF EXISTS ${name}`);
      admin(`CREATE DATABASE ${name}`);
      return name;
    },
    drop(name) {
      admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      created.delete(name);
    },
    retortUrl: (name) => `postgres://${auth}/${name}`,
    alembicUrl: (name) => `postgresql+psycopg2://${auth}/${name}`,
    runScript: (name, script) =>
      run([...conn(name), "-q", "-v", "ON_ERROR_STOP=1", "-f", script], { env }),
    check(name, versionTable) {
      return run([
        ...conn(name),
        "-Atc",
        `SELECT (SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename ~ '^t[0-9]+$') || '|' ||
           (SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND indexname ~ '^ix_t[0-9]+_name$') || '|' ||
           (SELECT string_agg(version_num, ',') FROM "${versionTable}")`,
      ], { env }).stdout.trim();
    },
  };
  return db;
}

function mysqlDatabase(): Database {
  const client = which("mariadb", "mysql");
  const url = serverUrl("BENCH_MYSQL_URL", "mysql://root@127.0.0.1:3306");
  const user = decodeURIComponent(url.username || "root");
  const port = url.port || "3306";
  const env: Record<string, string> = url.password
    ? { MYSQL_PWD: decodeURIComponent(url.password) }
    : {};
  const conn = [client, "-h", url.hostname, "-P", port, "-u", user];
  const admin = (sql: string) => run([...conn, "-e", sql], { env });
  const version = run([...conn, "-N", "-B", "-e", "SELECT version()"], { env }).stdout.trim();
  const server = /mariadb/i.test(version) ? "MariaDB" : "MySQL";
  const auth = `${encodeURIComponent(user)}${
    url.password ? `:${url.password}` : ""
  }@${url.hostname}:${port}`;
  let n = 0;
  const db: Database = {
    kind: "mysql",
    title: `${server} ${version.split("-")[0]}`,
    shellLabel: `\`${client.split("/").pop()} DB < script\``,
    alembicDriver: "pymysql",
    create(tag) {
      const name = `retort_bench_${process.pid}_${tag}_${n++}`;
      created.set(name, db);
      admin(`DROP DATABASE IF EXISTS ${name}; CREATE DATABASE ${name}`);
      return name;
    },
    drop(name) {
      admin(`DROP DATABASE IF EXISTS ${name}`);
      created.delete(name);
    },
    retortUrl: (name) => `mysql://${auth}/${name}`,
    alembicUrl: (name) => `mysql+pymysql://${auth}/${name}`,
    runScript: (name, script) => run([...conn, name], { stdin: script, env }),
    check(name, versionTable) {
      return run([
        ...conn,
        name,
        "-N",
        "-B",
        "-e",
        `SELECT concat_ws('|',
           (SELECT count(*) FROM information_schema.tables
             WHERE table_schema = DATABASE() AND table_name REGEXP '^t[0-9]+$'),
           (SELECT count(DISTINCT table_name, index_name) FROM information_schema.statistics
             WHERE table_schema = DATABASE() AND index_name REGEXP '^ix_t[0-9]+_name$'),
           (SELECT group_concat(version_num) FROM \`${versionTable}\`))`,
      ], { env }).stdout.trim();
    },
  };
  return db;
}

function dropAll(): void {
  for (const [target, db] of [...created]) {
    try {
      db.drop(target);
    } catch (e) {
      console.error(`# could not drop ${target}: ${(e as Error).message}`);
    }
  }
}
process.on("SIGINT", () => {
  dropAll();
  rmSync(work, { recursive: true, force: true });
  rmSync(binary, { force: true });
  process.exit(130);
});

// ---------------------------------------------------------------------------------------------
// the benchmark

const RUNNERS = ["bare", "retort", "alembic"] as const;
type Runner = (typeof RUNNERS)[number];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function bench(db: Database): string {
  // the bare script, by retort itself (offline: no connection is made)
  const script = join(work, `${db.kind}.sql`);
  run([
    binary,
    "--url",
    db.retortUrl(db.kind === "sqlite" ? join(work, "offline.sqlite") : "offline"),
    "upgrade",
    "head",
    "--sql",
    "-q",
  ], {
    cwd: retortDir,
    stdout: script,
  });
  const text = readFileSync(script, "utf8");
  const statements = text.split("\n").filter((l) => /;\s*$/.test(l)).length;
  console.error(
    `# ${db.title}: bare script ${script}, ${
      (text.length / 1024).toFixed(0)
    } KiB, ~${statements} statements`,
  );

  const expected = `${count}|${count}|${id(count - 1)}`;
  const times: Record<Runner, number[]> = { bare: [], retort: [], alembic: [] };
  for (let r = 0; r < runs; r++) {
    const order = RUNNERS.map((_, i) => RUNNERS[(i + r) % RUNNERS.length]);
    for (const runner of order) {
      const target = db.create(runner);
      let ran: Ran;
      let versionTable = "retort_version";
      if (runner === "bare") ran = db.runScript(target, script);
      else if (runner === "retort") {
        ran = run([binary, "--url", db.retortUrl(target), "upgrade", "head", "-q"], {
          cwd: retortDir,
        });
      } else {
        versionTable = "alembic_version";
        ran = run([
          PYTHON,
          "-m",
          "alembic",
          "-x",
          `url=${db.alembicUrl(target)}`,
          "upgrade",
          "head",
        ], {
          cwd: alembicDir,
          env: ALEMBIC_ENV,
        });
      }
      const found = db.check(target, versionTable);
      if (found !== expected) {
        throw new Error(
          `${db.kind} ${runner} run ${
            r + 1
          }: found ${found} (tables|indexes|head), expected ${expected}`,
        );
      }
      db.drop(target);
      times[runner].push(ran.ms / 1000);
      console.error(
        `#   run ${r + 1} ${runner.padEnd(7)} ${(ran.ms / 1000).toFixed(3)} s  (checked: ${found})`,
      );
    }
  }

  const base = median(times.bare);
  const label: Record<Runner, string> = {
    bare: `bare script (\`retort upgrade --sql\`), ${db.shellLabel}`,
    retort: "`dist/retort upgrade head -q`",
    alembic: `\`alembic upgrade head\` (${db.alembicDriver})`,
  };
  const lines = [
    `### ${db.title}: upgrade head, ${count} revisions (a table + an index each), ${runs} run${
      runs > 1 ? "s" : ""
    }, median`,
    "",
    "| runner | median s | ratio to bare script | runs (s) |",
    "| --- | ---: | ---: | --- |",
    ...RUNNERS.map((runner) =>
      `| ${label[runner]} | ${median(times[runner]).toFixed(3)} | ${
        (median(times[runner]) / base).toFixed(2)
      } | ${times[runner].map((t) => t.toFixed(2)).join(", ")} |`
    ),
    "",
    `retort vs Alembic: ${(median(times.alembic) / median(times.retort)).toFixed(1)}x faster`,
    "",
  ];
  return lines.join("\n");
}

const out: string[] = [];
try {
  writeRetortProject();
  writeAlembicProject();
  const alembicVersion = run([
    PYTHON,
    "-c",
    "import alembic, sqlalchemy; print(alembic.__version__, sqlalchemy.__version__)",
  ])
    .stdout.trim().split(" ");
  console.error(
    `# ${count} revisions in ${work}; retort ${built} (timed as ${binary}); Alembic ${
      alembicVersion[0]
    } (SQLAlchemy ${alembicVersion[1]})`,
  );
  // untimed warm-ups: file cache; Alembic compiles its N version files into __pycache__
  const w1 = run([binary, "heads", "-q"], { cwd: retortDir });
  const w2 = run([PYTHON, "-m", "alembic", "heads"], { cwd: alembicDir, env: ALEMBIC_ENV });
  console.error(
    `# warm-up: retort heads ${(w1.ms / 1000).toFixed(2)} s, alembic heads ${
      (w2.ms / 1000).toFixed(2)
    } s`,
  );
  const makers: Record<Kind, () => Database> = {
    sqlite: sqliteDatabase,
    postgres: postgresDatabase,
    mysql: mysqlDatabase,
  };
  for (const kind of kinds) {
    const db = makers[kind]();
    const table = bench(db);
    out.push(table);
    console.log(table);
  }
  console.log(
    `(${process.platform}, retort ${built}, Alembic ${alembicVersion[0]} with SQLAlchemy ${
      alembicVersion[1]
    } ` +
      `on ${PYTHON}; every run on a freshly created empty database; runners interleaved, order rotated per run)`,
  );
} finally {
  dropAll();
  rmSync(work, { recursive: true, force: true });
  rmSync(binary, { force: true });
}
