// The compiled binary as a user runs it: copied alone into an empty folder, run from a
// project folder with no node_modules and no source tree anywhere around it.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { repoRoot } from "../_project.ts";
import { throwawayDatabase } from "../integration/_databases.ts";
import { changedDrizzleSchema, drizzleSchema } from "../integration/_drizzle_schemas.ts";

let sandbox: string;
let retort: string;

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(retort, args, {
    cwd,
    encoding: "utf8",
    env: {
      PATH: "/usr/bin:/bin",
      HOME: sandbox,
      NO_COLOR: "1",
      RETORT_CACHE_DIR: join(sandbox, "cache"),
      ...env,
    },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function fillRevision(dir: string, id: string, up: string, down: string, imports = ""): void {
  const versions = join(dir, "migrations", "versions");
  const file = readdirSync(versions).find((f) => f.startsWith(id))!;
  const path = join(versions, file);
  const text = readFileSync(path, "utf8")
    .replace("// write the schema change here, e.g. await op.addColumn(...)", up)
    .replace("// undo what upgrade() did", down)
    .replace(
      'import type { MigrationContext } from "retort";',
      `import type { MigrationContext } from "retort";\n${imports}`,
    );
  writeFileSync(path, text);
}

describe("dist/retort", () => {
  before(() => {
    const built = join(repoRoot, "dist", "retort");
    assert.ok(existsSync(built), "dist/retort is missing: run `npm run build` first");
    sandbox = mkdtempSync(join(tmpdir(), "retort-e2e-"));
    mkdirSync(join(sandbox, "bin"));
    retort = join(sandbox, "bin", "retort");
    copyFileSync(built, retort);
    spawnSync("chmod", ["+x", retort]);
  });
  after(() => rmSync(sandbox, { recursive: true, force: true }));

  it("init, revision, upgrade head, current, history, downgrade base", () => {
    const dir = join(sandbox, "app");
    mkdirSync(dir);
    assert.equal(run(["init"], dir).code, 0);
    assert.equal(run(["revision", "-m", "create users", "--rev-id", "a1"], dir).code, 0);
    fillRevision(
      dir,
      "a1",
      'await op.createTable("users", [t.column("id", t.integer(), { primaryKey: true }), t.column("name", t.text())]);',
      'await op.dropTable("users");',
    );
    assert.equal(run(["revision", "-m", "index names", "--rev-id", "b2"], dir).code, 0);
    fillRevision(
      dir,
      "b2",
      'await op.createIndex("users", "name");',
      'await op.dropIndex("ix_users_name");',
    );

    const up = run(["upgrade", "head"], dir);
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stderr, /Running upgrade a1 -> b2, index names/);
    assert.equal(run(["current"], dir).stdout, "b2 (head)\n");
    assert.equal(
      run(["history"], dir).stdout,
      "a1 -> b2 (head), index names\n<base> -> a1, create users\n",
    );
    assert.ok(existsSync(join(dir, "app.db")));

    const down = run(["downgrade", "base"], dir);
    assert.equal(down.code, 0, down.stderr);
    assert.equal(run(["current"], dir).stdout, "");
  });

  it('loads a revision that imports a helper file and values from "retort"', () => {
    const dir = join(sandbox, "helpers");
    mkdirSync(dir);
    assert.equal(run(["init"], dir).code, 0);
    writeFileSync(
      join(dir, "migrations", "columns.ts"),
      'import { t } from "retort";\nexport const id = () => t.column("id", t.integer(), { primaryKey: true });\n',
    );
    assert.equal(run(["revision", "-m", "things", "--rev-id", "c3"], dir).code, 0);
    fillRevision(
      dir,
      "c3",
      'await op.createTable("things", [id(), t.column("at", t.text(), { serverDefault: sql`CURRENT_TIMESTAMP` })]);\n  log(String(VERSION));',
      'await op.dropTable("things");',
      'import { id } from "../columns.ts";\nimport { sql, VERSION } from "retort";',
    );
    // the upgrade function's parameter list names only op and t: give it log too
    const path = join(
      dir,
      "migrations",
      "versions",
      readdirSync(join(dir, "migrations", "versions"))[0],
    );
    writeFileSync(
      path,
      readFileSync(path, "utf8").replace("upgrade({ op, t }", "upgrade({ op, t, log }"),
    );
    const up = run(["upgrade", "head"], dir);
    assert.equal(up.code, 0, up.stderr);
    assert.match(
      up.stderr,
      /^\d+\.\d+\.\d+$/m,
      "the VERSION the migration logged comes from the running binary",
    );
  });

  it("init writes editor types: tsc and deno check a revision in a project that only has the binary", () => {
    const dir = join(sandbox, "typed");
    mkdirSync(dir);
    assert.equal(run(["init"], dir).code, 0);
    const dts = readFileSync(join(dir, "retort.d.ts"), "utf8");
    assert.match(dts, /export interface MigrationContext/);
    assert.doesNotMatch(dts, /^import /m, "self-contained: no imports");
    assert.deepEqual(JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8")).compilerOptions.paths, {
      retort: ["./retort.d.ts"],
    });
    assert.equal(run(["revision", "-m", "typed", "--rev-id", "t1"], dir).code, 0);
    fillRevision(
      dir,
      "t1",
      'await op.createTable("a", [t.column("id", t.integer(), { primaryKey: true })]);',
      'await op.dropTable("a");',
    );
    const tsc = join(repoRoot, "node_modules", ".bin", "tsc");
    const deno = join(repoRoot, "node_modules", ".bin", "deno");
    const check = () => ({
      tsc: spawnSync(tsc, ["-p", "."], { cwd: dir, encoding: "utf8" }),
      deno: spawnSync(deno, ["check", "--quiet", "migrations/versions/t1_typed.ts"], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
      }),
    });
    const good = check();
    assert.equal(good.tsc.status, 0, good.tsc.stdout + good.tsc.stderr);
    assert.equal(good.deno.status, 0, good.deno.stderr);
    const path = join(dir, "migrations", "versions", "t1_typed.ts");
    writeFileSync(path, readFileSync(path, "utf8").replace('op.dropTable("a")', "op.dropTable(42)"));
    const bad = check();
    assert.notEqual(bad.tsc.status, 0, "a wrong op call fails tsc");
    assert.match(bad.tsc.stdout, /t1_typed\.ts.*not assignable to parameter of type 'string'/);
    assert.notEqual(bad.deno.status, 0, "and deno check");
    writeFileSync(join(dir, "retort.d.ts"), "// stale\n");
    const refreshed = run(["types"], dir);
    assert.equal(refreshed.code, 0, refreshed.stderr);
    assert.match(readFileSync(join(dir, "retort.d.ts"), "utf8"), /export interface MigrationContext/);
    assert.match(refreshed.stderr, /Kept .*tsconfig\.json/);
  });

  it("what a user hit, through the binary: reading data, repairs, mistypes, secrets, --debug", async () => {
    const dir = join(sandbox, "hits");
    mkdirSync(dir);
    assert.equal(run(["init", "--url", "sqlite:hits.db"], dir).code, 0);
    assert.equal(JSON.parse(readFileSync(join(dir, "retort.json"), "utf8")).url, "sqlite:hits.db");
    assert.equal(run(["revision", "-m", "Ünïcode straße", "--rev-id", "h1"], dir).code, 0);
    assert.ok(readdirSync(join(dir, "migrations", "versions")).includes("h1_unicode_strasse.ts"));
    fillRevision(
      dir,
      "h1",
      'await op.createTable("people", [t.column("id", t.integer(), { primaryKey: true }), t.column("name", t.text())]);\n' +
        '  await op.bulkInsert("people", [{ name: "ada" }, { name: "grace" }]);\n' +
        '  await op.addColumn("people", t.column("shout", t.text()));\n' +
        '  for (const row of await query("SELECT id, name FROM people")) {\n' +
        '    await op.execute("UPDATE people SET shout = ? WHERE id = ?", [String(row.name).toUpperCase(), row.id]);\n' +
        "  }",
      'await op.dropTable("people");',
    );
    const path = join(dir, "migrations", "versions", "h1_unicode_strasse.ts");
    writeFileSync(path, readFileSync(path, "utf8").replace("upgrade({ op, t }", "upgrade({ op, t, query }"));
    const offline = run(["upgrade", "--sql", "base:h1"], dir);
    assert.equal(offline.code, 1);
    assert.match(offline.stderr, /^retort: upgrade h1 failed: query\(\) cannot read the database in an offline \(--sql\) script/m);
    const up = run(["upgrade", "head"], dir);
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stderr, /^Database: sqlite:hits\.db$/m);
    assert.equal(run(["current"], dir).stdout.trim(), "h1 (head)");

    assert.equal(run(["upgrad"], dir).stderr.trim(), "retort: unknown command 'upgrad'; did you mean upgrade? (see retort --help)");
    assert.match(run(["upgrade", "hed"], dir).stderr, /did you mean head\?/);
    const secret = run(["current", "--url", "postgres:app:hunter2@db/prod", "--json", "--debug"], dir);
    assert.ok(!secret.stdout.includes("hunter2") && !secret.stderr.includes("hunter2"), secret.stderr);

    assert.equal(run(["revision", "-m", "boom", "--rev-id", "h2"], dir).code, 0);
    fillRevision(dir, "h2", 'throw new Error("boom in h2");', "");
    const debug = run(["upgrade", "head", "--debug"], dir);
    assert.equal(debug.code, 1);
    assert.match(debug.stderr, /caused by: Error: boom in h2\n\s+at .*h2_boom\.ts:\d+/);
    assert.equal(run(["revision", "-m", "broken", "--rev-id", "h3"], dir).code, 0);
    fillRevision(dir, "h3", "const x = ;", "");
    const broken = run(["upgrade", "head"], dir);
    assert.match(broken.stderr, /h3_broken\.ts:\d+:\d+: cannot load: .*nothing was run/);
    assert.doesNotMatch(broken.stderr, /Running upgrade/);

    rmSync(join(dir, "migrations", "versions", "h2_boom.ts"));
    rmSync(join(dir, "migrations", "versions", "h3_broken.ts"));
    const db = join(dir, "hits.db");
    const sqlite = spawnSync("sqlite3", [db, "UPDATE retort_version SET version_num = 'gone1'"]);
    if (sqlite.status === 0) {
      assert.match(run(["current"], dir).stderr, /stamp --purge/);
      assert.equal(run(["stamp", "--purge", "h1"], dir).code, 0);
      assert.equal(run(["current"], dir).stdout.trim(), "h1 (head)");
    }
  });

  it("loads plugins: a project's .ts plugin importing retort, and retort's own by name", () => {
    const dir = join(sandbox, "plugged");
    mkdirSync(dir);
    assert.equal(run(["init"], dir).code, 0);
    mkdirSync(join(dir, "plugins"));
    writeFileSync(
      join(dir, "plugins", "shout.ts"),
      'import { definePlugin, defineOperation } from "retort";\n' +
        "export default definePlugin({\n" +
        '  name: "shout",\n' +
        '  operations: [defineOperation({ name: "note", build: (text: string) => ({ text }), toSql: (op, d) => [`CREATE TABLE ${d.quoteIdentifier(op.text)} (x INTEGER)`] })],\n' +
        '  afterStep: (e) => console.error(`shout: ${e.revision}`),\n' +
        "});\n",
    );
    const config = JSON.parse(readFileSync(join(dir, "retort.json"), "utf8"));
    writeFileSync(
      join(dir, "retort.json"),
      JSON.stringify({ ...config, plugins: ["./plugins/shout.ts", "retort/plugins/destructive-guard"] }),
    );
    assert.equal(run(["revision", "-m", "note", "--rev-id", "p1"], dir).code, 0);
    fillRevision(dir, "p1", 'await (op as any).note("noted");', 'await op.dropTable("noted");');
    const up = run(["upgrade", "head"], dir);
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stderr, /^shout: p1$/m);
    const down = run(["downgrade", "base"], dir);
    assert.equal(down.code, 0, down.stderr); // destructive-guard leaves downgrades alone
    assert.equal(run(["upgrade", "head"], dir).code, 0);
    assert.equal(run(["revision", "-m", "drop", "--rev-id", "p2"], dir).code, 0);
    fillRevision(dir, "p2", 'await op.dropTable("noted");', "");
    const guarded = run(["upgrade", "head"], dir);
    assert.equal(guarded.code, 1);
    assert.match(guarded.stderr, /plugin destructive-guard: rewriteOp on dropTable noted .*deletes the table and its rows/);
  });

  it("reads DATABASE_URL and --url, and exits 1 with one line on a failing statement", () => {
    const dir = join(sandbox, "urls");
    mkdirSync(dir);
    assert.equal(run(["init"], dir).code, 0);
    assert.equal(run(["revision", "-m", "bad", "--rev-id", "d4"], dir).code, 0);
    fillRevision(dir, "d4", 'await op.execute("DROP TABLE missing_table");', "");
    const failed = run(["upgrade", "head"], dir, { DATABASE_URL: "sqlite:other.db" });
    assert.equal(failed.code, 1);
    assert.match(
      failed.stderr,
      /^retort: upgrade d4 failed: .*no such table: missing_table.*DROP TABLE missing_table/m,
    );
    assert.equal(failed.stderr.trim().split("\n").filter((l) => l.startsWith("retort:")).length, 1);
    assert.equal(run(["current", "--url", "sqlite:other.db"], dir).stdout, "");
  });

  for (const kind of ["sqlite", "postgres", "mysql"] as const) {
    it(`autogenerates from a declared schema on ${kind}: revision --autogenerate, upgrade, check`, async (t) => {
      const { db, skip } = await throwawayDatabase(kind);
      if (skip) return t.skip(skip);
      try {
        const dir = join(sandbox, `declared_${kind}`);
        mkdirSync(dir);
        assert.equal(run(["init"], dir).code, 0);
        const config = JSON.parse(readFileSync(join(dir, "retort.json"), "utf8"));
        writeFileSync(join(dir, "retort.json"), JSON.stringify({ ...config, target: "schema.ts" }));
        const declare = (extra: string) =>
          writeFileSync(
            join(dir, "schema.ts"),
            'import { defineSchema, t, table } from "retort";\n' +
              "export default defineSchema({ tables: [table(\"users\", [\n" +
              '  t.column("id", t.integer(), { primaryKey: true }),\n' +
              '  t.column("email", t.varchar(200), { nullable: false, unique: true }),\n' +
              extra +
              "])] });\n",
          );
        declare("");
        const env = { DATABASE_URL: db!.url };
        const first = run(["revision", "--autogenerate", "-m", "users", "--rev-id", "g1"], dir, env);
        assert.equal(first.code, 0, first.stderr);
        assert.match(first.stderr, /Detected added table 'users'/);
        assert.equal(run(["upgrade", "head"], dir, env).code, 0);
        const same = run(["check"], dir, env);
        assert.equal(same.code, 0, same.stderr);
        assert.match(same.stdout, /No new upgrade operations detected\./);
        declare('  t.column("nickname", t.text()),\n');
        const differs = run(["check"], dir, env);
        assert.equal(differs.code, 1);
        assert.match(differs.stdout, /Detected added column 'users\.nickname'/);
        assert.equal(run(["revision", "--autogenerate", "-m", "nick", "--rev-id", "g2"], dir, env).code, 0);
        assert.equal(run(["upgrade", "head"], dir, env).code, 0);
        assert.equal(run(["check"], dir, env).code, 0);
        assert.equal(run(["downgrade", "base"], dir, env).code, 0);
      } finally {
        await db!.drop();
      }
    });
  }

  for (const kind of ["sqlite", "postgres", "mysql"] as const) {
    it(`retort/plugins/drizzle on ${kind}: a Drizzle schema importing the project's own drizzle-orm`, async (t) => {
      const { db, skip } = await throwawayDatabase(kind);
      if (skip) return t.skip(skip);
      try {
        const dir = join(sandbox, `drizzle_${kind}`);
        mkdirSync(dir);
        assert.equal(run(["init"], dir).code, 0);
        // the binary carries no Drizzle: the project's node_modules does, as after `npm i drizzle-orm`
        cpSync(join(repoRoot, "node_modules", "drizzle-orm"), join(dir, "node_modules", "drizzle-orm"), { recursive: true });
        const config = JSON.parse(readFileSync(join(dir, "retort.json"), "utf8"));
        writeFileSync(
          join(dir, "retort.json"),
          JSON.stringify({ ...config, target: "schema.ts", compareServerDefault: true, plugins: ["retort/plugins/drizzle"] }),
        );
        const env = { DATABASE_URL: db!.url };
        writeFileSync(join(dir, "schema.ts"), drizzleSchema(kind));
        const first = run(["revision", "--autogenerate", "-m", "drizzle", "--rev-id", "z1"], dir, env);
        assert.equal(first.code, 0, first.stderr);
        assert.match(first.stderr, /Detected added table 'order_tags'/);
        assert.equal(run(["upgrade", "head"], dir, env).code, 0);
        const same = run(["check"], dir, env);
        assert.equal(same.code, 0, same.stderr + same.stdout);
        writeFileSync(join(dir, "schema.ts"), changedDrizzleSchema(kind));
        assert.equal(run(["revision", "--autogenerate", "-m", "shipped", "--rev-id", "z2"], dir, env).code, 0);
        assert.equal(run(["upgrade", "head"], dir, env).code, 0);
        const again = run(["check"], dir, env);
        assert.equal(again.code, 0, again.stderr + again.stdout);
      } finally {
        await db!.drop();
      }
    });
  }

  for (const kind of ["postgres", "mysql"] as const) {
    it(`runs migrations on ${kind} with the drivers inside the binary, online and --sql`, async (t) => {
      const { db, skip } = await throwawayDatabase(kind);
      if (skip) return t.skip(skip);
      try {
        const dir = join(sandbox, `on_${kind}`);
        mkdirSync(dir);
        assert.equal(run(["init"], dir).code, 0);
        assert.equal(run(["revision", "-m", "users", "--rev-id", "p1"], dir).code, 0);
        fillRevision(
          dir,
          "p1",
          'await op.createTable("users", [t.column("id", t.integer(), { primaryKey: true }), t.column("email", t.varchar(200))]);\n  await op.createIndex("users", "email", { unique: true });',
          'await op.dropTable("users");',
        );
        const env = { DATABASE_URL: db!.url };
        const up = run(["upgrade", "head"], dir, env);
        assert.equal(up.code, 0, up.stderr);
        assert.equal(run(["current"], dir, env).stdout, "p1 (head)\n");
        const sql = run(["upgrade", "--sql"], dir, env);
        assert.equal(sql.code, 0, sql.stderr);
        assert.match(sql.stdout, /CREATE UNIQUE INDEX .uq_users_email./);
        assert.equal(run(["downgrade", "base"], dir, env).code, 0);
        assert.equal(run(["current"], dir, env).stdout, "");
      } finally {
        await db!.drop();
      }
    });
  }
});
