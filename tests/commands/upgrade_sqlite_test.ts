import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { current, downgrade, stamp, upgrade } from "../../mod.ts";
import type { TempProject } from "../_project.ts";
import { tempProject } from "../_project.ts";

let project: TempProject;
afterEach(() => project?.cleanup());

const createUsers = {
  up:
    `  await op.createTable("users", [t.column("id", t.integer(), { primaryKey: true }), t.column("name", t.text())]);
  await op.createIndex("users", "name");`,
  down: `  await op.dropIndex("ix_users_name");
  await op.dropTable("users");`,
};
const addEmail = {
  up: `  await op.addColumn("users", t.column("email", t.varchar(255)));`,
  down: `  await op.dropColumn("users", "email");`,
};

describe("upgrade and downgrade on SQLite", () => {
  it("upgrades to head, records the head, and downgrades step by step to base", async () => {
    project = tempProject();
    project.write("aaa1", null, createUsers);
    project.write("bbb2", "aaa1", addEmail);
    const cwd = project.dir;

    const up = await upgrade({ cwd });
    assert.deepEqual(up.steps.map((s) => s.revision), ["aaa1", "bbb2"]);
    assert.deepEqual(await project.tables(), ["retort_history", "retort_version", "users"]);
    const columns = await project.query("SELECT name FROM pragma_table_info('users')");
    assert.deepEqual(columns.map((c) => c.name), ["id", "name", "email"]);
    assert.deepEqual(await project.query("SELECT version_num FROM retort_version"), [{
      version_num: "bbb2",
    }]);
    const [at] = (await current({ cwd })).current;
    assert.deepEqual(
      { revision: at.revision, isHead: at.isHead, message: at.message, parents: at.downRevisions },
      { revision: "bbb2", isHead: true, message: "revision bbb2", parents: ["aaa1"] },
    );

    await downgrade({ cwd, target: "-1" });
    assert.deepEqual(await project.query("SELECT version_num FROM retort_version"), [{
      version_num: "aaa1",
    }]);
    await downgrade({ cwd, target: "base" });
    assert.deepEqual(await project.tables(), ["retort_history", "retort_version"]);
    assert.deepEqual(await project.query("SELECT version_num FROM retort_version"), []);
  });

  it("upgrades to a revision and by +N, and does nothing when already there", async () => {
    project = tempProject();
    project.write("aaa1", null, createUsers);
    project.write("bbb2", "aaa1", addEmail);
    const cwd = project.dir;
    assert.deepEqual((await upgrade({ cwd, target: "aaa1" })).steps.length, 1);
    assert.deepEqual((await upgrade({ cwd, target: "+1" })).steps.map((s) => s.revision), ["bbb2"]);
    assert.deepEqual((await upgrade({ cwd })).steps, []);
  });

  it("rolls the whole run back when a statement fails, naming revision, statement and database message", async () => {
    project = tempProject();
    project.write("aaa1", null, createUsers);
    project.write("bbb2", "aaa1", { up: `  await op.execute("INSERT INTO nowhere VALUES (1)");` });
    await assert.rejects(upgrade({ cwd: project.dir }), (error: Error & { code?: string }) => {
      assert.equal(error.code, "MIGRATION_FAILED");
      assert.match(
        error.message,
        /^upgrade bbb2 failed: .*no such table: nowhere.*INSERT INTO nowhere VALUES \(1\).*rolled back/,
      );
      assert.doesNotMatch(error.message, /\n/);
      return true;
    });
    assert.deepEqual(
      await project.tables(),
      [],
      "nothing of the run is left, not even the version table",
    );
  });

  it("with transactionPerMigration, keeps the steps before the failing one", async () => {
    project = tempProject({ transactionPerMigration: true });
    project.write("aaa1", null, createUsers);
    project.write("bbb2", "aaa1", {
      up:
        `  await op.addColumn("users", t.column("x", t.integer()));\n  await op.execute("SELECT * FROM nowhere");`,
    });
    await assert.rejects(
      upgrade({ cwd: project.dir }),
      /upgrade bbb2 failed: .*revisions before it stay applied/,
    );
    assert.deepEqual(await project.query("SELECT version_num FROM retort_version"), [{
      version_num: "aaa1",
    }]);
    const columns = await project.query("SELECT name FROM pragma_table_info('users')");
    assert.deepEqual(columns.map((c) => c.name), ["id", "name"], "bbb2's column was rolled back");
  });

  it("runs operations in order and loses none when the migration forgets to await", async () => {
    project = tempProject();
    project.write("aaa1", null, {
      up: `  op.createTable("a", [t.column("id", t.integer())]);
  op.execute("INSERT INTO a VALUES (1)");
  op.execute("INSERT INTO a VALUES (2)");
  op.addColumn("a", t.column("b", t.text(), { serverDefault: "x" }));`,
    });
    await upgrade({ cwd: project.dir });
    assert.deepEqual(await project.query("SELECT id, b FROM a ORDER BY id"), [{ id: 1, b: "x" }, {
      id: 2,
      b: "x",
    }]);
  });

  it("a forgotten await on a failing op still fails the step and rolls back", async () => {
    project = tempProject();
    project.write("aaa1", null, {
      up: `  op.createTable("a", [t.column("id", t.integer())]);
  op.execute("INSERT INTO missing VALUES (1)");`,
    });
    await assert.rejects(upgrade({ cwd: project.dir }), /no such table: missing/);
    assert.deepEqual(await project.tables(), []);
  });

  it("reports a revision file with a syntax error by path and line, and changes nothing", async () => {
    project = tempProject();
    project.write("aaa1", null, createUsers);
    const path = project.write("bbb2", "aaa1", { up: "  const x = ;" });
    await assert.rejects(upgrade({ cwd: project.dir }), (error: Error) => {
      assert.match(
        error.message,
        new RegExp(`^${path.replace(/[.]/g, "\\.")}:7:\\d+: cannot load: .*; nothing was run$`),
      );
      return true;
    });
    assert.deepEqual(await project.tables(), []);
  });

  it("reports a revision without an upgrade function", async () => {
    project = tempProject();
    project.write("aaa1", null, createUsers);
    const path = `${project.dir}/migrations/versions/bbb2_rev.ts`;
    await writeText(path, 'export const revision = "bbb2";\nexport const downRevision = "aaa1";\n');
    await assert.rejects(
      upgrade({ cwd: project.dir }),
      /bbb2_rev\.ts: no exported upgrade\(\) function/,
    );
    assert.deepEqual(await project.tables(), []);
  });

  it("stamps without running migrations, and stamps back to base", async () => {
    project = tempProject();
    project.write("aaa1", null, createUsers);
    project.write("bbb2", "aaa1", addEmail);
    await stamp({ cwd: project.dir, revisions: ["head"] });
    assert.deepEqual(await project.query("SELECT version_num FROM retort_version"), [{
      version_num: "bbb2",
    }]);
    assert.deepEqual(await project.tables(), ["retort_history", "retort_version"]);
    await stamp({ cwd: project.dir, revisions: ["base"] });
    assert.deepEqual(await project.query("SELECT version_num FROM retort_version"), []);
  });

  it("`current` on a database file that does not exist yet shows nothing and creates nothing", async () => {
    project = tempProject();
    project.write("aaa1", null, createUsers);
    assert.deepEqual((await current({ cwd: project.dir })).current, []);
    const { existsSync } = await import("node:fs");
    assert.equal(existsSync(project.dbPath), false);
  });
});

async function writeText(path: string, text: string): Promise<void> {
  const { writeFileSync } = await import("node:fs");
  writeFileSync(path, text);
}
