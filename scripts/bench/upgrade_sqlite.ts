/**
 * Times `retort upgrade head` over N generated revisions (each creates a table and an index)
 * on a fresh SQLite file, against the same SQL run by the `sqlite3` shell as one
 * transaction, and prints the ratio. The shell's script is the one `retort upgrade head --sql`
 * prints, so both run exactly the same statements. Run:
 * `bun scripts/bench/upgrade_sqlite.ts [N] [RUNS]` after `npm run build`. Not a test: nothing
 * here asserts a time. `scripts/bench/upgrade_databases.ts` does the same on SQLite, PostgreSQL
 * and MariaDB, with Alembic alongside.
 */
import { spawnSync } from "node:child_process";
import {
  closeSync,
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

const count = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 5);
const root = new URL("../..", import.meta.url).pathname;
const binary = join(root, "dist", "retort");
if (!existsSync(binary)) throw new Error("dist/retort is missing: run `npm run build` first");
const sqlite3 = spawnSync("sh", ["-c", "command -v sqlite3"], { encoding: "utf8" }).stdout.trim();
if (!sqlite3) throw new Error("the sqlite3 shell is missing: apt-get install -y sqlite3");

const dir = mkdtempSync(join(tmpdir(), "retort-bench-"));
const versions = join(dir, "migrations", "versions");
mkdirSync(versions, { recursive: true });
writeFileSync(join(dir, "retort.json"), JSON.stringify({ url: "sqlite:bench.db" }));

const id = (i: number) => `r${String(i).padStart(11, "0")}`;
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
// the shell's script: what retort would run, as `upgrade --sql` prints it (no connection made)
const script = join(dir, "bench.sql");
const out = openSync(script, "w");
const offline = spawnSync(binary, ["upgrade", "head", "--sql", "-q"], {
  cwd: dir,
  stdio: ["ignore", out, "pipe"],
  encoding: "utf8",
});
closeSync(out);
if (offline.status !== 0) throw new Error(`retort upgrade --sql failed: ${offline.stderr}`);

function time(command: string[], input?: string): number {
  rmSync(join(dir, "bench.db"), { force: true });
  const start = performance.now();
  const result = spawnSync(command[0], command.slice(1), {
    cwd: dir,
    stdio: [input ? "pipe" : "ignore", "ignore", "pipe"],
    input,
    encoding: "utf8",
  });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`${command.join(" ")} failed: ${result.stderr}`);
  return elapsed;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const shell: number[] = [];
const retort: number[] = [];
const text = readFileSync(script, "utf8");
for (let run = 0; run < runs; run++) {
  // interleaved, so both see the same machine noise
  shell.push(time([sqlite3, join(dir, "bench.db")], text));
  retort.push(time([binary, "upgrade", "head", "-q"]));
}
const tables = spawnSync(sqlite3, [
  join(dir, "bench.db"),
  "SELECT count(*) FROM sqlite_master WHERE type = 'index'",
], {
  encoding: "utf8",
}).stdout.trim();

console.log(
  `upgrade head: ${count} revisions (a table and an index each), SQLite, ${runs} runs, median`,
);
console.log(`| runner                          | median ms | ratio |`);
console.log(`| ------------------------------- | --------: | ----: |`);
console.log(`| sqlite3 shell, one transaction  | ${median(shell).toFixed(0).padStart(9)} | 1.00 |`);
console.log(
  `| dist/retort upgrade head        | ${median(retort).toFixed(0).padStart(9)} | ${
    (median(retort) / median(shell)).toFixed(2)
  } |`,
);
console.log(`(indexes in the result: ${tables})`);
rmSync(dir, { recursive: true, force: true });
