// op.batchAlterTable in revision files, run by retort itself: `upgrade` online (inside the
// run's transaction, with libSQL's foreign keys on), a downgrade, and `upgrade --sql` with
// and without copyFrom, the script checked by the sqlite3 shell.
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { downgrade, upgrade } from "../../mod.ts";
import type { TempProject } from "../_project.ts";
import { runCli, tempProject } from "../_project.ts";

let project: TempProject;
afterEach(() => project?.cleanup());

const createItems = {
  up: `  await op.createTable("items", [
    t.column("id", t.integer(), { primaryKey: true, autoincrement: true }),
    t.column("name", t.text()),
    t.column("qty", t.text()),
  ], { checks: ["qty <> ''"], indexes: [{ columns: ["name"] }] });
  await op.execute("CREATE VIEW named_items AS SELECT id, name FROM items WHERE name IS NOT NULL");
  await op.bulkInsert("items", [{ name: "a", qty: "1" }, { name: "b", qty: "20" }, { name: null, qty: "x" }]);`,
  down: `  await op.execute("DROP VIEW named_items");
  await op.dropTable("items");`,
};

const batch = (extra = "") => ({
  up: `  await op.batchAlterTable("items", (batch) => {
    batch.alterColumn("qty", { type: t.integer(), existingType: t.text() });
    batch.alterColumn("name", { newName: "title" });
    batch.createUniqueConstraint(["title"]);
  }${extra});`,
  down: `  await op.batchAlterTable("items", (batch) => {
    batch.dropConstraint("uq_items_title");
    batch.alterColumn("title", { newName: "name" });
    batch.alterColumn("qty", { type: t.text() });
  }${extra});`,
});

describe("batchAlterTable in a revision", () => {
  it("upgrades and downgrades through the runner, keeping rows, index, check and view", async () => {
    project = tempProject();
    project.write("a1", null, createItems);
    project.write("b2", "a1", batch());
    await upgrade({ cwd: project.dir });
    assert.deepEqual(
      await project.query("SELECT id, title, qty, typeof(qty) AS t FROM items ORDER BY id"),
      [
        { id: 1, title: "a", qty: 1, t: "integer" },
        { id: 2, title: "b", qty: 20, t: "integer" },
        { id: 3, title: null, qty: "x", t: "text" },
      ],
    );
    assert.deepEqual(await project.query("SELECT * FROM named_items ORDER BY id"), [
      { id: 1, title: "a" },
      { id: 2, title: "b" },
    ]);
    const indexes = await project.query(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
    );
    assert.deepEqual(indexes, [{
      name: "ix_items_name",
      sql: `CREATE INDEX "ix_items_name" ON "items" ("title")`,
    }]);
    assert.deepEqual(await project.query("SELECT version_num FROM retort_version"), [{
      version_num: "b2",
    }]);

    await downgrade({ cwd: project.dir, target: "a1" });
    assert.deepEqual(
      await project.query("SELECT id, name, qty, typeof(qty) AS t FROM items ORDER BY id"),
      [
        { id: 1, name: "a", qty: "1", t: "text" },
        { id: 2, name: "b", qty: "20", t: "text" },
        { id: 3, name: null, qty: "x", t: "text" },
      ],
    );
  });

  it("--sql without copyFrom says what is missing", () => {
    project = tempProject();
    project.write("a1", null, createItems);
    project.write("b2", "a1", batch());
    const run = runCli(["upgrade", "--sql"], { cwd: project.dir });
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /batchAlterTable items: --sql mode cannot read the table's definition .* pass copyFrom/,
    );
  });

  it("--sql with copyFrom prints a script that sqlite3 runs", async () => {
    project = tempProject();
    const copyFrom = `, { copyFrom: {
      sql: "CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, qty TEXT, CHECK (qty <> ''))",
      indexes: ['CREATE INDEX ix_items_name ON items (name)'],
      views: ["CREATE VIEW named_items AS SELECT id, name FROM items WHERE name IS NOT NULL"],
    } }`;
    project.write("a1", null, createItems);
    project.write("b2", "a1", batch(copyFrom));
    const run = runCli(["upgrade", "--sql"], { cwd: project.dir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /CREATE TABLE "_retort_new_items"/);
    const shell = spawnSync("sqlite3", ["-bail", project.dbPath], {
      input: run.stdout,
      encoding: "utf8",
    });
    if (shell.error) return; // no sqlite3 shell here
    assert.equal(shell.status, 0, shell.stderr);
    assert.deepEqual(await project.query("SELECT id, title, qty FROM items ORDER BY id"), [
      { id: 1, title: "a", qty: 1 },
      { id: 2, title: "b", qty: 20 },
      { id: 3, title: null, qty: "x" },
    ]);
    assert.deepEqual(await project.query("SELECT count(*) AS n FROM named_items"), [{ n: 2 }]);
  });
});

