// The library as an app or a test uses it: migrate a :memory: database it holds open, ask
// whether the database is up to date, and print results as they come.
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { connect, history, isUpToDate, status, upgrade } from "../../mod.ts";
import { repoRoot } from "../_project.ts";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A folder with migrations/versions holding a1 -> a2 and no config file. */
function migrations(): string {
  dir = mkdtempSync(join(tmpdir(), "retort-lib-"));
  const versions = join(dir, "migrations", "versions");
  mkdirSync(versions, { recursive: true });
  const file = (rev: string, down: string | null, table: string) =>
    writeFileSync(
      join(versions, `${rev}_${table}.ts`),
      `/** ${table} */
export const revision = "${rev}";
export const downRevision = ${JSON.stringify(down)};
export async function upgrade({ op, t }: any) {
  await op.createTable("${table}", [t.column("id", t.integer(), { primaryKey: true })]);
  await op.bulkInsert("${table}", [{ id: 1 }]);
}
export async function downgrade({ op }: any) { await op.dropTable("${table}"); }
`,
    );
  file("a1", null, "users");
  file("a2", "a1", "orders");
  return join(dir, "migrations");
}

describe("the library", () => {
  it("migrates a :memory: database it keeps open, with no config file", async () => {
    const scriptLocation = migrations();
    const db = await connect(":memory:");
    try {
      assert.equal(await isUpToDate({ connection: db, scriptLocation }), false);
      const before = await status({ connection: db, scriptLocation });
      assert.deepEqual(before.pending.map((s) => s.revision), ["a1", "a2"]);
      assert.deepEqual(before.current, []);
      await upgrade({ connection: db, scriptLocation, target: "head" });
      assert.deepEqual(await db.query("SELECT id FROM orders"), [{ id: 1 }], "still open, migrated");
      const after = await status({ connection: db, scriptLocation });
      assert.equal(after.upToDate, true);
      assert.deepEqual(after.current.map((r) => r.revision), ["a2"]);
      assert.deepEqual(after.heads.map((r) => [r.revision, r.isHead]), [["a2", true]]);
      assert.equal(after.dirty, null);
      assert.equal(await isUpToDate({ connection: db, scriptLocation }), true);
    } finally {
      await db.close();
    }
  });

  it("takes a url instead of a connection", async () => {
    const scriptLocation = migrations();
    const url = `sqlite:${join(dir, "app.db")}`;
    await upgrade({ url, scriptLocation, target: "a1" });
    const now = await status({ url, scriptLocation });
    assert.deepEqual(now.current.map((r) => r.revision), ["a1"]);
    assert.deepEqual(now.pending.map((s) => s.revision), ["a2"]);
  });

  it("consoleOutput prints results as they come, without a flush", () => {
    const scriptLocation = migrations();
    const script = join(dir, "print.ts");
    writeFileSync(
      script,
      `import { consoleOutput, history } from ${JSON.stringify(join(repoRoot, "mod.ts"))};
await history({ scriptLocation: ${JSON.stringify(scriptLocation)}, output: consoleOutput() });
`,
    );
    const isBun = typeof (globalThis as { Bun?: unknown }).Bun !== "undefined";
    const args = isBun ? [script] : ["run", "-A", `--config=${join(repoRoot, "deno.json")}`, script];
    const run = spawnSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, "a1 -> a2 (head), orders\n<base> -> a1, users\n");
  });

  it("history reports each revision with the shape every command uses", async () => {
    const scriptLocation = migrations();
    const { revisions } = await history({ scriptLocation });
    assert.deepEqual(Object.keys(revisions[0]).sort(), [
      "branchLabels",
      "createDate",
      "dependsOn",
      "downRevisions",
      "isBranchPoint",
      "isHead",
      "isMergePoint",
      "message",
      "path",
      "revision",
    ]);
  });
});
