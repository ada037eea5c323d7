// Resuming a step that a stopped run left part-way, on each real database (every step on
// MySQL; `transaction = false` steps on PostgreSQL and SQLite): the lock row records which
// statements ran, `current` says exactly that, and `upgrade --resume` runs the rest, refusing
// when there is nothing to resume or when the file no longer makes the statements that ran.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import process from "node:process";
import type { DatabaseKind, ThrowawayDatabase } from "./_databases.ts";
import { throwawayDatabase } from "./_databases.ts";
import type { TempProject } from "../_project.ts";
import { runCli, startCli, tempProject } from "../_project.ts";
import {
  errorLines,
  lockRow,
  tablesLike,
  versionsOf,
  waitFor,
  writeSteps,
} from "./_lock_helpers.ts";

for (const kind of ["sqlite", "postgres", "mysql"] as DatabaseKind[]) {
  const { db, skip } = await throwawayDatabase(kind);
  const sleepSql = kind === "mysql"
    ? "DO SLEEP(3)"
    : kind === "postgres"
    ? "SELECT pg_sleep(3)"
    : undefined;

  describe(`resuming a step on ${kind}`, { skip }, () => {
    let database: ThrowawayDatabase;
    const projects: TempProject[] = [];
    before(() => (database = db!));
    after(async () => {
      for (const p of projects) p.cleanup();
      await database?.drop();
    });

    function project(prefix: string) {
      const p = tempProject({ url: database.url, versionTable: `${prefix}_version` });
      projects.push(p);
      writeSteps(p, `${prefix}1`, null, [`${prefix}_base`]);
      return p;
    }

    /** Starts `args`, waits until its step recorded `statements` completed, and kills it. */
    async function killAfter(
      p: TempProject,
      prefix: string,
      statements: number,
      args = ["upgrade", "head"],
    ) {
      let pid = 0;
      const run = startCli(args, { cwd: p.dir, onStart: (id) => (pid = id) });
      await waitFor(`${statements} statements of the step`, async () => {
        const row = await lockRow(database, `${prefix}_version`);
        return row && row.revision === `${prefix}2` && Number(row.statements_run) >= statements;
      });
      process.kill(pid, "SIGKILL");
      await run;
      await untilDirty(p);
    }

    /** Waits until `current` reports the killed run's step as dirty (at once on MySQL). */
    async function untilDirty(p: TempProject) {
      await waitFor(
        "the step to show as dirty",
        () => Promise.resolve(runCli(["current"], { cwd: p.dir }).code === 1),
        10_000,
      );
    }

    it("a run killed between statements: current says how many ran, --resume runs the rest once", {
      timeout: 60_000,
    }, async () => {
      const p = project("a");
      writeSteps(p, "a2", "a1", ["a_1", "a_2", 1_500, "a_3", "a_4"], { transaction: false });
      await killAfter(p, "a", 2);
      const current = runCli(["current", "--json"], { cwd: p.dir });
      assert.equal(current.code, 1);
      const doc = JSON.parse(current.stdout);
      assert.deepEqual(doc.current.map((r: { revision: string }) => r.revision), ["a1"]);
      assert.deepEqual(
        { ...doc.dirty, lastSeen: typeof doc.dirty.lastSeen },
        {
          revision: "a2",
          direction: "upgrade",
          lastSeen: "string",
          statementsRun: 2,
          nextStatement: null,
          nextStatementState: null,
        },
      );
      const human = runCli(["current"], { cwd: p.dir });
      assert.match(
        errorLines(human.stderr).at(-1)!,
        /^retort: the database is dirty: upgrade a2 started outside a transaction and did not finish \(last seen .*\): 2 of its statements ran, and the next had not started; check the schema, then `retort upgrade --resume` to run the rest, or `retort stamp REV` with the revision it matches$/,
      );
      const upgrade = runCli(["upgrade", "head"], { cwd: p.dir });
      assert.equal(upgrade.code, 1, "a plain upgrade refuses a dirty database");
      const skipNext = runCli(["upgrade", "--resume", "--skip-next"], { cwd: p.dir });
      assert.equal(skipNext.code, 1);
      assert.match(
        errorLines(skipNext.stderr).at(-1)!,
        /^retort: --skip-next: no statement of a2 was running/,
      );
      const resumed = runCli(["upgrade", "--resume"], { cwd: p.dir });
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(resumed.stderr, /Resuming upgrade a2 after 2 of its statements/);
      assert.deepEqual(await tablesLike(database, "a_"), ["a_1", "a_2", "a_3", "a_4", "a_base"]);
      assert.deepEqual(await versionsOf(database, "a_version"), ["a2"]);
      assert.equal(runCli(["current"], { cwd: p.dir }).code, 0);
      const again = runCli(["upgrade", "--resume"], { cwd: p.dir });
      assert.equal(again.code, 1);
      assert.match(
        errorLines(again.stderr).at(-1)!,
        /^retort: --resume: the database is not dirty \(no step was left unfinished\); run `retort upgrade` without --resume$/,
      );
    });

    it("a failed statement: current names it, and --resume runs from it once the file is fixed", {
      timeout: 30_000,
    }, async () => {
      const p = project("b");
      writeSteps(p, "b2", "b1", ["b_1", { sql: "INSERT INTO b_missing VALUES (1)" }, "b_3"], {
        transaction: false,
      });
      const failed = runCli(["upgrade", "head"], { cwd: p.dir });
      assert.equal(failed.code, 1);
      assert.match(failed.stderr, /upgrade b2 failed: .*b_missing.*retort upgrade --resume/);
      const current = runCli(["current", "--json"], { cwd: p.dir });
      const dirty = JSON.parse(current.stdout).dirty;
      assert.equal(dirty.statementsRun, 1);
      assert.equal(dirty.nextStatement, "INSERT INTO b_missing VALUES (1)");
      assert.equal(dirty.nextStatementState, "failed");
      // The user fixes the statement that failed; the one that ran is unchanged.
      writeSteps(p, "b2", "b1", ["b_1", "b_missing", "b_3"], { transaction: false });
      const resumed = runCli(["upgrade", "--resume"], { cwd: p.dir });
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.deepEqual(await tablesLike(database, "b_"), ["b_1", "b_3", "b_base", "b_missing"]);
      assert.deepEqual(await versionsOf(database, "b_version"), ["b2"]);
    });

    it("refuses to resume when the file no longer makes the statements that ran", {
      timeout: 60_000,
    }, async () => {
      const p = project("c");
      writeSteps(p, "c2", "c1", ["c_1", 1_500, "c_2"], { transaction: false });
      await killAfter(p, "c", 1);
      const path = `${p.dir}/migrations/versions/c2_rev.ts`;
      writeFileSync(path, readFileSync(path, "utf8").replace('"c_1"', '"c_other"'));
      const resumed = runCli(["upgrade", "--resume"], { cwd: p.dir });
      assert.equal(resumed.code, 1);
      assert.match(
        errorLines(resumed.stderr).at(-1)!,
        /^retort: cannot resume c2: the migration no longer makes the statements the stopped run made \(its first 1 statements are not the ones that ran\), so its file changed since; restore the file as it was, or repair the schema by hand and `retort stamp REV`$/,
      );
      assert.deepEqual(await tablesLike(database, "c_"), ["c_1", "c_base"], "nothing ran");
      const still = JSON.parse(runCli(["current", "--json"], { cwd: p.dir }).stdout).dirty;
      assert.equal(still.statementsRun, 1, "still recorded as it was");
      // Repaired by hand instead: stamp clears the unfinished step.
      const stamp = runCli(["stamp", "c2"], { cwd: p.dir });
      assert.equal(stamp.code, 0, stamp.stderr);
      assert.match(stamp.stderr, /Cleared the unfinished upgrade of c2/);
      assert.equal(runCli(["current"], { cwd: p.dir }).code, 0);
    });

    it(
      "a downgrade resumes with downgrade --resume, not upgrade --resume",
      { timeout: 60_000 },
      async () => {
        const p = project("e");
        writeSteps(p, "e2", "e1", ["e_1", "e_2"], {
          transaction: false,
          downItems: ["e_2", 1_500, "e_1"],
        });
        assert.equal(runCli(["upgrade", "head"], { cwd: p.dir }).code, 0);
        await killAfter(p, "e", 1, ["downgrade", "e1"]);
        const wrong = runCli(["upgrade", "--resume"], { cwd: p.dir });
        assert.equal(wrong.code, 1);
        assert.match(
          errorLines(wrong.stderr).at(-1)!,
          /^retort: --resume: the unfinished step is the downgrade of e2; resume it with `retort downgrade --resume`/,
        );
        const resumed = runCli(["downgrade", "--resume", "e1"], { cwd: p.dir });
        assert.equal(resumed.code, 0, resumed.stderr);
        assert.deepEqual(await tablesLike(database, "e_"), ["e_base"]);
        assert.deepEqual(await versionsOf(database, "e_version"), ["e1"]);
      },
    );

    it("--skip-next without --resume is a usage error", () => {
      const p = project("g");
      const run = runCli(["upgrade", "--skip-next"], { cwd: p.dir });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /--skip-next only goes with --resume/);
    });

    if (!sleepSql) return;

    it(
      "a run killed during a statement: current says it may have run; --resume --skip-next skips it",
      {
        timeout: 60_000,
      },
      async () => {
        const p = project("s");
        writeSteps(p, "s2", "s1", ["s_1", { sql: sleepSql }, "s_3"], { transaction: false });
        let pid = 0;
        const run = startCli(["upgrade", "head"], { cwd: p.dir, onStart: (id) => (pid = id) });
        await waitFor("the pause statement", async () => {
          const row = await lockRow(database, "s_version");
          return row && row.revision === "s2" && row.last_statement_state === "running" &&
            Number(row.statements_run) === 1;
        });
        process.kill(pid, "SIGKILL");
        await run;
        await untilDirty(p);
        const current = runCli(["current", "--json"], { cwd: p.dir });
        const dirty = JSON.parse(current.stdout).dirty;
        assert.equal(dirty.statementsRun, 1);
        assert.equal(dirty.nextStatement, sleepSql);
        assert.equal(dirty.nextStatementState, "running");
        assert.match(
          errorLines(current.stderr).at(-1)!,
          new RegExp(
            `1 of its statements ran, and statement 2 \\(\`${
              sleepSql.replace(/[()]/g, "\\$&")
            }\`\\) was running when it stopped, so it may have taken effect; ` +
              "check the schema, then `retort upgrade --resume` to run the rest from statement 2 \\(add --skip-next if it took effect\\)",
          ),
        );
        const resumed = runCli(["upgrade", "--resume", "--skip-next"], { cwd: p.dir });
        assert.equal(resumed.code, 0, resumed.stderr);
        assert.match(resumed.stderr, /Resuming upgrade s2 after 2 of its statements/);
        assert.deepEqual(await tablesLike(database, "s_"), ["s_1", "s_3", "s_base"]);
        assert.deepEqual(await versionsOf(database, "s_version"), ["s2"]);
      },
    );
  });
}
