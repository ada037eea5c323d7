/**
 * Times a batch table rebuild of a SQLite table of N rows (3 indexes, a trigger): a revision
 * that changes one column's type (TEXT -> INTEGER), run by `dist/retort upgrade head`
 * (through the CLI, so process start, config and the version table are included), against
 * the bare procedure run by the `sqlite3` shell (CREATE new / INSERT ... SELECT / DROP /
 * RENAME / CREATE INDEX x3 / CREATE TRIGGER, in one transaction), and against Alembic's
 * `batch_alter_table` (Debian's Alembic and SQLAlchemy, run by /usr/bin/python3). Each run
 * starts from a fresh copy of the same file; the tools take turns (interleaved) and the
 * table shows medians. Not a test: nothing here asserts a time. Run after `npm run build`:
 *
 *   bun scripts/bench/batch_sqlite.ts [--rows 1000000] [--runs 3]
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const rows = argument("rows", 1_000_000);
const runs = argument("runs", 3);
const root = new URL("../..", import.meta.url).pathname;
const binary = join(root, "dist", "retort");
if (!existsSync(binary)) throw new Error("dist/retort is missing: run `npm run build` first");
const python = "/usr/bin/python3";
const hasAlembic = spawnSync(python, ["-c", "import alembic, sqlalchemy"]).status === 0;

const dir = mkdtempSync(join(tmpdir(), "retort-batch-bench-"));
const base = join(dir, "base.db");

const table = `CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  amount TEXT,
  created TEXT NOT NULL
)`;
const indexes = [
  "CREATE INDEX ix_events_user ON events (user_id)",
  "CREATE INDEX ix_events_kind_created ON events (kind, created)",
  "CREATE INDEX ix_events_amount ON events (amount) WHERE amount IS NOT NULL",
];
const trigger =
  "CREATE TRIGGER events_audit AFTER UPDATE ON events BEGIN INSERT INTO audit VALUES (NEW.id); END";

sqlite(
  base,
  [
    table,
    "CREATE TABLE audit (event_id INTEGER)",
    `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${rows})
   INSERT INTO events SELECT x, x % 1000, 'kind' || (x % 7), CAST(x % 5000 AS TEXT),
   datetime(1700000000 + x, 'unixepoch') FROM c`,
    ...indexes,
    trigger,
  ].join(";\n"),
);

function sqlite(file: string, script: string): void {
  const run = spawnSync("sqlite3", ["-bail", file], { input: `${script};\n`, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`sqlite3 failed: ${run.stderr}`);
}

// ---- retort: a project whose only revision is the batch ----------------------------------
const project = join(dir, "retort");
mkdirSync(join(project, "migrations", "versions"), { recursive: true });
writeFileSync(join(project, "retort.json"), JSON.stringify({ url: "sqlite:bench.db" }));
writeFileSync(
  join(project, "migrations", "versions", "a1_amount_integer.ts"),
  `/** amount becomes an integer */
export const revision = "a1";
export const downRevision: string | null = null;

export async function upgrade({ op, t }: any): Promise<void> {
  await op.batchAlterTable("events", (batch) => {
    batch.alterColumn("amount", { type: t.integer() });
  });
}

export async function downgrade(): Promise<void> {}
`,
);

// ---- Alembic: the same revision with batch_alter_table ------------------------------------
const alembic = join(dir, "alembic");
mkdirSync(join(alembic, "versions"), { recursive: true });
writeFileSync(
  join(alembic, "alembic.ini"),
  `[alembic]\nscript_location = ${alembic}\nsqlalchemy.url = sqlite:///${
    join(alembic, "bench.db")
  }\n`,
);
writeFileSync(join(alembic, "script.py.mako"), "");
writeFileSync(
  join(alembic, "env.py"),
  `from alembic import context
from sqlalchemy import create_engine
engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
`,
);
writeFileSync(
  join(alembic, "versions", "a1_amount_integer.py"),
  `import sqlalchemy as sa
