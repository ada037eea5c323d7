/**
 * What five plugins with no-op `rewriteOp` hooks add to `retort upgrade head` over N
 * revisions (a table and an index each) on SQLite: the same project upgraded with and
 * without them, interleaved, medians and their ratio. Run after `npm run build`:
 * `bun scripts/bench/plugin_overhead.ts [N=1000] [RUNS=7]`. Not a test: nothing asserts.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";

const count = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 7);
const root = new URL("../..", import.meta.url).pathname;
const binary = join(root, "dist", "retort");
if (!existsSync(binary)) throw new Error("dist/retort is missing: run `npm run build` first");

const dir = mkdtempSync(join(tmpdir(), "retort-plugins-bench-"));
const versions = join(dir, "migrations", "versions");
mkdirSync(versions, { recursive: true });
const id = (i: number) => `r${String(i).padStart(11, "0")}`;
for (let i = 0; i < count; i++) {
  writeFileSync(
    join(versions, `${id(i)}_table_${i}.ts`),
    `/** table ${i} */
export const revision = "${id(i)}";
export const downRevision: string | null = ${i === 0 ? "null" : `"${id(i - 1)}"`};
export async function upgrade({ op, t }: any): Promise<void> {
  await op.createTable("t${i}", [t.column("id", t.integer(), { primaryKey: true }), t.column("name", t.varchar(100))]);
  await op.createIndex("t${i}", "name");
}
export async function downgrade({ op }: any): Promise<void> {
  await op.dropTable("t${i}");
}
`,
  );
}
mkdirSync(join(dir, "plugins"));
const names = ["one", "two", "three", "four", "five"];
for (const name of names) {
  writeFileSync(
    join(dir, "plugins", `${name}.ts`),
    `export default { name: "${name}", rewriteOp: () => undefined };\n`,
  );
}
const configs = {
  without: { url: "sqlite:bench.db" },
  with: { url: "sqlite:bench.db", plugins: names.map((n) => `./plugins/${n}.ts`) },
};

function time(config: object): number {
  writeFileSync(join(dir, "retort.json"), JSON.stringify(config));
  rmSync(join(dir, "bench.db"), { force: true });
  const start = performance.now();
  const result = spawnSync(binary, ["upgrade", "head", "-q"], { cwd: dir, encoding: "utf8" });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`retort upgrade failed: ${result.stderr}`);
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const without: number[] = [];
const withPlugins: number[] = [];
time(configs.without); // warm-up
for (let run = 0; run < runs; run++) {
  without.push(time(configs.without));
  withPlugins.push(time(configs.with));
}
console.log(`upgrade head: ${count} revisions, SQLite, ${runs} runs interleaved, median`);
console.log("| plugins | median ms | ratio |");
console.log("| --- | ---: | ---: |");
console.log(`| none | ${median(without).toFixed(0)} | 1.00 |`);
console.log(`| 5 with no-op rewriteOp | ${median(withPlugins).toFixed(0)} | ${(median(withPlugins) / median(without)).toFixed(3)} |`);
rmSync(dir, { recursive: true, force: true });
