// Autogenerate's round trip on real databases, through the CLI as a user runs it: declare ->
// `revision --autogenerate` -> upgrade -> `check` exits 0 -> change the declaration ->
// autogenerate -> upgrade -> `check` 0 -> downgrade -> `check` against the old declaration 0.
// Every t.* type and every kind of server default (quotes, backslashes, unicode, functions,
// expressions) goes through it, so a false positive anywhere fails the `check`.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DatabaseKind, ThrowawayDatabase } from "../integration/_databases.ts";
import { throwawayDatabase } from "../integration/_databases.ts";
import type { CliRun, TempProject } from "../_project.ts";
import { runCli, tempProject } from "../_project.ts";

const kinds: DatabaseKind[] = ["sqlite", "postgres", "mysql"];

/** The first declaration: every type retort renders, and every kind of server default. */
function firstSchema(kind: DatabaseKind): string {
  const jsonb = kind === "postgres" ? `t.column("doc", t.jsonb()),` : "";
  const textDefault = `, { serverDefault: "it's \\\\ back" }`;
  const cast = kind === "postgres"
    ? `t.column("label", t.text(), { serverDefault: sql\`'none'::text\` }),\n      t.column("due", t.date(), { serverDefault: sql\`(now() + '1 day'::interval)\` }),`
    : kind === "mysql"
    ? `t.column("label", t.varchar(20), { serverDefault: sql\`(concat('a', 'b'))\` }),`
    : `t.column("label", t.text(), { serverDefault: sql\`(lower('ABC'))\` }),`;
  return `import { defineSchema, sql, t, table } from "retort";

export default defineSchema({
  tables: [
    table("accounts", [
      t.column("id", t.integer(), { primaryKey: true }),
      t.column("small", t.smallint(), { serverDefault: 0 }),
      t.column("big", t.bigint(), { nullable: false, serverDefault: -12 }),
      t.column("active", t.boolean(), { nullable: false, serverDefault: true }),
      t.column("bio", t.text()${textDefault}),
      t.column("name", t.varchar(40), { nullable: false, serverDefault: "ünïcødé 'quoted'" }),
      t.column("code", t.char(3), { serverDefault: "abc" }),
      t.column("price", t.numeric(10, 2), { serverDefault: 9.5 }),
      t.column("ratio", t.real()),
      t.column("score", t.double(), { serverDefault: 1.25 }),
      t.column("born", t.date()),
      t.column("wakes", t.time()),
      t.column("seen", t.timestamp(), { serverDefault: sql\`CURRENT_TIMESTAMP\` }),
      t.column("seen_tz", t.timestamp({ tz: true })),
      t.column("meta", t.json()),
      ${jsonb}
      ${cast}
      t.column("token", t.uuid()),
      t.column("blob", t.bytes()),
      t.column("plan", t.enum(["free", "pro"], { name: "plan" }), { serverDefault: "free" }),
      t.column("path", t.varchar(60), { serverDefault: "C:\\\\dir\\\\" }),
      t.column("total", t.integer(), { serverDefault: sql\`(1 + 2)\` }),
    ], {
      indexes: [{ columns: ["name"] }, { columns: ["code", "small"], unique: true }],
      checks: [{ name: "ck_accounts_small", condition: "small >= 0" }],
      comment: ${kind === "sqlite" ? "undefined" : '"who pays"'},
    }),
    table("orders", [
      t.column("id", t.integer(), { primaryKey: true }),
      t.column("account_id", t.integer(), { nullable: false }),
      t.column("note", t.varchar(100)),
    ], {
      foreignKeys: [{ columns: ["account_id"], references: "accounts", referencesColumns: ["id"], onDelete: "CASCADE" }],
    }),
  ],
});
`;
}

