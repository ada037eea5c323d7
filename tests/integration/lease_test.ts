// The migration lock's lease against each real database, through the CLI: the server's
// clock only (a client whose clock runs ahead neither expires a live lease nor is blocked by
// a lease in the future), every write of the holder checked (a lost lease fails the run and
// says what state remains), a dead holder detected at once on MySQL, a waiting run that says
// whom it waits for, `retort unlock [--force]`, and `stamp` that never clears a live lease.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { hostname } from "node:os";
import process from "node:process";
import { join } from "node:path";
import type { DatabaseKind, ThrowawayDatabase } from "./_databases.ts";
import { throwawayDatabase } from "./_databases.ts";
import type { TempProject } from "../_project.ts";
import { repoRoot, runCli, startCli, tempProject } from "../_project.ts";
import {
  errorLines,
  execOn,
  lockRow,
  rowsOf,
  tablesLike,
  versionsOf,
  waitFor,
  writeSteps,
} from "./_lock_helpers.ts";
import { unlock } from "../../src/commands/unlock.ts";

const clockAhead = join(repoRoot, "tests", "runtime", "_clock_ahead.ts");
const waiting = (pid: number) =>
  new RegExp(
    `^waiting for the migration lock held by ${hostname()} pid ${pid} since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z`,
    "m",
  );

