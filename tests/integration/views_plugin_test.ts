// retort/plugins/views on real databases, through the CLI as a user runs it: its operations
// online and through --sql, the downgrade that recreates a dropped view, the autogenerate
// round trip (added, changed, removed, no false positive on a SELECT each database rewrites),
// views that read views, a SELECT the database refuses, and (SQLite) a batch rebuild under a view.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DatabaseKind, ThrowawayDatabase } from "./_databases.ts";
import { throwawayDatabase } from "./_databases.ts";
import type { CliRun, TempProject } from "../_project.ts";
import { assertOneLineError, runCli, tempProject } from "../_project.ts";

const plugins = ["retort/plugins/views"];

/** A users table, and the views given (each `view(...)` call as source). */
function schema(views: string[], extraColumns = ""): string {
  return `import { defineSchema, t, table, view, sql } from "retort";

export default defineSchema({
  tables: [
    table("users", [
      t.column("id", t.integer(), { primaryKey: true }),
      t.column("email", t.varchar(100), { nullable: false }),
      t.column("active", t.boolean(), { nullable: false, serverDefault: true }),${extraColumns}
    ]),
  ],
  views: [${views.join(", ")}],
});
`;
}

// Lowercase keywords, a function, an alias and a WHERE clause: every server but SQLite
// stores this differently from how it is written.
const activeUsers = "select id, lower(email) as email_lower from users where active";

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
    const revisions = (p: TempProject) =>
      readdirSync(join(p.dir, "migrations", "versions")).filter((f) => f.endsWith(".ts"));
    const revisionPath = (p: TempProject, id: string) =>
      join(p.dir, "migrations", "versions", revisions(p).find((f) => f.startsWith(id))!);
    /** A revision's text on one line, as it reads before the formatter wraps it. */
    const revisionText = (p: TempProject, id: string) =>
      readFileSync(revisionPath(p, id), "utf8").replace(/\s+/g, " ").replace(/([([]) /g, "$1")
        .replace(/,? ([)\]])/g, "$1").replace(/, \}/g, " }");
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

    it("autogenerate round trip: added, upgrade, check; changed; removed; downgrade recreates the view", async () => {
      const { p, db } = await project();
      const write = (text: string) => writeFileSync(join(p.dir, "schema.ts"), text);
      write(schema([`view("active_users", ${JSON.stringify(activeUsers)})`]));
      const first = ok(
        cli(p, ["revision", "--autogenerate", "-m", "first", "--rev-id", "r1"]),
        "first autogenerate",
      );
      assert.match(first.stderr, /Detected added table 'users'/);
      assert.match(first.stderr, /Detected added view 'active_users'/);
      ok(cli(p, ["upgrade", "head"]), "first upgrade");
      const clean = ok(cli(p, ["check"]), "check after adding the view");
      assert.match(clean.stdout, /No new upgrade operations detected\./);
      await rows(
        db,
        "INSERT INTO users (id, email, active) VALUES (1, 'A@x.org', true), (2, 'B@x.org', false)",
      );
      assert.deepEqual(await rows(db, "SELECT id, email_lower FROM active_users"), [{
        id: 1,
        email_lower: "a@x.org",
      }]);

      // a new column in the table, which the changed view reads: the probe cannot run yet
      const changed =
        "select id, lower(email) as email_lower, nickname from users where not active";
      write(
        schema(
          [`view("active_users", sql\`${changed}\`)`],
          `\n      t.column("nickname", t.varchar(40)),`,
        ),
      );
      const second = ok(
        cli(p, ["revision", "--autogenerate", "-m", "second", "--rev-id", "r2"]),
        "second autogenerate",
      );
      assert.match(second.stderr, /Detected added column 'users\.nickname'/);
      assert.match(second.stderr, /Detected changed view 'active_users'/);
      ok(cli(p, ["upgrade", "head"]), "second upgrade");
      ok(cli(p, ["check"]), "check after changing the view");
      assert.deepEqual((await rows(db, "SELECT id FROM active_users")).map((r) => Number(r.id)), [
        2,
      ]);

      write(schema([], `\n      t.column("nickname", t.varchar(40)),`));
      const third = ok(
        cli(p, ["revision", "--autogenerate", "-m", "third", "--rev-id", "r3"]),
        "third autogenerate",
      );
      assert.match(third.stderr, /Detected removed view 'active_users'/);
      assert.match(revisionText(p, "r3"), /op\.dropView\("active_users", \{ existing: /);
      ok(cli(p, ["upgrade", "head"]), "third upgrade");
      ok(cli(p, ["check"]), "check after removing the view");
      assert.deepEqual(await views(db), []);

      // downgrade recreates it from the definition the drop carried, as the database had it
      ok(cli(p, ["downgrade", "-1"]), "downgrade");
      assert.deepEqual((await rows(db, "SELECT id FROM active_users")).map((r) => Number(r.id)), [
        2,
      ]);
      rmSync(revisionPath(p, "r3"));
      write(
        schema(
          [`view("active_users", sql\`${changed}\`)`],
          `\n      t.column("nickname", t.varchar(40)),`,
        ),
      );
      ok(cli(p, ["check"]), "check against the declaration with the view after the downgrade");
      ok(cli(p, ["downgrade", "r1"]), "downgrade the change");
      rmSync(revisionPath(p, "r2"));
      write(schema([`view("active_users", ${JSON.stringify(activeUsers)})`]));
      ok(cli(p, ["check"]), "check against the first declaration");
    });

    it("renders the plugin's ops in the written revision", async () => {
      const { p } = await project();
      writeFileSync(
        join(p.dir, "schema.ts"),
        schema([`view("active_users", ${JSON.stringify(activeUsers)})`]),
      );
      ok(cli(p, ["revision", "--autogenerate", "-m", "views", "--rev-id", "v1"]), "autogenerate");
      const text = revisionText(p, "v1");
      const upgrade = text.slice(text.indexOf("upgrade("), text.indexOf("downgrade("));
      const downgrade = text.slice(text.indexOf("downgrade("));
      assert.ok(
        upgrade.indexOf("op.createTable(") < upgrade.indexOf("op.createView("),
        "the view after its table",
      );
      assert.ok(
        upgrade.includes(`await op.createView("active_users", ${JSON.stringify(activeUsers)});`),
        upgrade,
      );
      assert.ok(
        downgrade.includes(
          `await op.dropView("active_users", { existing: ${JSON.stringify(activeUsers)} });`,
        ),
        downgrade,
      );
      assert.ok(
        downgrade.indexOf("op.dropView(") < downgrade.indexOf("op.dropTable("),
        "the view before its table",
      );
    });

    it("a view that reads another: created after it, dropped before it", async () => {
      const { p, db } = await project();
      const write = (text: string) => writeFileSync(join(p.dir, "schema.ts"), text);
      // the reader first: the declaration's order is not the order they can be created in
      const both = schema([
        `view("active_emails", "SELECT email_lower FROM active_users")`,
        `view("active_users", ${JSON.stringify(activeUsers)})`,
      ]);
      write(both);
      const first = ok(
        cli(p, ["revision", "--autogenerate", "-m", "both", "--rev-id", "w1"]),
        "autogenerate",
      );
      assert.match(first.stderr, /Detected added view 'active_emails'/);
      const text = revisionText(p, "w1");
      assert.ok(
        text.indexOf(`createView("active_users"`) < text.indexOf(`createView("active_emails"`),
        text,
      );
      ok(cli(p, ["upgrade", "head"]), "upgrade");
      ok(cli(p, ["check"]), "check");

      // the read one changes, with a column fewer: the reader must not stand in the way
      const narrower = schema([
        `view("active_emails", "SELECT email_lower FROM active_users")`,
        `view("active_users", "select lower(email) as email_lower from users where not active")`,
      ]);
      write(narrower);
      const change = ok(
        cli(p, ["revision", "--autogenerate", "-m", "change", "--rev-id", "w2"]),
        "autogenerate the change",
      );
      assert.match(change.stderr, /Detected changed view 'active_users'/);
      if (kind === "mysql") {
        assert.doesNotMatch(change.stderr, /active_emails/, "replaced in place");
      } else {
        assert.match(
          change.stderr,
          /Detected view 'active_emails', which reads a changed view, \(dropped first\)/,
        );
        const text = revisionText(p, "w2");
        const upgrade = text.slice(0, text.indexOf("downgrade("));
        assert.ok(
          upgrade.indexOf(`dropView("active_emails"`) < upgrade.indexOf(`dropView("active_users"`),
          upgrade,
        );
        assert.ok(
          upgrade.indexOf(`createView("active_users"`) <
            upgrade.indexOf(`createView("active_emails"`),
          upgrade,
        );
      }
      ok(cli(p, ["upgrade", "head"]), "upgrade the change");
      ok(cli(p, ["check"]), "check after the change");

      write(schema([]));
      const gone = ok(
        cli(p, ["revision", "--autogenerate", "-m", "none", "--rev-id", "w3"]),
        "autogenerate the drops",
      );
      const drops = revisionText(p, "w3");
      assert.ok(
        drops.indexOf(`dropView("active_emails"`) < drops.indexOf(`dropView("active_users"`),
        drops,
      );
      assert.match(gone.stderr, /Detected removed view 'active_users'/);
      ok(cli(p, ["upgrade", "head"]), "upgrade the drops");
      assert.deepEqual(await views(db), []);
      ok(cli(p, ["downgrade", "-1"]), "downgrade recreates both, the read one first");
      assert.deepEqual(await views(db), ["active_emails", "active_users"]);
      rmSync(revisionPath(p, "w3")); // as after checking out the commit before
      write(narrower);
      ok(cli(p, ["check"]), "check after the downgrade");
      ok(cli(p, ["downgrade", "w1"]), "downgrade the change, the reader out of the way again");
      rmSync(revisionPath(p, "w2"));
      write(both);
      ok(cli(p, ["check"]), "check against the first declaration");
    });

    it("a declared SELECT the database refuses: one line naming the view and the database's message, nothing written", async () => {
      const { p } = await project();
      const write = (text: string) => writeFileSync(join(p.dir, "schema.ts"), text);
      write(schema([]));
      ok(
        cli(p, ["revision", "--autogenerate", "-m", "users", "--rev-id", "u1"]),
        "autogenerate the table",
      );
      ok(cli(p, ["upgrade", "head"]), "upgrade");
      // the first probe works: on MySQL it is dropped again all the same
      write(
        schema([
          `view("fine", "SELECT id FROM users")`,
          `view("active_users", "SELECT id, nope FROM users")`,
        ]),
      );
      const message = kind === "postgres"
        ? /column "nope" does not exist/
        : kind === "mysql"
        ? /Unknown column 'nope'/
        : /no such column: nope/;
      const pattern = new RegExp(
        `^retort: plugin views: comparator views failed: view active_users: the database refuses its SELECT: .*${message.source}`,
      );
      assertOneLineError(cli(p, ["check"]), 1, pattern);
      assertOneLineError(cli(p, ["revision", "--autogenerate", "-m", "bad"]), 1, pattern);
      assert.deepEqual(revisions(p), ["u1_users.ts"]);
      write(schema([]));
      ok(cli(p, ["check"]), "the probe left nothing behind");
    });

    if (kind === "postgres") {
      it("a view in another schema (includeSchemas): added, then no false positive", async () => {
        const { p, db } = await project();
        const c = await db.connect();
        await c.execute("CREATE SCHEMA extra");
        await c.close();
        const config = JSON.parse(readFileSync(join(p.dir, "retort.json"), "utf8"));
        writeFileSync(
          join(p.dir, "retort.json"),
          JSON.stringify({ ...config, includeSchemas: ["extra"] }),
        );
        writeFileSync(
          join(p.dir, "schema.ts"),
          `import { defineSchema, t, table, view } from "retort";
export default defineSchema({
  tables: [table("notes", [t.column("id", t.integer(), { primaryKey: true })], { schema: "extra" })],
  views: [view("recent_notes", "select id from extra.notes where id > 10", { schema: "extra" })],
});
`,
        );
        const first = ok(
          cli(p, ["revision", "--autogenerate", "-m", "extra", "--rev-id", "x1"]),
          "autogenerate",
        );
        assert.match(first.stderr, /Detected added view 'extra\.recent_notes'/);
        assert.match(
          revisionText(p, "x1"),
          /op\.createView\("recent_notes", "select id from extra\.notes where id > 10", \{ schema: "extra" \}\)/,
        );
        ok(cli(p, ["upgrade", "head"]), "upgrade");
        ok(cli(p, ["check"]), "check");
        assert.deepEqual(await rows(db, "SELECT id FROM extra.recent_notes"), []);
      });
    }

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
