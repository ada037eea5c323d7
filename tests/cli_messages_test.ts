// What a user who mistypes, misconfigures or hits a bug sees: one line that names the
// culprit and the way out, the right exit code, never a password, nothing written.
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TempProject } from "./_project.ts";
import { assertOneLineError, runCli, tempProject } from "./_project.ts";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

/** A project with revisions aaaa1111 -> bbbb2222. */
function twoRevisions(config: Record<string, unknown> = {}): TempProject {
  project = tempProject(config);
  project.write("aaaa1111", null, {});
  project.write("bbbb2222", "aaaa1111", {});
  return project;
}

const files = (p: TempProject) => readdirSync(join(p.dir, "migrations", "versions")).sort();

describe("mistyped commands and revisions", () => {
  it("an unknown command is one line with the closest command", () => {
    const p = twoRevisions();
    assertOneLineError(
      runCli(["upgrad"], { cwd: p.dir }),
      2,
      /^retort: unknown command 'upgrad'; did you mean upgrade\? \(see retort --help\)$/,
    );
    assertOneLineError(runCli(["upgrade", "--sqll"], { cwd: p.dir }), 2, /did you mean --sql\?/);
  });

  it("a mistyped revision suggests the closest word or id, worded alike by every command", () => {
    const p = twoRevisions();
    assertOneLineError(
      runCli(["upgrade", "hed"], { cwd: p.dir }),
      1,
      /^retort: no revision or branch 'hed'; did you mean head\?$/,
    );
    assertOneLineError(runCli(["show", "bbbb2223"], { cwd: p.dir }), 1, /did you mean bbbb2222\?$/);
    const upgrade = runCli(["upgrade", "zzz"], { cwd: p.dir });
    const stamp = runCli(["stamp", "zzz"], { cwd: p.dir });
    const last = (run: { stderr: string }) => run.stderr.trimEnd().split("\n").at(-1);
    assert.equal(last(upgrade), last(stamp));
    assert.match(last(upgrade)!, /no revision or branch 'zzz'; run `retort history` to list revisions/);
  });

  it("a START:END range without --sql says ranges are for --sql", () => {
    const p = twoRevisions();
    assertOneLineError(
      runCli(["upgrade", "aaaa1111:bbbb2222"], { cwd: p.dir }),
      2,
      /upgrade aaaa1111:bbbb2222: a START:END range is for offline scripts; add --sql .* `retort upgrade bbbb2222`/,
    );
    assertOneLineError(runCli(["downgrade", "bbbb2222:base"], { cwd: p.dir }), 2, /add --sql/);
  });
});

describe("bad files and folders", () => {
  it("a file that is not a database is named", () => {
    const p = twoRevisions({ url: "sqlite:notes.db" });
    writeFileSync(join(p.dir, "notes.db"), "these are my notes, not a database\n");
    assertOneLineError(
      runCli(["upgrade", "head"], { cwd: p.dir }),
      1,
      /notes\.db is not a SQLite database \(or is encrypted\); check the URL/,
    );
    assert.equal(readFileSync(join(p.dir, "notes.db"), "utf8"), "these are my notes, not a database\n");
  });

  it("a missing versions folder exits 2 like other config errors", () => {
    project = tempProject({ scriptLocation: "nowhere" });
    assertOneLineError(
      runCli(["heads"], { cwd: project.dir }),
      2,
      /revision folder .*nowhere\/versions does not exist/,
    );
  });
});

describe("revision refuses what would break the graph, before writing", () => {
  for (const label of ["head", "a@b", "base", "x:y", "two words"]) {
    it(`--branch-label ${JSON.stringify(label)}`, () => {
      const p = twoRevisions();
      const before = files(p);
      assertOneLineError(
        runCli(["revision", "-m", "x", "--branch-label", label], { cwd: p.dir }),
        2,
        /branch label .* is not valid; .*; nothing was written/,
      );
      assert.deepEqual(files(p), before);
      assert.equal(runCli(["heads"], { cwd: p.dir }).code, 0, "the project still works");
    });
  }

  it("an unknown --depends-on or --head, or an id with @", () => {
    const p = twoRevisions();
    const before = files(p);
    assertOneLineError(
      runCli(["revision", "-m", "x", "--depends-on", "nope"], { cwd: p.dir }),
      1,
      /no revision or branch 'nope'/,
    );
    assertOneLineError(runCli(["revision", "-m", "x", "--head", "nope"], { cwd: p.dir }), 1, /'nope'/);
    assertOneLineError(
      runCli(["revision", "-m", "x", "--rev-id", "a@b"], { cwd: p.dir }),
      2,
      /revision id "a@b"/,
    );
    assert.deepEqual(files(p), before);
  });

  it("a non-ASCII message makes an ASCII file name", () => {
    const p = twoRevisions();
    const made = runCli(["revision", "-m", "Ünïcode straße Ærø", "--rev-id", "cccc3333"], { cwd: p.dir });
    assert.equal(made.code, 0, made.stderr);
    assert.ok(files(p).includes("cccc3333_unicode_strasse_aero.ts"), files(p).join(", "));
  });
});