for (const kind of ["sqlite", "postgres", "mysql"] as DatabaseKind[]) {
  const { db, skip } = await throwawayDatabase(kind);
  const mysql = kind === "mysql";

  describe(`the migration lock on ${kind}`, { skip }, () => {
    let database: ThrowawayDatabase;
    const projects: TempProject[] = [];
    before(() => (database = db!));
    after(async () => {
      for (const p of projects) p.cleanup();
      await database?.drop();
    });

    /**
     * A project whose revision `<prefix>1` makes table `<prefix>_a`, pauses `pauseMs`, then
     * makes `<prefix>_b`: outside a transaction on every database (on PostgreSQL and SQLite
     * through `transaction = false`, the only steps that take the lock row there).
     */
    function slowProject(prefix: string, pauseMs: number, config: Record<string, unknown> = {}) {
      const p = tempProject({ url: database.url, versionTable: `${prefix}_version`, ...config });
      projects.push(p);
      writeSteps(p, `${prefix}1`, null, [`${prefix}_a`, pauseMs, `${prefix}_b`], {
        transaction: false,
      });
      return p;
    }

    /**
     * Starts `upgrade head` and resolves once its step is recorded in the lock row and its
     * first statement (which makes `<prefix>_a`) is done.
     */
    async function startHolder(p: TempProject, prefix: string) {
      let pid = 0;
      const run = startCli(["upgrade", "head"], { cwd: p.dir, onStart: (id) => (pid = id) });
      await waitFor("the holder's first statement", async () => {
        const row = await lockRow(database, `${prefix}_version`);
        if (!row || row.revision === null) return false;
        // (a lock table without statements_run: the first table tells instead)
        if (row.statements_run !== undefined) return Number(row.statements_run) >= 1;
        return (await tablesLike(database, `${prefix}_`)).length >= 1;
      });
      return { run, pid };
    }

    it(
      "a run whose clock runs 45 s ahead waits for a live holder, says for whom, and calls nothing dirty",
      {
        timeout: 60_000,
      },
      async () => {
        const p = slowProject("k", 3_000);
        const holder = await startHolder(p, "k");
        const skewed = await startCli(["upgrade", "head"], { cwd: p.dir, preload: clockAhead });
        const first = await holder.run;
        assert.equal(first.code, 0, first.stderr);
        assert.equal(skewed.code, 0, skewed.stderr);
        assert.doesNotMatch(skewed.stderr, /dirty/);
        assert.match(skewed.stderr, waiting(holder.pid));
        assert.equal(
          skewed.stderr.match(/waiting for the migration lock/g)?.length,
          1,
          "said once",
        );
        assert.deepEqual(await versionsOf(database, "k_version"), ["k1"]);
      },
    );

    it(
      "a lease renewed in the future (by a client clock, in an old lock table) does not block a run",
      {
        timeout: 60_000,
      },
      async () => {
        const p = slowProject("f", 0, { lockTimeoutMs: 5_000 });
        const bigint = kind === "sqlite" ? "INTEGER" : "BIGINT";
        // The lock table as the first releases made it, holding a row renewed a day ahead.
        await execOn(
          database,
          `CREATE TABLE f_version_lock (id INTEGER NOT NULL PRIMARY KEY, owner VARCHAR(64) NOT NULL, ` +
            `revision VARCHAR(64), direction VARCHAR(16), renewed_at ${bigint} NOT NULL)`,
        );
        await execOn(
          database,
          `INSERT INTO f_version_lock (id, owner, renewed_at) VALUES (1, 'old', ${
            Date.now() + 86_400_000
          })`,
        );
        const run = runCli(["upgrade", "head"], { cwd: p.dir });
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(await versionsOf(database, "f_version"), ["f1"]);
        assert.equal(await lockRow(database, "f_version"), undefined, "the lock is given up");
        // The old table got the columns this retort records, and still works for the next run.
        await rowsOf(database, "SELECT host, pid, acquired_at, statements_run FROM f_version_lock");
        assert.equal(runCli(["downgrade", "base"], { cwd: p.dir }).code, 0);
      },
    );

    it("stamp waits for a live holder and never clears its lease, whatever its clock says", {
      timeout: 60_000,
    }, async () => {
      const p = slowProject("s", 4_000, { lockTimeoutMs: 1_500 });
      const holder = await startHolder(p, "s");
      const stamp = await startCli(["stamp", "s1"], { cwd: p.dir, preload: clockAhead });
      assert.equal(stamp.code, 1, stamp.stderr);
      assert.match(
        errorLines(stamp.stderr).at(-1)!,
        /^retort: another retort run \(.*pid \d+.*\) holds the migration lock .* did not finish within 1500 ms/,
      );
      assert.match(stamp.stderr, waiting(holder.pid));
      const first = await holder.run;
      assert.equal(first.code, 0, first.stderr);
      assert.deepEqual(await versionsOf(database, "s_version"), ["s1"]);
      assert.deepEqual(await tablesLike(database, "s_"), ["s_a", "s_b"]);
    });

    it(
      "unlock refuses a live holder; --force ends it, and the holder fails saying it lost the lock",
      {
        timeout: 60_000,
      },
      async () => {
        const p = slowProject("u", 4_000);
        const free = runCli(["unlock", "--json"], { cwd: p.dir });
        assert.equal(free.code, 0, free.stderr);
        assert.deepEqual(JSON.parse(free.stdout), { cleared: null, dirty: null });
        const holder = await startHolder(p, "u");
        const refused = runCli(["unlock"], { cwd: p.dir });
        assert.equal(refused.code, 1);
        assert.match(
          errorLines(refused.stderr).at(-1)!,
          new RegExp(
            `^retort: the migration lock is held by ${hostname()} pid ${holder.pid} since .*, which looks alive \\(.*\\); ` +
              "wait for it to finish, or `retort unlock --force` if you know that run is gone$",
          ),
        );
        const forced = runCli(["unlock", "--force", "--json"], { cwd: p.dir });
        assert.equal(forced.code, 1, "the holder was part-way: the database is dirty");
        const doc = JSON.parse(forced.stdout);
        assert.equal(doc.cleared.pid, holder.pid);
        assert.equal(doc.cleared.wasAlive, true);
        assert.equal(doc.dirty.revision, "u1");
        assert.equal(doc.dirty.statementsRun, 1);
        const first = await holder.run;
        assert.equal(first.code, 1);
        assert.match(
          errorLines(first.stderr).at(-1)!,
          /^retort: (this run lost the migration lock \(.*\); it stopped upgrade u1 after 1 of its statements, so the database is dirty|upgrade u1 failed: .*)/,
        );
        const current = runCli(["current", "--json"], { cwd: p.dir });
        assert.equal(current.code, 1);
        assert.equal(JSON.parse(current.stdout).dirty.statementsRun, 1);
        assert.deepEqual(
          await tablesLike(database, "u_"),
          ["u_a"],
          "nothing ran after the lock was lost",
        );
        assert.deepEqual(await versionsOf(database, "u_version"), []);
      },
    );

    it("unlock clears the lease of a holder that is gone and had no step running", async () => {
      const p = slowProject("g", 0);
      assert.equal(runCli(["upgrade", "head"], { cwd: p.dir }).code, 0);
      // A holder that died between steps: a row with no step, whose lease or server lock is gone.
      await execOn(
        database,
        `INSERT INTO g_version_lock (id, owner, renewed_at, host, pid, acquired_at) VALUES (1, 'gone', 1000, 'elsewhere', 4242, 1000)`,
      );
      const library = await unlock({ cwd: p.dir });
      assert.deepEqual(library, {
        cleared: {
          host: "elsewhere",
          pid: 4242,
          since: "1970-01-01T00:00:01.000Z",
          lastSeen: "1970-01-01T00:00:01.000Z",
          wasAlive: false,
        },
        dirty: null,
      });
      assert.equal(await lockRow(database, "g_version"), undefined);
      await execOn(
        database,
        `INSERT INTO g_version_lock (id, owner, renewed_at, host, pid, acquired_at) VALUES (1, 'gone', 1000, 'elsewhere', 4242, 1000)`,
      );
      const cli = runCli(["unlock"], { cwd: p.dir });
      assert.equal(cli.code, 0, cli.stderr);
      assert.match(
        cli.stderr,
        /^Cleared the migration lock held by elsewhere pid 4242 since 1970-01-01T00:00:01.000Z$/m,
      );
      const again = runCli(["unlock"], { cwd: p.dir });
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stderr, /The migration lock is free: nothing to clear/);
    });

    it("a run takes over at once from a holder that is gone and had no step running", {
      timeout: 30_000,
    }, async () => {
      const p = slowProject("t", 0, { lockTimeoutMs: 20_000 });
      assert.equal(runCli(["upgrade", "head"], { cwd: p.dir }).code, 0);
      // On MySQL renewed just now, so a lease by time alone would hold it for 30 s: no
      // connection holds its server lock, so it is gone. Elsewhere its lease ran out.
      await execOn(
        database,
        `INSERT INTO t_version_lock (id, owner, renewed_at, host, pid, acquired_at) VALUES (1, 'gone', ${
          mysql ? "UNIX_TIMESTAMP() * 1000" : 1000
        }, 'elsewhere', 4242, 0)`,
      );
      const started = Date.now();
      const run = runCli(["downgrade", "base"], { cwd: p.dir });
      assert.equal(run.code, 0, run.stderr);
      if (mysql) assert.ok(Date.now() - started < 5_000, "at once");
      assert.deepEqual(await versionsOf(database, "t_version"), []);
      assert.deepEqual(await tablesLike(database, "t_"), []);
    });

    if (!mysql) return;

    it(
      "MySQL: a killed run is reported dirty within 5 s, by `current` and by a run waiting for it",
      {
        timeout: 60_000,
      },
      async () => {
        const p = slowProject("d", 20_000);
        const holder = await startHolder(p, "d");
        const waiter = startCli(["upgrade", "head"], { cwd: p.dir });
        await new Promise((resolve) => setTimeout(resolve, 1_500)); // the waiter is waiting
        process.kill(holder.pid, "SIGKILL");
        const killedAt = Date.now();
        const current = await waitFor("current to report dirty", () => {
          const run = runCli(["current", "--json"], { cwd: p.dir });
          return Promise.resolve(run.code === 1 ? run : undefined);
        }, 5_000);
        assert.equal(JSON.parse(current.stdout).dirty.statementsRun, 1);
        const waited = await waiter;
        assert.ok(
          Date.now() - killedAt < 5_000,
          `the waiter ended ${Date.now() - killedAt} ms after the kill`,
        );
        assert.equal(waited.code, 1);
        assert.match(
          errorLines(waited.stderr).at(-1)!,
          /^retort: the database is dirty: upgrade d1 started outside a transaction and did not finish.*: 1 of its statements ran, and the next had not started; check the schema, then `retort upgrade --resume`/,
        );
        await holder.run;
      },
    );

    it("MySQL: a run whose heartbeat connection drops stops, and says what state remains", {
      timeout: 60_000,
    }, async () => {
      const p = slowProject("h", 4_000);
      const holder = await startHolder(p, "h");
      const [{ id }] = await rowsOf(
        database,
        "SELECT IS_USED_LOCK(CONCAT('retort:', SHA1(CONCAT(DATABASE(), '.', 'h_version_lock')))) AS id",
      );
      assert.ok(id, "the holder's heartbeat holds the server lock");
      await execOn(database, `KILL CONNECTION ${id}`);
      const first = await holder.run;
      assert.equal(first.code, 1, first.stderr);
      assert.match(
        errorLines(first.stderr).at(-1)!,
        /^retort: this run lost the migration lock \(its heartbeat connection failed: .*\); it stopped upgrade h1 after 1 of its statements, so the database is dirty; see `retort current`/,
      );
      const current = runCli(["current", "--json"], { cwd: p.dir });
      assert.equal(current.code, 1);
      assert.equal(JSON.parse(current.stdout).dirty.statementsRun, 1);
      assert.deepEqual(await tablesLike(database, "h_"), ["h_a"], "the record matches the schema");
    });

    it(
      "MySQL: deleting the lock row mid-run neither lets a second run in nor loses the dirty step",
      {
        timeout: 60_000,
      },
      async () => {
        const p = slowProject("x", 3_000);
        const holder = await startHolder(p, "x");
        assert.equal(await execOn(database, "DELETE FROM x_version_lock"), 1);
        const second = await startCli(["upgrade", "head"], { cwd: p.dir });
        const first = await holder.run;
        assert.equal(first.code, 1, first.stderr);
        assert.match(
          errorLines(first.stderr).at(-1)!,
          /^retort: this run lost the migration lock \(its lock row was deleted; it wrote the row back to record the unfinished step\); it stopped upgrade x1 after 1 of its statements/,
        );
        assert.equal(second.code, 1, second.stderr);
        assert.match(
          errorLines(second.stderr).at(-1)!,
          /^retort: the database is dirty: upgrade x1 .*1 of its statements ran/,
        );
        assert.doesNotMatch(second.stderr, /Running upgrade/, "the second run ran nothing");
        assert.deepEqual(await tablesLike(database, "x_"), ["x_a"]);
        const resumed = runCli(["upgrade", "--resume"], { cwd: p.dir });
        assert.equal(resumed.code, 0, resumed.stderr);
        assert.deepEqual(await tablesLike(database, "x_"), ["x_a", "x_b"]);
        assert.deepEqual(await versionsOf(database, "x_version"), ["x1"]);
      },
    );
  });
}
