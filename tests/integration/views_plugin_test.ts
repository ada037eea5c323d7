// retort/plugins/views on real databases, through the CLI as a user runs it: its operations
// online and through --sql, a createView the database refuses, and (SQLite) a batch rebuild
// under a view.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { DatabaseKind, ThrowawayDatabase } from "./_databases.ts";
import { throwawayDatabase } from "./_databases.ts";
import type { CliRun, TempProject } from "../_project.ts";
import { assertOneLineError, runCli, tempProject } from "../_project.ts";

const plugins = ["retort/plugins/views"];

for (const kind of ["sqlite", "postgres", "mysql"] as DatabaseKind[]) {
  const { db: shared, skip } = await throwawayDatabase(kind);

  describe(`retort/plugins/views on ${kind}`, { skip }, () => {
    const cleanups: (() => unknown)[] = [];
    before(() => cleanups.push(() => shared!.drop()));
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    /** A project with the plugin, on the shared database or on a fresh one of its own. */
    async function project(
      { fresh = true, versionTable }: { fresh?: boolean; versionTable?: string } = {},
    ): Promise<{ p: TempProject; db: ThrowawayDatabase }> {
      let db = shared!;
      if (fresh) {
        const made = await throwawayDatabase(kind);
        if (!made.db) throw new Error(made.skip);
        db = made.db;
        cleanups.push(() => made.db.drop());
      }
      const p = tempProject({
        url: db.url,
        target: "schema.ts",
        plugins,
        ...(versionTable ? { versionTable } : {}),
      });
      cleanups.push(() => p.cleanup());
      return { p, db };
    }
    const cli = (p: TempProject, args: string[]): CliRun => runCli(args, { cwd: p.dir });
    const ok = (run: CliRun, what: string) => {
      assert.equal(run.code, 0, `${what}: ${run.stderr}${run.stdout}`);
      return run;
    };
    async function rows(db: ThrowawayDatabase, sql: string): Promise<Record<string, unknown>[]> {
      const c = await db.connect();
      try {
        return await c.query(sql);
      } finally {
        await c.close();
      }
    }
    const views = async (db: ThrowawayDatabase) =>
      (await rows(
        db,
        kind === "sqlite"
          ? "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name"
          : kind === "postgres"
          ? "SELECT viewname AS name FROM pg_views WHERE schemaname = current_schema() ORDER BY viewname"
          : "SELECT table_name AS name FROM information_schema.views WHERE table_schema = DATABASE() ORDER BY table_name",
      )).map((r) => String(r.name));

    it("createView, replaceView and dropView: pinned SQL with --sql, then online, and back down", async () => {
      const { p, db } = await project({ fresh: false, versionTable: "ops_version" });
      p.write("o1", null, {
        up:
          `  await op.createTable("o_users", [t.column("id", t.integer(), { primaryKey: true }), t.column("active", t.boolean())]);
  await op.createView("o_active", "SELECT id FROM o_users WHERE active");`,
        down: `  await op.dropView("o_active");\n  await op.dropTable("o_users");`,
      });
      p.write("o2", "o1", {
        up:
          `  await op.replaceView("o_active", "SELECT id FROM o_users WHERE NOT active", { existing: "SELECT id FROM o_users WHERE active" });
  await op.createView("o_all", "SELECT id FROM o_users", { orReplace: true });`,
        down: `  await op.dropView("o_all");
  await op.replaceView("o_active", "SELECT id FROM o_users WHERE active");`,
      });
      p.write("o3", "o2", {
        up: `  await op.dropView("o_all", { existing: "SELECT id FROM o_users" });`,
        down: `  await op.createView("o_all", "SELECT id FROM o_users");`,
      });
      const q = kind === "mysql" ? (n: string) => `\`${n}\`` : (n: string) => `"${n}"`;
      const replace = (name: string, select: string) =>
        kind === "sqlite"
          ? [`DROP VIEW IF EXISTS ${q(name)};`, `CREATE VIEW ${q(name)} AS ${select};`]
          : [`CREATE OR REPLACE VIEW ${q(name)} AS ${select};`];
      const expected = [
        `CREATE VIEW ${q("o_active")} AS SELECT id FROM o_users WHERE active;`,
        ...replace("o_active", "SELECT id FROM o_users WHERE NOT active"),
        ...replace("o_all", "SELECT id FROM o_users"),
        `DROP VIEW ${q("o_all")};`,
      ];
      const offline = ok(cli(p, ["upgrade", "--sql", "base:o3"]), "--sql");
      const statements = offline.stdout.split("\n").filter((l) =>
        /^(CREATE (OR REPLACE )?VIEW|DROP VIEW)/.test(l)
      );
      assert.deepEqual(statements, expected);

      ok(cli(p, ["upgrade", "o2"]), "upgrade o2");
      await rows(db, "INSERT INTO o_users (id, active) VALUES (1, true), (2, false)");
      assert.deepEqual((await rows(db, "SELECT id FROM o_active")).map((r) => Number(r.id)), [2]);
      assert.equal((await rows(db, "SELECT id FROM o_all")).length, 2);
      ok(cli(p, ["upgrade", "head"]), "upgrade o3");
      assert.deepEqual(await views(db), ["o_active"]);
      ok(cli(p, ["downgrade", "o1"]), "downgrade to o1");
      assert.deepEqual((await rows(db, "SELECT id FROM o_active")).map((r) => Number(r.id)), [1]);
      ok(cli(p, ["downgrade", "base"]), "downgrade to base");
      assert.deepEqual(await views(db), []);
    });

    it("a createView the database refuses fails its step in one line, rolled back where DDL is transactional", async () => {
      const { p, db } = await project({ fresh: false, versionTable: "bad_version" });
      p.write("b1", null, {
        up: `  await op.createTable("b_users", [t.column("id", t.integer(), { primaryKey: true })]);
  await op.createView("b_view", "SELEC id FROM b_users");`,
      });
      const up = cli(p, ["upgrade", "head"]);
      assertOneLineError(up, 1, /upgrade b1 failed: .*syntax.*CREATE VIEW/i);
      const tables = await rows(
        db,
        kind === "sqlite"
          ? "SELECT name FROM sqlite_master WHERE name = 'b_users'"
          : kind === "postgres"
          ? "SELECT tablename FROM pg_tables WHERE tablename = 'b_users'"
          : "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'b_users'",
      );
      assert.equal(
        tables.length,
        kind === "mysql" ? 1 : 0,
        "rolled back where DDL is transactional",
      );
    });

    if (kind === "sqlite") {
      it("a view over a table that batchAlterTable rebuilds keeps working", async () => {
        const { p, db } = await project({ fresh: false, versionTable: "batch_version" });
        p.write("s1", null, {
          up:
            `  await op.createTable("s_users", [t.column("id", t.integer(), { primaryKey: true }), t.column("email", t.varchar(50)), t.column("old", t.text())]);
  await op.createView("s_emails", "SELECT id, lower(email) AS email FROM s_users");`,
        });
        p.write("s2", "s1", {
          up: `  await op.batchAlterTable("s_users", (batch) => {
    batch.dropColumn("old");
    batch.alterColumn("email", { type: t.text(), nullable: false });
  }, { recreate: "always" });`,
        });
        ok(cli(p, ["upgrade", "s1"]), "upgrade s1");
        await rows(db, "INSERT INTO s_users (id, email, old) VALUES (1, 'A@x.org', 'x')");
        const up = ok(cli(p, ["upgrade", "head"]), "the rebuild");
        assert.doesNotMatch(up.stderr, /error/i);
        assert.deepEqual(await rows(db, "SELECT id, email FROM s_emails"), [{
          id: 1,
          email: "a@x.org",
        }]);
        const columns = await rows(
          db,
          "SELECT name, \"notnull\" FROM pragma_table_info('s_users') ORDER BY cid",
        );
        assert.deepEqual(
          columns.map((c) => [c.name, Number(c.notnull)]).slice(1),
          [["email", 1]],
          "the table was rebuilt",
        );
        assert.equal(columns.length, 2);
      });
    }
  });
}
