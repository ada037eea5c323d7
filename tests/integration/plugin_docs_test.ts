// docs/plugins.md's autogenerate guide, from the doc's own code blocks: the worked comparator
// (its config, its target and its plugin) run through the CLI on SQLite, PostgreSQL and
// MariaDB, with the revision lines the doc shows compared to the file autogenerate writes;
// every marked TypeScript block type-checked with `deno check`, the directive processor and
// the readTarget examples run, and every marked config loaded.
//
// A marked block follows `<!-- tested: tests/integration/plugin_docs_test.ts ... -->` or
// `<!-- checked: tests/integration/plugin_docs_test.ts ... -->`. A TypeScript block whose
// first line is `// some/path.ts` is that file of a project.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import type { DatabaseKind, ThrowawayDatabase } from "./_databases.ts";
import { throwawayDatabase } from "./_databases.ts";
import type { CliRun, TempProject } from "../_project.ts";
import { repoRoot, runCli, tempProject } from "../_project.ts";

interface Block {
  readonly lang: string;
  readonly text: string;
  /** What the marker says the test does with it. */
  readonly note: string;
  /** The file it is, from its first line (`// plugins/settings.ts`). */
  readonly path?: string;
}

const doc = readFileSync(join(repoRoot, "docs", "plugins.md"), "utf8");
const blocks: Block[] = [
  ...doc.matchAll(
    /<!-- (?:tested|checked): tests\/integration\/plugin_docs_test\.ts([^>]*)-->\n```(\w+)\n([\s\S]*?)```/g,
  ),
].map(([, note, lang, text]) => ({
  lang,
  text,
  note: note.trim(),
  path: lang === "ts" ? /^\/\/ (\S+\.ts)\n/.exec(text)?.[1] : undefined,
}));

/** The block that is the file at `path`. */
function file(path: string): string {
  const block = blocks.find((b) => b.path === path);
  assert.ok(block, `docs/plugins.md has a marked block for ${path}`);
  return block.text;
}

/** Writes `files` (path -> text) into the project's folder. */
function writeFiles(p: TempProject, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(p.dir, path)), { recursive: true });
    writeFileSync(join(p.dir, path), text);
  }
}

const ok = (run: CliRun, what: string) =>
  assert.equal(run.code, 0, `${what}: ${run.stderr}${run.stdout}`);

/** The config of the worked example, and the lines it shows of the revision it writes. */
const workedConfig = blocks.find((b) =>
  b.lang === "json" && b.text.includes("./plugins/settings.ts")
);
const shownLines = blocks.find((b) =>
  b.lang === "ts" && !b.path && b.note.includes("compares these lines")
);

