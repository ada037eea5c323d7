import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TempProject } from "./_project.ts";
import { assertOneLineError, runCli, tempProject } from "./_project.ts";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

const table = (name: string) => ({
  up: `  await op.createTable("${name}", [t.column("id", t.integer(), { primaryKey: true })]);`,
  down: `  await op.dropTable("${name}");`,
});

describe("retort CLI", () => {
  it("init, revision, upgrade, current, history, show, downgrade", () => {
    const dir = mkdtempSync(join(tmpdir(), "retort-cli-"));
    project = { cleanup: () => rmSync(dir, { recursive: true, force: true }) } as TempProject;
    assert.equal(runCli(["init"], { cwd: dir }).code, 0);
    assert.deepEqual(
      JSON.parse(readFileSync(join(dir, "retort.json"), "utf8")).url,
      "sqlite:app.db",
    );
    assert.ok(existsSync(join(dir, "migrations", "script.ts.tmpl")));

    const first = runCli(["revision", "-m", "Create users", "--rev-id", "aaaa0001", "--json"], {
      cwd: dir,
    });
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(JSON.parse(first.stdout).downRevisions, []);
    const second = runCli(["revision", "-m", "Add email"], { cwd: dir });
    assert.equal(second.code, 0, second.stderr);
    const files = readdirSync(join(dir, "migrations", "versions")).sort();
    assert.equal(files.length, 2);
    assert.ok(files.includes("aaaa0001_create_users.ts"));
    const secondId = files.find((f) => f !== "aaaa0001_create_users.ts")!.split("_")[0];
    assert.match(secondId, /^[0-9a-f]{12}$/);
    assert.match(
      readFileSync(
        join(
          dir,
          "migrations",
          "versions",
          files.find((f) => f.startsWith(secondId))!,
        ),
        "utf8",
      ),
      /export const downRevision: string \| string\[\] \| null = "aaaa0001";/,
    );

    const up = runCli(["upgrade", "head"], { cwd: dir });
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stderr, /\[1\/2\] Running upgrade <base> -> aaaa0001, Create users/);
    assert.match(
      up.stderr,
      new RegExp(`\\[2/2\\] Running upgrade aaaa0001 -> ${secondId}, Add email`),
    );

    assert.equal(runCli(["current"], { cwd: dir }).stdout, `${secondId} (head)\n`);
    assert.equal(
      runCli(["history"], { cwd: dir }).stdout,
      `aaaa0001 -> ${secondId} (head), Add email\n<base> -> aaaa0001, Create users\n`,
    );
    assert.match(
      runCli(["show", "aaaa"], { cwd: dir }).stdout,
      /^Rev: aaaa0001\nParent: <base>\nPath: .*aaaa0001_create_users\.ts\n\n {4}Create users\n/,
    );
    assert.deepEqual(
      JSON.parse(runCli(["heads", "--json"], { cwd: dir }).stdout).heads.map((
        h: { revision: string },
      ) => h.revision),
      [secondId],
    );

    const down = runCli(["downgrade", "base", "-q"], { cwd: dir });
    assert.equal(down.code, 0, down.stderr);
    assert.equal(down.stderr, "");
    assert.equal(runCli(["current"], { cwd: dir }).stdout, "");
  });

  it("--version, --help, and no arguments", () => {
    const dir = tmpdir();
    const version = runCli(["--version"], { cwd: dir });
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    const help = runCli(["--help"], { cwd: dir });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /upgrade/);
    assert.equal(runCli([], { cwd: dir }).code, 2);
  });

  it("usage errors exit 2 with one line", () => {
    project = tempProject();
    assertOneLineError(
      runCli(["frobnicate"], { cwd: project.dir }),
      2,
      /^retort: unknown command 'frobnicate'/,
    );
    assertOneLineError(
      runCli(["upgrade", "--frob"], { cwd: project.dir }),
      2,
      /^retort: unknown option '--frob'/,
    );
    assertOneLineError(
      runCli(["downgrade"], { cwd: project.dir }),
      2,
      /missing required argument 'revision'/,
    );
    assertOneLineError(
      runCli(["current", "--url", "nonsense"], { cwd: project.dir }),
      2,
      /database URL "nonsense" is unusable/,
    );
    assertOneLineError(
      runCli(["current", "--url", "postgres://u:secret@/db"], { cwd: project.dir }),
      2,
      /^retort: database URL "postgres:\/\/u:\*\*\*@\/db" is unusable: it is not a valid URL/,
    );
    assertOneLineError(
      runCli(["current", "--url", "mysql://u:secret@127.0.0.1:1/db"], { cwd: project.dir }),
      1,
      /^retort: cannot connect to mysql:\/\/u:\*\*\*@127\.0\.0\.1:1\/db: .*; is the server running/,
    );
  });

  it("a missing config names the folder and the way out", () => {
    const dir = mkdtempSync(join(tmpdir(), "retort-empty-"));
    project = { cleanup: () => rmSync(dir, { recursive: true, force: true }) } as TempProject;
    assertOneLineError(
      runCli(["current"], { cwd: dir }),
      2,
      /no retort\.config\.ts, retort\.config\.js, retort\.json in .*; run `retort init`/,
    );
    assertOneLineError(
      runCli(["current", "-c", "nope.json"], { cwd: dir }),
      2,
      /config file .*nope\.json does not exist/,
    );
    writeFileSync(join(dir, "retort.json"), "{ url: ");
    assertOneLineError(runCli(["current"], { cwd: dir }), 2, /retort\.json is not valid JSON/);
    writeFileSync(join(dir, "retort.json"), '{"urll": "x"}');
    assertOneLineError(runCli(["current"], { cwd: dir }), 2, /unknown setting "urll"/);
  });

  it("a database file in a missing folder fails and creates nothing", () => {
    project = tempProject({ url: "sqlite:no/such/dir/app.db" });
    project.write("aaa1", null, table("a"));
    assertOneLineError(
      runCli(["upgrade", "head"], { cwd: project.dir }),
      1,
      /folder .*no\/such\/dir does not exist/,
    );
    assert.equal(existsSync(join(project.dir, "no")), false);
  });

  it("graph errors: duplicate ids, a missing parent, an unknown target, downgrade past base", () => {
    project = tempProject();
    project.write("aaa1", null, table("a"));
    writeFileSync(
      join(project.dir, "migrations", "versions", "zz_copy.ts"),
      'export const revision = "aaa1";\nexport const downRevision = null;\n',
    );
    assertOneLineError(runCli(["heads"], { cwd: project.dir }), 1, /aaa1/);
    rmSync(join(project.dir, "migrations", "versions", "zz_copy.ts"));

    project.write("bbb2", "nope9", table("b"));
    assertOneLineError(runCli(["upgrade", "head"], { cwd: project.dir }), 1, /nope9/);
    project.write("bbb2", "aaa1", table("b"));

    assertOneLineError(runCli(["upgrade", "cafe"], { cwd: project.dir }), 1, /cafe/);
    assert.equal(runCli(["upgrade", "aaa1"], { cwd: project.dir }).code, 0);
    assertOneLineError(runCli(["downgrade", "-2"], { cwd: project.dir }), 1, /./);
    assert.deepEqual(runCli(["current"], { cwd: project.dir }).stdout, "aaa1\n");
  });

  it("a failing statement names the revision, the statement and the database's message; nothing changes", () => {
    project = tempProject();
    project.write("aaa1", null, table("a"));
    project.write("bbb2", "aaa1", {
      up: '  await op.execute("ALTER TABLE nowhere ADD COLUMN x INT");',
    });
    assertOneLineError(
      runCli(["upgrade", "head"], { cwd: project.dir }),
      1,
      /^retort: upgrade bbb2 failed: .*no such table: nowhere.*ALTER TABLE nowhere ADD COLUMN x INT.*rolled back/,
    );
    assert.equal(runCli(["current"], { cwd: project.dir }).stdout, "");
  });

  it("--json prints one document, also for errors", () => {
    project = tempProject();
    project.write("aaa1", null, table("a"));
    const up = runCli(["upgrade", "--json"], { cwd: project.dir });
    assert.equal(up.code, 0);
    assert.deepEqual(JSON.parse(up.stdout), {
      steps: [{ revision: "aaa1", direction: "upgrade" }],
      heads: ["aaa1"],
    });
    const bad = runCli(["upgrade", "zzzz", "--json"], { cwd: project.dir });
    assert.equal(bad.code, 1);
    assert.equal(JSON.parse(bad.stdout).error.code.length > 0, true);
  });

  it('a revision importing a helper file and a value from "retort"', () => {
    project = tempProject();
    writeFileSync(
      join(project.dir, "migrations", "helpers.ts"),
      'import { t } from "retort";\nexport const idColumn = () => t.column("id", t.integer(), { primaryKey: true });\n',
    );
    project.write("aaa1", null, {
      extra: 'import { idColumn } from "../helpers.ts";\nimport { sql as rawSql } from "retort";',
      up:
        '  await op.createTable("things", [idColumn(), t.column("at", t.text(), { serverDefault: rawSql`CURRENT_TIMESTAMP` })]);',
    });
    const up = runCli(["upgrade"], { cwd: project.dir });
    assert.equal(up.code, 0, up.stderr);
  });
});