describe("batchAlterTable of a table other tables' rows reference", () => {
  it("runs again with foreign keys off, keeping the children's rows, and still checks them", async () => {
    project = tempProject();
    project.write("p1", null, {
      up:
        `  await op.createTable("parent", [t.column("id", t.integer(), { primaryKey: true }), t.column("code", t.text())]);
  await op.createTable("child", [t.column("id", t.integer(), { primaryKey: true }), t.column("parent_id", t.integer())], {
    foreignKeys: [{ columns: ["parent_id"], references: "parent", referencesColumns: ["id"], onDelete: "CASCADE" }],
  });
  await op.bulkInsert("parent", [{ id: 1, code: "10" }, { id: 2, code: "20" }]);
  await op.bulkInsert("child", [{ id: 1, parent_id: 1 }, { id: 2, parent_id: 2 }, { id: 3, parent_id: 2 }]);`,
    });
    project.write("p2", "p1", {
      up: `  await op.batchAlterTable("parent", (batch) => {
    batch.alterColumn("code", { type: t.integer(), existingType: t.text() });
  });`,
    });
    const up = runCli(["upgrade", "head"], { cwd: project.dir });
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stderr, /running the transaction again with it off/);
    assert.deepEqual(await project.query("SELECT id, parent_id FROM child ORDER BY id"), [
      { id: 1, parent_id: 1 },
      { id: 2, parent_id: 2 },
      { id: 3, parent_id: 2 },
    ], "no ON DELETE CASCADE fired");
    assert.deepEqual(
      await project.query("SELECT id, code, typeof(code) AS t FROM parent ORDER BY id"),
      [
        { id: 1, code: 10, t: "integer" },
        { id: 2, code: 20, t: "integer" },
      ],
    );
    assert.deepEqual(await project.query("SELECT version_num FROM retort_version"), [{
      version_num: "p2",
    }]);

    // a rebuild that would break a reference still fails, and the run rolls back whole
    project.write("p3", "p2", {
      up: `  await op.execute("DELETE FROM parent WHERE id = 2");
  await op.batchAlterTable("parent", (batch) => {
    batch.alterColumn("code", { type: t.text(), existingType: t.integer() });
  });`,
    });
    const bad = runCli(["upgrade", "head"], { cwd: project.dir });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /upgrade p3 failed: .*child/);
    assert.deepEqual(await project.query("SELECT count(*) AS n FROM parent"), [{ n: 2 }]);
    assert.deepEqual(await project.query("SELECT version_num FROM retort_version"), [{
      version_num: "p2",
    }]);
  });
});

describe("batchAlterTable dropping a column a trigger uses", () => {
  it("is refused before anything changes, naming the trigger and the column", async () => {
    project = tempProject();
    project.write("t1", null, {
      up:
        `  await op.createTable("stock", [t.column("id", t.integer(), { primaryKey: true }), t.column("qty", t.integer()), t.column("old_qty", t.integer())]);
  await op.createTable("audit", [t.column("note", t.text())]);
  await op.execute("CREATE TRIGGER stock_audit AFTER UPDATE ON stock BEGIN INSERT INTO audit VALUES (NEW.old_qty); END");
  await op.bulkInsert("stock", [{ id: 1, qty: 5, old_qty: 4 }]);`,
    });
    project.write("t2", "t1", {
      up: `  await op.batchAlterTable("stock", (batch) => {
    batch.dropColumn("old_qty");
  });`,
    });
    assert.equal(runCli(["upgrade", "t1"], { cwd: project.dir }).code, 0);
    const up = runCli(["upgrade", "head"], { cwd: project.dir });
    assert.equal(up.code, 1);
    assert.match(
      up.stderr,
      /upgrade t2 failed: .*trigger stock_audit uses column old_qty, which the batch drops/,
    );
    assert.deepEqual(await project.query("SELECT id, qty, old_qty FROM stock"), [{
      id: 1,
      qty: 5,
      old_qty: 4,
    }]);
    assert.deepEqual(await project.query("SELECT version_num FROM retort_version"), [{
      version_num: "t1",
    }]);
  });
});