/** The second: a column added, one dropped, one made NOT NULL, one retyped, an index added, a table added. */
function secondSchema(kind: DatabaseKind): string {
  return firstSchema(kind)
    .replace(`t.column("ratio", t.real()),\n`, "")
    .replace(`t.column("note", t.varchar(100)),`, `t.column("note", t.varchar(200)),\n      t.column("shipped", t.boolean(), { nullable: false, serverDefault: false }),`)
    .replace(`t.column("born", t.date()),`, `t.column("born", t.date(), { nullable: false, serverDefault: "2000-01-01" }),`)
    .replace(`onDelete: "CASCADE" }],`, `onDelete: "CASCADE" }],\n      indexes: [{ columns: ["account_id", "id"] }],`)
    .replace(
      "  ],\n});",
      `    table("tags", [
      t.column("id", t.integer(), { primaryKey: true }),
      t.column("order_id", t.integer()),
      t.column("label", t.varchar(30), { unique: true }),
    ], { foreignKeys: [{ columns: ["order_id"], references: "orders", referencesColumns: ["id"] }] }),
  ],
});`,
    );
}

for (const kind of kinds) {
  describe(`autogenerate round trip on ${kind}`, () => {
    /** A project on its own fresh database, with compareServerDefault on. */
    async function project(): Promise<{ p: TempProject; db: ThrowawayDatabase; done: () => Promise<void> }> {
      const made = await throwawayDatabase(kind);
      if (!made.db) throw new Error(made.skip);
      const p = tempProject({ url: made.db.url, target: "schema.ts", compareServerDefault: true });
      return { p, db: made.db, done: async () => (p.cleanup(), await made.db.drop()) };
    }
    const cli = (p: TempProject, args: string[]): CliRun => runCli(args, { cwd: p.dir });
    const ok = (run: CliRun, what: string) => assert.equal(run.code, 0, `${what}: ${run.stderr}${run.stdout}`);
    const revisions = (p: TempProject) => readdirSync(join(p.dir, "migrations", "versions")).filter((f) => f.endsWith(".ts"));

    it("declare, autogenerate, upgrade, check; change, again; downgrade and check the old declaration", async () => {
      const { p, done } = await project();
      try {
        writeFileSync(join(p.dir, "schema.ts"), firstSchema(kind));
        const first = cli(p, ["revision", "--autogenerate", "-m", "first", "--rev-id", "r1"]);
        ok(first, "first autogenerate");
        assert.match(first.stderr, /Detected added table 'accounts'/);
        assert.match(first.stderr, /Detected added table 'orders'/);
        ok(cli(p, ["upgrade", "head"]), "first upgrade");
        const clean = cli(p, ["check"]);
        ok(clean, "check after the first upgrade");
        assert.match(clean.stdout, /No new upgrade operations detected\./);

        writeFileSync(join(p.dir, "schema.ts"), secondSchema(kind));
        const drift = cli(p, ["check"]);
        assert.equal(drift.code, 1, drift.stderr);
        assert.match(drift.stdout, /Detected added column 'orders\.shipped'/);
        assert.match(drift.stdout, /Detected removed column 'accounts\.ratio'/);
        assert.match(drift.stdout, /Detected added table 'tags'/);
        const second = cli(p, ["revision", "--autogenerate", "-m", "second", "--rev-id", "r2"]);
        ok(second, "second autogenerate");
        const written = readFileSync(join(p.dir, "migrations", "versions", revisions(p).find((f) => f.startsWith("r2"))!), "utf8");
        assert.match(written, /downRevision: string \| string\[\] \| null = "r1";/);
        ok(cli(p, ["upgrade", "head"]), "second upgrade");
        ok(cli(p, ["check"]), "check after the second upgrade");

        ok(cli(p, ["downgrade", "-1"]), "downgrade");
        // As after checking out the commit before: the first declaration, and no r2.
        rmSync(join(p.dir, "migrations", "versions", revisions(p).find((f) => f.startsWith("r2"))!));
        writeFileSync(join(p.dir, "schema.ts"), firstSchema(kind));
        const back = cli(p, ["check"]);
        ok(back, "check against the first declaration after the downgrade");
        ok(cli(p, ["downgrade", "base"]), "downgrade to base");
        const empty = cli(p, ["check"]);
        assert.equal(empty.code, 1, "an empty database differs from the declaration");
      } finally {
        await done();
      }
    });

    it("skip-empty: nothing found writes nothing and says so; --allow-empty and plain revision still write", async () => {
      const { p, done } = await project();
      try {
        const config = JSON.parse(readFileSync(join(p.dir, "retort.json"), "utf8"));
        writeFileSync(join(p.dir, "retort.json"), JSON.stringify({ ...config, plugins: ["retort/plugins/skip-empty"] }));
        writeFileSync(join(p.dir, "schema.ts"), firstSchema(kind));
        ok(cli(p, ["revision", "--autogenerate", "-m", "first", "--rev-id", "r1"]), "first");
        ok(cli(p, ["upgrade", "head"]), "upgrade");
        const none = cli(p, ["revision", "--autogenerate", "-m", "nothing"]);
        ok(none, "an empty autogenerate");
        assert.match(none.stderr, /No changes in the schema detected\.\nNo revision written/);
        assert.deepEqual(revisions(p), ["r1_first.ts"]);
        ok(cli(p, ["revision", "--autogenerate", "--allow-empty", "-m", "anyway", "--rev-id", "r2"]), "--allow-empty");
        ok(cli(p, ["revision", "-m", "by hand", "--rev-id", "r3"]), "plain revision");
        assert.deepEqual(revisions(p).sort(), ["r1_first.ts", "r2_anyway.ts", "r3_by_hand.ts"]);
      } finally {
        await done();
      }
    });

    it("a database behind its heads is refused with what to run, exit 1, nothing written", async () => {
      const { p, done } = await project();
      try {
        writeFileSync(join(p.dir, "schema.ts"), firstSchema(kind));
        ok(cli(p, ["revision", "--autogenerate", "-m", "first", "--rev-id", "r1"]), "first");
        const refused = cli(p, ["revision", "--autogenerate", "-m", "again"]);
        assert.equal(refused.code, 1);
        assert.match(refused.stderr, /the database is not at its heads.*run `retort upgrade heads` first/);
        assert.equal(refused.stderr.split("\n").filter((l) => l.startsWith("retort:")).length, 1, refused.stderr);
        assert.deepEqual(revisions(p), ["r1_first.ts"]);
      } finally {
        await done();
      }
    });

    if (kind === "postgres") {
      it("pg-concurrent-indexes leaves autogenerate's createIndex plain; it runs CONCURRENTLY outside a transaction", async () => {
        const { p, done } = await project();
        try {
          const config = JSON.parse(readFileSync(join(p.dir, "retort.json"), "utf8"));
          writeFileSync(join(p.dir, "retort.json"), JSON.stringify({ ...config, plugins: ["retort/plugins/pg-concurrent-indexes"] }));
          writeFileSync(join(p.dir, "schema.ts"), firstSchema(kind));
          ok(cli(p, ["revision", "--autogenerate", "-m", "first", "--rev-id", "r1"]), "first");
          ok(cli(p, ["upgrade", "head"]), "upgrade");
          writeFileSync(join(p.dir, "schema.ts"), firstSchema(kind).replace(`onDelete: "CASCADE" }],`, `onDelete: "CASCADE" }],\n      indexes: [{ columns: ["note"] }],`));
          ok(cli(p, ["revision", "--autogenerate", "-m", "index", "--rev-id", "r2"]), "index");
          const path = join(p.dir, "migrations", "versions", "r2_index.ts");
          const text = readFileSync(path, "utf8");
          assert.match(text, /op\.createIndex\("orders", \["note"\]/);
          assert.doesNotMatch(text, /concurrently/);
          writeFileSync(path, text.replace('export const revision = "r2";', 'export const revision = "r2";\nexport const transaction = false;'));
          const sql = cli(p, ["upgrade", "--sql", "r1:r2"]);
          assert.match(sql.stdout, /CREATE INDEX CONCURRENTLY/);
          ok(cli(p, ["upgrade", "head"]), "upgrade the index");
          ok(cli(p, ["check"]), "check");
        } finally {
          await done();
        }
      });

      it("includeSchemas: other schemas compared, a schema includeName turns down left alone", async () => {
        const { p, db, done } = await project();
        try {
          const c = await db.connect();
          await c.execute("CREATE SCHEMA extra");
          await c.execute("CREATE SCHEMA skipped");
          await c.execute("CREATE TABLE skipped.legacy (id integer)");
          await c.close();
          writeFileSync(
            join(p.dir, "retort.config.ts"),
            `export default { url: ${JSON.stringify(db.url)}, target: "schema.ts", includeSchemas: ["extra", "skipped"],
  includeName: (name: string, type: string) => !(type === "schema" && name === "skipped") };\n`,
          );
          writeFileSync(join(p.dir, "retort.json"), "{}");
          writeFileSync(
            join(p.dir, "schema.ts"),
            `import { defineSchema, t, table } from "retort";
export default defineSchema({ tables: [table("notes", [t.column("id", t.integer(), { primaryKey: true })], { schema: "extra" })] });\n`,
          );
          const first = cli(p, ["revision", "--autogenerate", "-m", "extra", "--rev-id", "x1"]);
          ok(first, "autogenerate");
          assert.match(first.stderr, /Detected added table 'extra\.notes'/);
          assert.doesNotMatch(first.stderr, /legacy/);
          ok(cli(p, ["upgrade", "head"]), "upgrade");
          ok(cli(p, ["check"]), "check");
        } finally {
          await done();
        }
      });
    }

    it("renames: hints give renameTable and alterColumn newName instead of drop and add", async () => {
      const { p, db, done } = await project();
      try {
        writeFileSync(join(p.dir, "schema.ts"), firstSchema(kind));
        ok(cli(p, ["revision", "--autogenerate", "-m", "first", "--rev-id", "r1"]), "first");
        ok(cli(p, ["upgrade", "head"]), "upgrade");
        const c = await db.connect();
        await c.execute("INSERT INTO orders (id, account_id, note) VALUES (1, 1, 'kept')").catch(async () => {
          await c.execute("INSERT INTO accounts (id, name, big, active) VALUES (1, 'a', 1, true)");
          await c.execute("INSERT INTO orders (id, account_id, note) VALUES (1, 1, 'kept')");
        });
        await c.close();
        writeFileSync(
          join(p.dir, "schema.ts"),
          firstSchema(kind).replace(`table("orders"`, `table("purchases"`).replace(`t.column("note"`, `t.column("remark"`),
        );
        const renamed = cli(p, [
          "revision", "--autogenerate", "-m", "rename", "--rev-id", "r2",
          "--rename-table", "orders:purchases", "--rename-column", "purchases.note:remark",
        ]);
        ok(renamed, "rename autogenerate");
        const text = readFileSync(join(p.dir, "migrations", "versions", "r2_rename.ts"), "utf8");
        assert.match(text, /renameTable\("orders", "purchases"\)/);
        assert.match(text, /newName: "remark"/);
        assert.doesNotMatch(text, /dropTable\("orders"/);
        ok(cli(p, ["upgrade", "head"]), "upgrade the rename");
        ok(cli(p, ["check"]), "check after the rename");
        const after = await db.connect();
        try {
          const rows = await after.query("SELECT remark FROM purchases");
          assert.deepEqual(rows.map((r) => r.remark), ["kept"], "the data moved with the rename");
        } finally {
          await after.close();
        }
      } finally {
        await done();
      }
    });
  });
}
