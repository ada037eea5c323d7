// The corpus's failing migrations on MariaDB, where DDL is not transactional: each fails in one
// line naming the culprit, with no stack trace; then either the database is as it was (the
// step failed before its first statement) or `current` reports it dirty, and the repair the
// message names (fix the file, `upgrade --resume`) reaches the head with every table.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ThrowawayDatabase } from "../integration/_databases.ts";
import { throwawayDatabase } from "../integration/_databases.ts";
import type { TempProject } from "../_project.ts";
import { runCli, tempProject } from "../_project.ts";

interface DirtyCase {
  readonly name: string;
  /** c3's upgrade body; `%` is the case's table prefix. */
  readonly up: string;
  readonly culprit: RegExp;
  /** The fixed body for the repair, when the failure leaves the step dirty. */
  readonly fixed?: string;
}

const cases: readonly DirtyCase[] = [
  {
    name: "the second statement fails",
    up: '  await op.createTable("%c", [t.column("id", t.integer())]);\n  await op.execute("INSERT INTO %nowhere VALUES (1)");',
    culprit: /upgrade c3 failed: .*%nowhere.*doesn't exist.*`retort upgrade --resume` to run the rest/,
    fixed: '  await op.createTable("%c", [t.column("id", t.integer())]);\n  await op.execute("INSERT INTO %c VALUES (1)");',
  },
  {
    name: "the first statement fails",
    up: '  await op.execute("INSERT INTO %nowhere VALUES (1)");',
    culprit: /upgrade c3 failed: .*%nowhere/,
    fixed: '  await op.createTable("%nowhere", [t.column("id", t.integer())]);',
  },
  {
    name: "a migration throws before any statement",
    up: '  throw new Error("not today");',
    culprit: /upgrade c3 failed: not today; none of its statements had run, so the database is as it was/,
  },
  {
    name: "an empty table name",
    up: '  await op.createTable("", [t.column("id", t.integer())]);',
    culprit: /upgrade c3 failed: an identifier is empty/,
  },
  {
    name: "a name over MySQL's 64 characters",
    up: `  await op.createTable("%${"x".repeat(70)}", [t.column("id", t.integer())]);`,
    culprit: /is 73 characters long; MySQL allows 64 characters: shorten it/,
  },
  {
    name: "an unknown op",
    up: '  await (op as any).createViewz("v", "SELECT 1");',
    culprit: /upgrade c3 failed: .*createViewz is not a function/,
  },
  {
    name: "a bad query() after a statement",
    up: '  await op.createTable("%q", [t.column("id", t.integer())]);\n  await query("SELECT nope FROM %q");',
    culprit: /upgrade c3 failed: .*nope/,
    fixed: '  await op.createTable("%q", [t.column("id", t.integer())]);\n  await query("SELECT id FROM %q");',
  },
];

const { db, skip } = await throwawayDatabase("mysql");

describe(`the corpus's failing migrations on MariaDB (${cases.length} cases)`, { skip }, () => {
  let database: ThrowawayDatabase;
  const projects: TempProject[] = [];
  before(() => (database = db!));
  after(async () => {
    for (const p of projects) p.cleanup();
    await database?.drop();
  });

  async function snapshot(prefix: string): Promise<string> {
    const c = await database.connect();
    try {
      const tables = await c.query(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE '${prefix}%' ORDER BY 1`,
      );
      const versions = await c.query(`SELECT version_num FROM ${prefix}version ORDER BY 1`);
      return JSON.stringify({ tables: tables.map((r) => r.name ?? r.NAME), versions: versions.map((r) => r.version_num) });
    } finally {
      await c.close();
    }
  }

  cases.forEach((input, i) => {
    it(input.name, async () => {
      const prefix = `m${i}_`;
      const p = tempProject({ url: database.url, versionTable: `${prefix}version` });
      projects.push(p);
      const body = (text: string) => text.replaceAll("%", prefix);
      p.write("a1", null, { up: `  await op.createTable("${prefix}users", [t.column("id", t.integer(), { primaryKey: true })]);` });
      p.write("b2", "a1", { up: `  await op.createTable("${prefix}orders", [t.column("id", t.integer(), { primaryKey: true })]);` });
      assert.equal(runCli(["upgrade", "head"], { cwd: p.dir }).code, 0);
      p.write("c3", "b2", { up: body(input.up) });
      const beforeRun = await snapshot(prefix);

      const run = runCli(["upgrade", "head"], { cwd: p.dir });
      assert.equal(run.code, 1, run.stderr);
      const errors = run.stderr.trimEnd().split("\n").filter((l) => !/^(\[\d+\/\d+\] Running |Database: )/.test(l));
      assert.equal(errors.length, 1, run.stderr);
      assert.match(errors[0], new RegExp(input.culprit.source.replaceAll("%", prefix)));
      assert.doesNotMatch(run.stderr, /\n\s+at |internal error/);

      const current = runCli(["current"], { cwd: p.dir });
      if (!input.fixed) {
        assert.equal(current.code, 0, `not dirty: ${current.stderr}`);
        assert.equal(await snapshot(prefix), beforeRun, "the database is as it was");
        return;
      }
      assert.equal(current.code, 1);
      assert.match(current.stderr, /dirty: upgrade c3/);
      p.write("c3", "b2", { up: body(input.fixed) });
      const repaired = runCli(["upgrade", "--resume"], { cwd: p.dir });
      assert.equal(repaired.code, 0, repaired.stderr);
      assert.equal(runCli(["current"], { cwd: p.dir }).stdout.trim(), "c3 (head)");
      const after = JSON.parse(await snapshot(prefix));
      assert.deepEqual(after.versions, ["c3"]);
    });
  });
});