describe("docs/plugins.md's marked blocks", () => {
  it("are all there", () => {
    for (
      const path of [
        "plugins/settings.ts",
        "db/schema.ts",
        "retort.config.ts",
        "plugins/ticket.ts",
        "plugins/named_tables.ts",
      ]
    ) {
      file(path);
    }
    assert.ok(workedConfig, "the worked example's retort.json");
    assert.ok(shownLines, "the worked example's revision lines");
    assert.ok(
      blocks.filter((b) => b.note.includes("loads this config")).length >= 4,
      "the first-party plugins' configs",
    );
  });

  // deno check takes seconds, more under a loaded machine: beyond bun's 5 s default
  it("type-check: every TypeScript file block, against the repository's deno.json", {
    timeout: 120_000,
  }, () => {
    const dir = mkdtempSync(join(tmpdir(), "retort-doc-check-"));
    try {
      const paths = blocks.filter((b) => b.path).map((b) => {
        const path = join(dir, b.path!);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, b.text);
        return path;
      });
      assert.ok(paths.length >= 5, `found ${paths.length} blocks`);
      const deno = join(repoRoot, "node_modules", ".bin", "deno");
      const check = spawnSync(deno, [
        "check",
        "--quiet",
        `--config=${join(repoRoot, "deno.json")}`,
        ...paths,
      ], {
        cwd: repoRoot,
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
      });
      assert.equal(check.status, 0, check.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("load: every first-party plugin config", () => {
    for (const block of blocks.filter((b) => b.note.includes("loads this config"))) {
      const p = tempProject(JSON.parse(block.text));
      try {
        ok(runCli(["heads"], { cwd: p.dir }), block.text);
      } finally {
        p.cleanup();
      }
    }
  });

  it("the ticket directive processor puts -x ticket in the message and -x one-way drops the downgrade", () => {
    const p = tempProject({ target: "db/schema.ts", plugins: ["./plugins/ticket.ts"] });
    try {
      writeFiles(p, {
        "plugins/ticket.ts": file("plugins/ticket.ts"),
        "db/schema.ts": file("db/schema.ts"),
      });
      const run = runCli([
        "revision",
        "--autogenerate",
        "-m",
        "app settings",
        "--rev-id",
        "t1",
        "-x",
        "ticket=OPS-12",
        "-x",
        "one-way",
      ], { cwd: p.dir });
      ok(run, "autogenerate");
      const versions = join(p.dir, "migrations", "versions");
      assert.deepEqual(readdirSync(versions), ["t1_ops_12_app_settings.ts"]);
      const text = readFileSync(join(versions, "t1_ops_12_app_settings.ts"), "utf8");
      assert.match(text, /^\/\*\* OPS-12 app settings$/m);
      assert.match(text, /op\.createTable\(\s*"app_settings"/);
      assert.doesNotMatch(text, /dropTable/);
    } finally {
      p.cleanup();
    }
  });

  it("the readTarget example reads a module of named table exports", () => {
    const p = tempProject({ target: "db/tables.ts", plugins: ["./plugins/named_tables.ts"] });
    try {
      writeFiles(p, {
        "plugins/named_tables.ts": file("plugins/named_tables.ts"),
        "db/tables.ts": `import { t, table } from "retort";
export const users = table("users", [t.column("id", t.integer(), { primaryKey: true })]);
export const teams = table("teams", [t.column("id", t.integer(), { primaryKey: true })]);
export const version = 3;
`,
      });
      const run = runCli(["check"], { cwd: p.dir });
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stdout, /Detected added table 'teams'/);
      assert.match(run.stdout, /Detected added table 'users'/);
    } finally {
      p.cleanup();
    }
  });
});

/** A plugin that turns down settings named beta.*, to show the comparator asks the filters. */
const noBeta = `export default {
  name: "no-beta",
  includeName: (name: string, type: string) => (type === "setting" && name.startsWith("beta.") ? false : undefined),
};
`;

for (const kind of ["sqlite", "postgres", "mysql"] as DatabaseKind[]) {
  const { db, skip } = await throwawayDatabase(kind);

  describe(`docs/plugins.md's worked comparator on ${kind}`, { skip }, () => {
    let database: ThrowawayDatabase;
    let p: TempProject;
    before(() => (database = db!));
    after(async () => {
      p?.cleanup();
      await database?.drop();
    });
    async function rows(): Promise<Record<string, string>> {
      const c = await database.connect();
      try {
        const found = await c.query("SELECT name, value FROM app_settings ORDER BY name");
        return Object.fromEntries(found.map((r) => [String(r.name), String(r.value)]));
      } finally {
        await c.close();
      }
    }
    async function execute(sql: string): Promise<void> {
      const c = await database.connect();
      try {
        await c.execute(sql);
      } finally {
        await c.close();
      }
    }
    const cli = (args: string[]) => runCli(args, { cwd: p.dir });
    const revisionText = (id: string) => {
      const versions = join(p.dir, "migrations", "versions");
      return readFileSync(
        join(versions, readdirSync(versions).find((f) => f.startsWith(id))!),
        "utf8",
      );
    };

    it("autogenerates the settings, upgrades, checks clean, finds a new one, and downgrades", {
      timeout: 120_000,
    }, async () => {
      const config = JSON.parse(workedConfig!.text);
      const [[, options]] = config.plugins as [string, { settings: Record<string, string> }][];
      const settings = { ...options.settings };
      const writeConfig = () =>
        writeFileSync(
          join(p.dir, "retort.json"),
          JSON.stringify({
            ...config,
            url: database.url,
            plugins: [...config.plugins, "./no_beta.ts"],
          }),
        );
      p = tempProject({});
      writeFiles(p, {
        "plugins/settings.ts": file("plugins/settings.ts"),
        "db/schema.ts": file("db/schema.ts"),
        "no_beta.ts": noBeta,
      });
      writeConfig();

      const first = cli(["revision", "--autogenerate", "-m", "app settings", "--rev-id", "s1"]);
      ok(first, "first autogenerate");
      assert.match(first.stderr, /^Detected added table 'app_settings'$/m);
      for (const name of Object.keys(settings)) {
        assert.match(
          first.stderr,
          new RegExp(`^Detected added setting '${name}' to 'app_settings'$`, "m"),
        );
      }
      const written = revisionText("s1");
      for (
        const line of shownLines!.text.split("\n").filter((l) =>
          l.trim() && !l.trim().startsWith("//")
        )
      ) {
        assert.ok(
          written.includes(`${line}\n`),
          `the revision has the doc's line ${line}\n${written}`,
        );
      }

      const offline = cli(["upgrade", "--sql", "base:s1"]);
      ok(offline, "upgrade --sql");
      assert.match(
        offline.stdout,
        /INSERT INTO [`"]app_settings[`"] \(name, value\) VALUES \('welcome', 'Hello, it(''|\\')s retort'\)/,
      );

      ok(cli(["upgrade", "head"]), "first upgrade");
      assert.deepEqual(await rows(), settings);
      const clean = cli(["check"]);
      ok(clean, "check after the first upgrade");
      assert.match(clean.stdout, /No new upgrade operations detected\./);
      // a value the app changed is the app's
      await execute("UPDATE app_settings SET value = 'changed' WHERE name = 'welcome'");
      ok(cli(["check"]), "check after the app changed a value");

      options.settings = { ...settings, "support.email": "help@example.com", "beta.search": "on" };
      writeConfig();
      const drift = cli(["check"]);
      assert.equal(drift.code, 1, drift.stderr);
      assert.match(drift.stdout, /^Detected added setting 'support\.email' to 'app_settings'$/m);
      assert.doesNotMatch(drift.stdout, /beta\.search/, "ctx.include asked the filters");
      ok(
        cli(["revision", "--autogenerate", "-m", "support address", "--rev-id", "s2"]),
        "second autogenerate",
      );
      assert.match(
        revisionText("s2"),
        /await op\.insertSetting\("app_settings", "support\.email", "help@example\.com"\);/,
      );
      ok(cli(["upgrade", "head"]), "second upgrade");
      assert.deepEqual(await rows(), {
        ...settings,
        welcome: "changed",
        "support.email": "help@example.com",
      });
      ok(cli(["check"]), "check after the second upgrade");

      ok(cli(["downgrade", "-1"]), "downgrade -1");
      assert.deepEqual(await rows(), { ...settings, welcome: "changed" });
      ok(cli(["downgrade", "base"]), "downgrade base");
      await assert.rejects(rows(), "the downgrade dropped the table");
    });
  });
}
