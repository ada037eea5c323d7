// docs/data-migrations.md's worked example, run from the doc's own code block on every
// database: add a column nullable, read rows with query(), fill it, make it NOT NULL.
// Also: query() runs after an op whose await was forgotten, and --sql refuses to read.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DatabaseKind, ThrowawayDatabase } from "./_databases.ts";
import { throwawayDatabase } from "./_databases.ts";
import type { TempProject } from "../_project.ts";
import { repoRoot, runCli, tempProject } from "../_project.ts";

const doc = readFileSync(join(repoRoot, "docs", "data-migrations.md"), "utf8");
const example = /<!-- tested:[^>]*-->\n```ts\n([\s\S]*?)```/.exec(doc)?.[1] ?? "";

for (const kind of ["sqlite", "postgres", "mysql"] as DatabaseKind[]) {
  const { db, skip } = await throwawayDatabase(kind);

  describe(`data migrations on ${kind}`, { skip }, () => {
    let database: ThrowawayDatabase;
    let project: TempProject;
    before(() => {
      database = db!;
      project = tempProject({ url: database.url });
      project.write("r1", null, {
        up: `  await op.createTable("users", [
    t.column("id", t.integer(), { primaryKey: true }),
    t.column("first_name", t.varchar(100)),
    t.column("last_name", t.varchar(100)),
  ]);
  await op.bulkInsert("users", [
    { id: 1, first_name: "Ada", last_name: "Lovelace" },
    { id: 2, first_name: "Grace", last_name: null },
    { id: 3, first_name: null, last_name: null },
  ]);`,
        down: `  await op.dropTable("users");`,
      });
      const path = join(project.dir, "migrations", "versions", "r2_display_name.ts");
      writeFileSync(
        path,
        `/** Fill display_name */\nexport const revision = "r2";\nexport const downRevision = "r1";\n${example}`,
      );
    });
    after(async () => {
      project?.cleanup();
      await database?.drop();
    });

    async function rows(sql: string): Promise<Record<string, unknown>[]> {
      const connection = await database.connect();
      try {
        return await connection.query(sql);
      } finally {
        await connection.close();
      }
    }

    it("the documented example fills the column and makes it NOT NULL", async () => {
      assert.ok(example.includes("await query("), "the doc's example was found");
      const up = runCli(["upgrade", "head"], { cwd: project.dir });
      assert.equal(up.code, 0, up.stderr);
      const names = await rows("SELECT id, display_name FROM users ORDER BY id");
      assert.deepEqual(names.map((r) => [Number(r.id), r.display_name]), [
        [1, "Ada Lovelace"],
        [2, "Grace"],
        [3, "user 3"],
      ]);
      const nullable = {
        sqlite: `SELECT "notnull" = 0 AS yes FROM pragma_table_info('users') WHERE name = 'display_name'`,
        postgres:
          `SELECT is_nullable = 'YES' AS yes FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'display_name'`,
        mysql:
          `SELECT is_nullable = 'YES' AS yes FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'users' AND column_name = 'display_name'`,
      }[kind];
      assert.equal(Boolean(Number((await rows(nullable))[0].yes)), false, "NOT NULL");
      const down = runCli(["downgrade", "-1"], { cwd: project.dir });
      assert.equal(down.code, 0, down.stderr);
      const columns = await rows("SELECT * FROM users WHERE id = 1");
      assert.equal("display_name" in columns[0], false);
    });

    it("query() waits for an op whose await was forgotten", async () => {
      project.write("r3", "r2", {
        up: `  op.createTable("seen", [t.column("n", t.integer())]); // no await, on purpose
  op.bulkInsert("seen", [{ n: 1 }, { n: 2 }]);
  const rows = await query("SELECT COUNT(*) AS c FROM seen");
  await op.bulkInsert("seen", [{ n: 10 + Number(rows[0].c) }]);`,
        down: `  await op.dropTable("seen");`,
      });
      const up = runCli(["upgrade", "head"], { cwd: project.dir });
      assert.equal(up.code, 0, up.stderr);
      const seen = await rows("SELECT n FROM seen ORDER BY n");
      assert.deepEqual(seen.map((r) => Number(r.n)), [1, 2, 12]);
    });

    it("--sql refuses a revision that reads, in one line naming it", () => {
      const offline = runCli(["upgrade", "--sql", "base:r2"], { cwd: project.dir });
      assert.equal(offline.code, 1);
      const lines = offline.stderr.trim().split("\n");
      assert.equal(lines.length, 1, offline.stderr);
      assert.match(lines[0], /upgrade r2 failed: query\(\) cannot read the database in an offline \(--sql\) script/);
    });
  });
}
