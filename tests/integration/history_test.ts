// retort_history on each database: every step and stamp recorded with the file's checksum, in
// the version write's transaction; `history --applied`; changed files reported by `current -v`
// and `check`, and refused by `upgrade` with strictChecksums until accepted.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DatabaseKind, ThrowawayDatabase } from "./_databases.ts";
import { throwawayDatabase } from "./_databases.ts";
import type { TempProject } from "../_project.ts";
import { runCli, tempProject } from "../_project.ts";

for (const kind of ["sqlite", "postgres", "mysql"] as DatabaseKind[]) {
  const { db, skip } = await throwawayDatabase(kind);

  describe(`the history table on ${kind}`, { skip }, () => {
    let database: ThrowawayDatabase;
    const projects: TempProject[] = [];
    before(() => (database = db!));
    after(async () => {
      for (const p of projects) p.cleanup();
      await database?.drop();
    });

    let n = 0;
    /** A project with its own version table (`hN_version`, so its history is `hN_history`). */
    function project(extra: Record<string, unknown> = {}) {
      const prefix = `h${++n}`;
      const p = tempProject({ url: database.url, versionTable: `${prefix}_version`, ...extra });
      projects.push(p);
      const file = (rev: string) => join(p.dir, "migrations", "versions", `${rev}_rev.ts`);
      p.write("a1", null, {
        up: `  await op.createTable("${prefix}_a", [t.column("id", t.integer(), { primaryKey: true })]);`,
        down: `  await op.dropTable("${prefix}_a");`,
      });
      p.write("b2", "a1", {
        up: `  await op.createTable("${prefix}_b", [t.column("id", t.integer(), { primaryKey: true })]);`,
        down: `  await op.dropTable("${prefix}_b");`,
      });
      return { p, prefix, file };
    }
    const cli = (p: TempProject, args: string[]) => runCli(args, { cwd: p.dir });
    const sha = (path: string) =>
      createHash("sha256").update(readFileSync(path, "utf8").replace(/\r\n/g, "\n")).digest("hex");
    async function rows(sql: string) {
      const c = await database.connect();
      try {
        return await c.query(sql);
      } finally {
        await c.close();
      }
    }

    it("records each step and stamp with its checksum, host, version and --tag; history --applied lists them", async () => {
      const { p, prefix, file } = project();
      assert.equal(cli(p, ["upgrade", "head", "--tag", "release-7"]).code, 0);
      assert.equal(cli(p, ["downgrade", "-1"]).code, 0);
      assert.equal(cli(p, ["stamp", "b2"]).code, 0);
      const recorded = await rows(`SELECT revision, direction, checksum, tag, duration_ms FROM ${prefix}_history ORDER BY id`);
      assert.deepEqual(recorded.map((r) => [r.revision, r.direction, r.tag]), [
        ["a1", "upgrade", "release-7"],
        ["b2", "upgrade", "release-7"],
        ["b2", "downgrade", null],
        ["b2", "stamp", null],
      ]);
      assert.equal(recorded[0].checksum, sha(file("a1")));
      assert.ok(recorded.every((r) => Number(r.duration_ms) >= 0));
      const listed = cli(p, ["history", "--applied"]);
      assert.equal(listed.code, 0, listed.stderr);
      const lines = listed.stdout.trim().split("\n");
      assert.equal(lines.length, 4);
      assert.match(lines[0], /^\d{4}-\d\d-\d\dT[\d:.]+Z {2}upgrade +a1 {2}\d+ ms {2}\S+ {2}retort [\d.]+ {2}tag release-7$/);
      const json = JSON.parse(cli(p, ["history", "--applied", "--json"]).stdout);
      assert.deepEqual(Object.keys(json.entries[0]).sort(), [
        "checksum", "direction", "durationMs", "fileUnchanged", "finishedAt", "host", "retortVersion", "revision", "startedAt", "tag",
      ]);
      assert.equal(json.entries[0].fileUnchanged, true);
    });

    it("a failing step leaves no history row where DDL is transactional; none for it on MySQL either", async () => {
      const { p, prefix } = project();
      p.write("c3", "b2", { up: `  await op.execute("SELECT * FROM no_such_table_${prefix}");` });
      const up = cli(p, ["upgrade", "head"]);
      assert.equal(up.code, 1);
      // where DDL is transactional, the history table itself went with the rolled-back run
      const recorded = await rows(`SELECT revision FROM ${prefix}_history ORDER BY id`).catch(() => []);
      const expected = kind === "mysql" ? ["a1", "b2"] : [];
      assert.deepEqual(recorded.map((r) => r.revision), expected, "rolled back with the run, or only the steps that finished");
    });

    it("a changed applied file: current -v names it; strictChecksums refuses upgrade until stamp --accept-changes", async () => {
      const { p, file } = project({ strictChecksums: true });
      assert.equal(cli(p, ["upgrade", "a1"]).code, 0);
      // CRLF line endings alone are not a change
      writeFileSync(file("a1"), readFileSync(file("a1"), "utf8").replace(/\n/g, "\r\n"));
      assert.doesNotMatch(cli(p, ["current", "-v"]).stdout, /changed since applied/);
      writeFileSync(file("a1"), readFileSync(file("a1"), "utf8") + "\n// edited after it ran\n");
      const shown = cli(p, ["current", "-v"]);
      assert.match(shown.stdout, /changed since applied: a1: .*a1_rev\.ts changed since it ran/);
      assert.deepEqual(JSON.parse(cli(p, ["current", "-v", "--json"]).stdout).changedSinceApplied.map((c: { revision: string }) => c.revision), ["a1"]);
      const refused = cli(p, ["upgrade", "head"]);
      assert.equal(refused.code, 1);
      const errors = refused.stderr.split("\n").filter((l) => l.startsWith("retort:"));
      assert.equal(errors.length, 1, refused.stderr);
      assert.match(errors[0], /the file of applied revision a1 changed since it ran \(strictChecksums\); restore it, or if the change is meant, `retort stamp --accept-changes a1`/);
      assert.match(cli(p, ["current"]).stdout, /^a1/, "nothing ran");
      const accepted = cli(p, ["stamp", "--accept-changes", "a1"]);
      assert.equal(accepted.code, 0, accepted.stderr);
      assert.match(cli(p, ["current"]).stdout, /^a1/, "accepting moves no version");
      assert.equal(cli(p, ["upgrade", "head"]).code, 0);
      const notApplied = cli(p, ["stamp", "--accept-changes", "b2"]);
      assert.equal(notApplied.code, 0, "b2 is applied now");
      assert.equal(cli(p, ["downgrade", "a1"]).code, 0);
      const refusedAccept = cli(p, ["stamp", "--accept-changes", "b2"]);
      assert.equal(refusedAccept.code, 2);
      assert.match(refusedAccept.stderr, /--accept-changes: b2 is not applied to the database/);
    });

    it("--sql scripts create and fill the history too", () => {
      const { p, prefix } = project();
      const sql = cli(p, ["upgrade", "--sql", "--tag", "offline"]);
      assert.equal(sql.code, 0, sql.stderr);
      assert.match(sql.stdout, new RegExp(`CREATE TABLE IF NOT EXISTS [\`"]${prefix}_history[\`"]`));
      assert.match(sql.stdout, new RegExp(`INSERT INTO [\`"]${prefix}_history[\`"] .*VALUES \\('a1', 'upgrade', '[0-9a-f]{64}'.*'offline'\\)`));
      const stamped = cli(p, ["stamp", "--sql", "head"]);
      assert.match(stamped.stdout, new RegExp(`INSERT INTO [\`"]${prefix}_history[\`"] .*VALUES \\('b2', 'stamp'`));
    });
  });
}