from alembic import op
revision = "a1"
down_revision = None
branch_labels = None
depends_on = None

def upgrade():
    with op.batch_alter_table("events") as batch:
        batch.alter_column("amount", type_=sa.Integer(), existing_type=sa.Text())

def downgrade():
    pass
`,
);

// ---- the bare procedure in the sqlite3 shell -----------------------------------------------
const bare = [
  "PRAGMA foreign_keys = OFF",
  "BEGIN",
  table.replace("events", "_new_events").replace("amount TEXT", "amount INTEGER"),
  "INSERT INTO _new_events (id, user_id, kind, amount, created) SELECT id, user_id, kind, amount, created FROM events",
  "DROP TABLE events",
  "ALTER TABLE _new_events RENAME TO events",
  ...indexes,
  trigger,
  "COMMIT",
].join(";\n");

const tools: Record<string, () => number> = {
  "sqlite3 shell (bare procedure)": () => {
    const file = join(dir, "bare.db");
    copyFileSync(base, file);
    return timed(() => sqlite(file, bare));
  },
  "retort (dist/retort upgrade head)": () => {
    copyFileSync(base, join(project, "bench.db"));
    return timed(() => {
      const run = spawnSync(binary, ["upgrade", "head", "-q"], { cwd: project, encoding: "utf8" });
      if (run.status !== 0) throw new Error(`retort failed: ${run.stderr}`);
    });
  },
  ...(hasAlembic
    ? {
      "Alembic 1.8 batch_alter_table": () => {
        copyFileSync(base, join(alembic, "bench.db"));
        return timed(() => {
          const run = spawnSync(python, [
            "-m",
            "alembic",
            "-c",
            join(alembic, "alembic.ini"),
            "upgrade",
            "head",
          ], {
            cwd: alembic,
            encoding: "utf8",
          });
          if (run.status !== 0) throw new Error(`alembic failed: ${run.stderr}`);
        });
      },
    }
    : {}),
};

function timed(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

const times: Record<string, number[]> = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
for (let run = 0; run < runs; run++) {
  for (const [name, tool] of Object.entries(tools)) times[name].push(tool());
}

// What each tool left: rows, indexes and triggers on the rebuilt table.
const leftBy: Record<string, string> = {};
for (
  const [name, file] of [
    ["sqlite3 shell (bare procedure)", join(dir, "bare.db")],
    ["retort (dist/retort upgrade head)", join(project, "bench.db")],
    ["Alembic 1.8 batch_alter_table", join(alembic, "bench.db")],
  ]
) {
  if (!existsSync(file)) continue;
  const out = spawnSync("sqlite3", [
    file,
    "SELECT (SELECT count(*) FROM events) || ' rows, ' || " +
    "(SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL) || ' indexes, ' || " +
    "(SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events') || ' trigger(s), amount ' || " +
    "(SELECT typeof(amount) FROM events LIMIT 1)",
  ], { encoding: "utf8" });
  leftBy[name] = out.stdout.trim();
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const baseline = median(times["sqlite3 shell (bare procedure)"]);
console.log(
  `\nRebuild of a ${
    rows.toLocaleString("en-US")
  }-row table (3 indexes, 1 trigger), median of ${runs} interleaved runs:\n`,
);
console.log("| tool | median | vs sqlite3 shell | left behind |");
console.log("| --- | ---: | ---: | --- |");
for (const [name, list] of Object.entries(times)) {
  const m = median(list);
  console.log(
    `| ${name} | ${(m / 1000).toFixed(2)} s | ${(m / baseline).toFixed(2)}x | ${
      leftBy[name] ?? ""
    } |`,
  );
}
if (!hasAlembic) {
  console.log("\n(Alembic skipped: /usr/bin/python3 cannot import alembic and sqlalchemy)");
}
rmSync(dir, { recursive: true, force: true });
