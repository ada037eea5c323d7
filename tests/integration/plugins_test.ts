// Plugins on real databases: docs/plugins.md's worked example (a custom op with SQL for each
// database, a rewriter, an observer) online and through --sql; failures and timeouts rolled
// back where DDL is transactional; -x arguments; retort's own plugins.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DatabaseKind, ThrowawayDatabase } from "./_databases.ts";
import { throwawayDatabase } from "./_databases.ts";
import type { TempProject } from "../_project.ts";
import { repoRoot, runCli, tempProject } from "../_project.ts";

const doc = readFileSync(join(repoRoot, "docs", "plugins.md"), "utf8");
const audit = /<!-- tested: tests\/integration\/plugins_test\.ts -->\n```ts\n([\s\S]*?)```/.exec(doc)?.[1] ?? "";

for (const kind of ["sqlite", "postgres", "mysql"] as DatabaseKind[]) {
  const { db, skip } = await throwawayDatabase(kind);

  describe(`plugins on ${kind}`, { skip }, () => {
    let database: ThrowawayDatabase;
    const projects: TempProject[] = [];
    before(() => (database = db!));
    after(async () => {
      for (const p of projects) p.cleanup();
      await database?.drop();
    });

    let n = 0;
    /** A project on this database with its own version table and the given plugins. */
    function project(plugins: unknown[], files: Record<string, string> = {}, extra = {}): TempProject {
      const p = tempProject({ url: database.url, versionTable: `pv${++n}`, plugins, ...extra });
      projects.push(p);
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(join(p.dir, name, ".."), { recursive: true });
        writeFileSync(join(p.dir, name), text);
      }
      return p;
    }
    async function rows(sql: string): Promise<Record<string, unknown>[]> {
      const c = await database.connect();
      try {
        return await c.query(sql);
      } finally {
        await c.close();
      }
    }
    const tableExists = async (table: string) =>
      (await rows(
        kind === "sqlite"
          ? `SELECT name FROM sqlite_master WHERE name = '${table}'`
          : kind === "postgres"
          ? `SELECT tablename FROM pg_tables WHERE tablename = '${table}'`
          : `SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '${table}'`,
      )).length > 0;

    it("runs the documented plugin: its operation, its rewriter and its observer, online and --sql", async () => {
      assert.ok(audit.includes("defineOperation"), "the doc's example was found");
      const p = project(["./plugins/audit.ts"], { "plugins/audit.ts": audit });
      p.write("v1", null, {
        up: `  await op.createTable("orders_${n}", [t.column("id", t.integer(), { primaryKey: true })]);
  await op.createView("recent_${n}", "SELECT id, created_at FROM orders_${n}");`,
        down: `  await op.dropView("recent_${n}");\n  await op.dropTable("orders_${n}");`,
      });
      const offline = runCli(["upgrade", "--sql", "base:v1"], { cwd: p.dir });
      assert.equal(offline.code, 0, offline.stderr);
      assert.match(offline.stdout, /created_at/);
      assert.match(offline.stdout, kind === "sqlite" ? /DROP VIEW IF EXISTS "recent_\d+";\n\nCREATE VIEW/ : /CREATE OR REPLACE VIEW/);
      const up = runCli(["upgrade", "head"], { cwd: p.dir });
      assert.equal(up.code, 0, up.stderr);
      assert.match(up.stderr, /^audit: upgrade v1 took \d+ ms$/m);
      await rows(`INSERT INTO orders_${n} (id) VALUES (1)`);
      assert.equal((await rows(`SELECT id, created_at FROM recent_${n}`)).length, 1);
      const down = runCli(["downgrade", "base"], { cwd: p.dir });
      assert.equal(down.code, 0, down.stderr);
      assert.equal(await tableExists(`orders_${n}`), false);
    });

    it("a rewriter that throws fails the step, naming plugin, hook, revision and op; nothing kept where DDL is transactional", async () => {
      const p = project(["./boom.ts"], {
        "boom.ts": `export default { name: "boom", rewriteOp: { filter: { kind: ["dropTable"] }, handler: () => { throw new Error("no drops here"); } } };\n`,
      });
      p.write("f1", null, {
        up: `  await op.createTable("kept_${n}", [t.column("id", t.integer())]);\n  await op.dropTable("kept_${n}");`,
      });
      const up = runCli(["upgrade", "head"], { cwd: p.dir });
      assert.equal(up.code, 1);
      assert.match(up.stderr, new RegExp(`upgrade f1 failed: plugin boom: rewriteOp on dropTable kept_${n} in revision f1 \\(upgrade\\) failed: no drops here`));
      if (kind === "mysql") {
        assert.match(up.stderr, /ran outside a transaction, so the statements before the failing one stay applied/);
        assert.match(runCli(["current"], { cwd: p.dir }).stderr, /dirty: upgrade f1/);
      } else {
        assert.match(up.stderr, /rolled back/);
        assert.equal(await tableExists(`kept_${n}`), false);
      }
    });

    it("a hook that does not settle in pluginTimeoutMs fails the step, naming the hook", () => {
      const p = project(["./stuck.ts"], {
        "stuck.ts": `export default { name: "stuck", beforeStep: () => new Promise(() => {}) };\n`,
      }, { pluginTimeoutMs: 300 });
      p.write("s1", null, {});
      const up = runCli(["upgrade", "head"], { cwd: p.dir });
      assert.equal(up.code, 1);
      assert.match(up.stderr, /plugin stuck: beforeStep in revision s1 \(upgrade\) did not settle within 300 ms/);
    });

    it("-x arguments reach every hook as ctx.args", () => {
      const p = project(["./args.ts"], {
        "args.ts": `export default { name: "args", rewriteOp: (op: any, ctx: any) => { console.error("args: " + JSON.stringify(ctx.args)); return undefined; } };\n`,
      });
      p.write("x1", null, { up: `  await op.execute("SELECT 1");` });
      const up = runCli(["upgrade", "head", "-x", "tenant=acme", "-x", "dry"], { cwd: p.dir });
      assert.equal(up.code, 0, up.stderr);
      assert.match(up.stderr, /args: \{"tenant":"acme","dry":"true"\}/);
    });

    it("nullable-two-step adds a NOT NULL column to a table with rows, filled from backfill", async () => {
      const table = `plans_${n + 1}`;
      const p = project([["retort/plugins/nullable-two-step", { backfill: { [`${table}.plan`]: "'free'" } }]]);
      p.write("n1", null, {
        up: `  await op.createTable("${table}", [t.column("id", t.integer(), { primaryKey: true })]);
  await op.bulkInsert("${table}", [{ id: 1 }, { id: 2 }]);
  await op.addColumn("${table}", t.column("plan", t.varchar(20), { nullable: false }));`,
      });
      const up = runCli(["upgrade", "head"], { cwd: p.dir });
      assert.equal(up.code, 0, up.stderr);
      assert.deepEqual((await rows(`SELECT plan FROM ${table} ORDER BY id`)).map((r) => r.plan), ["free", "free"]);
      await assert.rejects(rows(`INSERT INTO ${table} (id) VALUES (3)`), "NOT NULL");
    });

    it("destructive-guard refuses a drop unless the revision or the run says it means it", async () => {
      const p = project(["retort/plugins/destructive-guard"]);
      const table = `guarded_${n}`;
      p.write("d1", null, {
        up: `  await op.createTable("${table}", [t.column("id", t.integer(), { primaryKey: true }), t.column("old", t.text())]);`,
        down: `  await op.dropTable("${table}");`,
      });
      p.write("d2", "d1", { up: `  await op.dropColumn("${table}", "old");` });
      const refused = runCli(["upgrade", "head"], { cwd: p.dir });
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, new RegExp(`plugin destructive-guard: rewriteOp on dropColumn ${table} .*deletes the column's values; if that is meant, add \`export const destructive = true\` to revision d2, or run with -x allow-destructive`));
      if (kind === "mysql") {
        // refused before its first statement ran: nothing changed, so nothing is left dirty
        assert.match(refused.stderr, /none of its statements had run, so the database is as it was/);
        const current = runCli(["current"], { cwd: p.dir });
        assert.doesNotMatch(current.stdout + current.stderr, /dirty/);
        assert.equal(current.stdout, "d1\n");
      }
      const allowed = runCli(["upgrade", "head", "-x", "allow-destructive"], { cwd: p.dir });
      assert.equal(allowed.code, 0, allowed.stderr);
      p.write("d3", "d2", { extra: "export const destructive = true;", up: `  await op.dropTable("${table}");` });
      assert.equal(runCli(["upgrade", "head"], { cwd: p.dir }).code, 0);
      assert.equal(await tableExists(table), false);
    });

    it("pg-concurrent-indexes builds indexes CONCURRENTLY outside a transaction, and refuses inside one", () => {
      const p = project(["retort/plugins/pg-concurrent-indexes"]);
      const table = `ix_${n}`;
      p.write("i1", null, {
        up: `  await op.createTable("${table}", [t.column("id", t.integer(), { primaryKey: true }), t.column("v", t.integer())]);
  await op.createIndex("${table}", "v", { name: "${table}_new" }); // same revision: allowed`,
      });
      p.write("i2", "i1", { extra: "export const transaction = false;", up: `  await op.createIndex("${table}", "id", { name: "${table}_c" });` });
      const offline = runCli(["upgrade", "--sql", "base:i2"], { cwd: p.dir });
      if (kind === "postgres") {
        assert.match(offline.stdout, new RegExp(`CREATE INDEX CONCURRENTLY "${table}_c"`));
        assert.doesNotMatch(offline.stdout, new RegExp(`CONCURRENTLY "${table}_new"`));
      } else {
        assert.doesNotMatch(offline.stdout, /CONCURRENTLY/, "other databases are left alone");
      }
      assert.equal(runCli(["upgrade", "head"], { cwd: p.dir }).code, 0);
      p.write("i3", "i2", { up: `  await op.createIndex("${table}", ["v", "id"], { name: "${table}_tx" });` });
      const inside = runCli(["upgrade", "head"], { cwd: p.dir });
      if (kind === "postgres") {
        assert.equal(inside.code, 1);
        assert.match(inside.stderr, /would lock the table for writes; .*add `export const transaction = false` to revision i3/);
      } else assert.equal(inside.code, 0, inside.stderr);
    });
  });
}
