// The runner against each real database, through the CLI as a user runs it: upgrade and
// downgrade, a failing step (rolled back, or reported dirty on MySQL), and eight processes
// upgrading the same database at once.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { DatabaseKind, ThrowawayDatabase } from "./_databases.ts";
import { throwawayDatabase } from "./_databases.ts";
import type { TempProject } from "../_project.ts";
import { runCli, startCli, tempProject } from "../_project.ts";
import { current as readCurrent } from "../../src/commands/current.ts";
import { status } from "../../src/commands/status.ts";

for (const kind of ["sqlite", "postgres", "mysql"] as DatabaseKind[]) {
  const { db, skip } = await throwawayDatabase(kind);
  const transactional = kind !== "mysql";

  describe(`runner on ${kind}`, { skip }, () => {
    let database: ThrowawayDatabase;
    const projects: TempProject[] = [];
    before(() => (database = db!));
    after(async () => {
      for (const p of projects) p.cleanup();
      await database?.drop();
    });

    /** A project on this database with revisions r1..rN, each making table `<prefix>_i` and logging to `<prefix>_log`. */
    function project(prefix: string, count: number, extra: Record<string, unknown> = {}) {
      const p = tempProject({ url: database.url, versionTable: `${prefix}_version`, ...extra });
      projects.push(p);
      for (let i = 1; i <= count; i++) {
        p.write(`${prefix}${i}`, i === 1 ? null : `${prefix}${i - 1}`, {
          up: (i === 1
            ? `  await op.createTable("${prefix}_log", [t.column("rev", t.varchar(32), { primaryKey: true })]);\n`
            : "") +
            `  await op.createTable("${prefix}_${i}", [t.column("id", t.integer(), { primaryKey: true })]);\n` +
            `  await op.bulkInsert("${prefix}_log", [{ rev: "${prefix}${i}" }]);`,
          down: `  await op.dropTable("${prefix}_${i}");` + (i === 1
            ? `\n  await op.dropTable("${prefix}_log");`
            : `\n  await op.execute("DELETE FROM ${prefix}_log WHERE rev = '${prefix}${i}'");`),
        });
      }
      return p;
    }

    async function rows(sql: string): Promise<Record<string, unknown>[]> {
      const connection = await database.connect();
      try {
        return await connection.query(sql);
      } finally {
        await connection.close();
      }
    }
    /** The version table's rows; none when a rolled-back run left no table at all. */
    async function versions(prefix: string): Promise<unknown[]> {
      try {
        return (await rows(`SELECT version_num FROM ${prefix}_version`)).map((r) => r.version_num);
      } catch (error) {
        if (/no such table|does not exist/.test((error as Error).message)) return [];
        throw error;
      }
    }

    it("upgrades to head, reports current, and downgrades to base", async () => {
      const p = project("a", 3);
      const up = runCli(["upgrade", "head"], { cwd: p.dir });
      assert.equal(up.code, 0, up.stderr);
      assert.deepEqual(await versions("a"), ["a3"]);
      assert.equal(runCli(["current"], { cwd: p.dir }).stdout, "a3 (head)\n");
      assert.equal((await rows("SELECT count(*) AS n FROM a_log"))[0].n == 3, true);
      const down = runCli(["downgrade", "base"], { cwd: p.dir });
      assert.equal(down.code, 0, down.stderr);
      assert.deepEqual(await versions("a"), []);
    });

    it("a failing step: rolled back where DDL is transactional, reported dirty on MySQL", async () => {
      const p = project("b", 2);
      p.write("b3", "b2", {
        up:
          '  await op.createTable("b_3", [t.column("id", t.integer())]);\n  await op.execute("INSERT INTO nowhere VALUES (1)");',
      });
      const up = runCli(["upgrade", "head"], { cwd: p.dir });
      assert.equal(up.code, 1);
      assert.match(up.stderr, /retort: upgrade b3 failed: .*nowhere/);
      if (transactional) {
        assert.match(up.stderr, /rolled back, the database is as it was before this run/);
        assert.deepEqual(await versions("b"), []);
        assert.equal(runCli(["current"], { cwd: p.dir }).code, 0);
      } else {
        assert.match(up.stderr, /ran outside a transaction.*retort stamp REV/);
        assert.deepEqual(await versions("b"), ["b2"], "the steps before it stay recorded");
        const current = runCli(["current"], { cwd: p.dir });
        assert.equal(current.code, 1);
        assert.match(
          current.stderr,
          /the database is dirty: upgrade b3 started outside a transaction and did not finish/,
        );
        assert.equal(current.stdout, "b2\n", "the rows are shown, not thrown away");
        assert.doesNotMatch(current.stderr, /1970/);
        const json = runCli(["current", "--json"], { cwd: p.dir });
        assert.equal(json.code, 1);
        const doc = JSON.parse(json.stdout);
        assert.deepEqual(doc.current.map((r: { revision: string }) => r.revision), ["b2"]);
        assert.deepEqual(doc.dirty, {
          revision: "b3",
          direction: "upgrade",
          lastSeen: null,
          statementsRun: 1,
          nextStatement: "INSERT INTO nowhere VALUES (1)",
          nextStatementState: "failed",
        });
        assert.match(
          current.stderr,
          /1 of its statements ran, and statement 2 \(`INSERT INTO nowhere VALUES \(1\)`\) failed; .*retort upgrade --resume/,
        );
        const library = await readCurrent({ cwd: p.dir });
        assert.deepEqual(library.current.map((r) => r.revision), ["b2"]);
        assert.equal(library.dirty?.revision, "b3");
        assert.equal((await status({ cwd: p.dir })).upToDate, false);
        const again = runCli(["upgrade", "head"], { cwd: p.dir });
        assert.equal(again.code, 1);
        assert.match(again.stderr, /dirty/);
        // the user repairs by hand, then stamps the revision the schema matches
        await rows("DROP TABLE b_3");
        const stamp = runCli(["stamp", "b2"], { cwd: p.dir });
        assert.equal(stamp.code, 0, stamp.stderr);
        assert.equal(runCli(["current"], { cwd: p.dir }).code, 0);
      }
    });

    it("eight processes upgrading at once apply every step exactly once and all exit 0", async () => {
      const p = project("c", 6);
      const runs = await Promise.all(
        Array.from({ length: 8 }, () => startCli(["upgrade", "head"], { cwd: p.dir })),
      );
      for (const run of runs) assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(await versions("c"), ["c6"]);
      const log = await rows("SELECT rev FROM c_log ORDER BY rev");
      assert.deepEqual(log.map((r) => r.rev), ["c1", "c2", "c3", "c4", "c5", "c6"]);
      const applied = runs.reduce(
        (n, run) => n + (run.stderr.match(/Running upgrade/g)?.length ?? 0),
        0,
      );
      assert.equal(applied, 6, "six steps were run in all");
    });

    it("a revision with transaction = false runs on its own, outside the run's transaction", async () => {
      const p = project("e", 1);
      const concurrently = kind === "postgres" ? ", concurrently: true" : "";
      p.write("e2", "e1", {
        extra: "export const transaction = false;",
        up: `  await op.createIndex("e_1", "id", { name: "e_by_id"${concurrently} });`,
      });
      p.write("e3", "e2", { up: '  await op.createTable("e_3", [t.column("id", t.integer())]);' });
      const up = runCli(["upgrade", "head"], { cwd: p.dir });
      assert.equal(up.code, 0, up.stderr);
      assert.deepEqual(await versions("e"), ["e3"]);
      if (kind === "postgres") {
        const ix = await rows("SELECT indexname FROM pg_indexes WHERE indexname = 'e_by_id'");
        assert.equal(
          ix.length,
          1,
          "CREATE INDEX CONCURRENTLY ran (it cannot run inside a transaction)",
        );
      }
      const down = runCli(["downgrade", "e1"], { cwd: p.dir });
      assert.equal(down.code, 0, down.stderr);
      assert.deepEqual(await versions("e"), ["e1"]);
    });

    it("eight processes with a transaction = false revision in the middle apply each step once", async () => {
      const p = project("f", 4);
      const path = `${p.dir}/migrations/versions/f2_rev.ts`;
      const { readFileSync, writeFileSync } = await import("node:fs");
      writeFileSync(
        path,
        readFileSync(path, "utf8").replace(
          "export const revision",
          "export const transaction = false;\nexport const revision",
        ),
      );
      const runs = await Promise.all(
        Array.from({ length: 8 }, () => startCli(["upgrade", "head"], { cwd: p.dir })),
      );
      for (const run of runs) assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(await versions("f"), ["f4"]);
      assert.deepEqual((await rows("SELECT rev FROM f_log ORDER BY rev")).map((r) => r.rev), [
        "f1",
        "f2",
        "f3",
        "f4",
      ]);
    });

    it("with transactionPerMigration, eight processes still apply each step once", async () => {
      const p = project("d", 5, { transactionPerMigration: true });
      const runs = await Promise.all(
        Array.from({ length: 8 }, () => startCli(["upgrade", "head"], { cwd: p.dir })),
      );
      for (const run of runs) assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(await versions("d"), ["d5"]);
      assert.equal((await rows("SELECT rev FROM d_log")).length, 5);
    });
  });
}