describe("passwords are never printed", () => {
  const secret = "hunter2";
  const urls = [
    `postgres:app:${secret}@db/prod`,
    `app:${secret}@db/prod`,
    `postgres://app:hun/ter2@db/prod`,
    `postgres://app:hun@ter2@db.invalid/prod`,
    `mysql://db.invalid/prod?user=app&password=${secret}`,
  ];
  for (const url of urls) {
    it(`--url ${url.replace(secret, "...")}`, () => {
      const p = twoRevisions();
      const run = runCli(["current", "--url", url, "--json", "--debug"], { cwd: p.dir });
      assert.notEqual(run.code, 0);
      for (const text of [run.stdout, run.stderr]) {
        assert.ok(!text.includes(secret) && !text.includes("hun/ter2") && !text.includes("ter2@"), text);
      }
    });
  }

  it("a ${VAR:-default} in retort.json that holds a password", () => {
    project = tempProject({ url: "${DB:-postgres://app:hunter2@db/prod}" });
    const run = runCli(["current"], { cwd: project.dir });
    assert.equal(run.code, 2);
    assert.ok(!run.stderr.includes(secret), run.stderr);
  });
});

describe("--debug", () => {
  it("is listed in --help and shows the failing revision's own stack", () => {
    const p = twoRevisions();
    assert.match(runCli(["--help"], { cwd: p.dir }).stdout, /--debug/);
    p.write("cccc3333", "bbbb2222", { up: `  throw new Error("boom in the revision");` });
    const run = runCli(["upgrade", "head", "--debug"], { cwd: p.dir });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /upgrade cccc3333 failed: boom in the revision/);
    assert.match(run.stderr, /caused by: Error: boom in the revision\n\s+at .*cccc3333_rev\.ts:\d+/);
  });
});

describe("init and the database it targets", () => {
  it("init --url writes that URL", () => {
    project = tempProject();
    const dir = join(project.dir, "fresh");
    const run = runCli(["init", dir, "--url", "postgres://app@db/prod"], { cwd: project.dir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(readFileSync(join(dir, "retort.json"), "utf8")).url, "postgres://app@db/prod");
  });

  it("every command that connects says which database, and that DATABASE_URL overrode the config", () => {
    const p = twoRevisions();
    const plain = runCli(["current"], { cwd: p.dir });
    assert.match(plain.stderr, /^Database: sqlite:app\.db$/m);
    const other = runCli(["current", "-v"], {
      cwd: p.dir,
      env: { DATABASE_URL: "sqlite:other.db" },
    });
    assert.match(other.stderr, /^Database: sqlite:other\.db \(from DATABASE_URL, which overrides the url in .*retort\.json\)$/m);
    assert.ok(existsSync(join(p.dir, "retort.json")));
    assert.equal(runCli(["current", "-q"], { cwd: p.dir }).stderr, "", "-q keeps it quiet");
  });
});

describe("stamp --purge", () => {
  it("recovers a database whose version table holds a revision no file defines", async () => {
    const p = twoRevisions();
    assert.equal(runCli(["upgrade", "head"], { cwd: p.dir }).code, 0);
    rmSync(join(p.dir, "migrations", "versions", "bbbb2222_rev.ts"));
    assertOneLineError(
      runCli(["current"], { cwd: p.dir }),
      1,
      /the database is at revision bbbb2222, which no file .* defines; .*`retort stamp --purge REV`/,
    );
    const stamp = runCli(["stamp", "--purge", "aaaa1111"], { cwd: p.dir });
    assert.equal(stamp.code, 0, stamp.stderr);
    assert.deepEqual(await p.query("SELECT version_num FROM retort_version"), [{ version_num: "aaaa1111" }]);
    assert.equal(runCli(["current"], { cwd: p.dir }).stdout.trim(), "aaaa1111 (head)");
  });
});
