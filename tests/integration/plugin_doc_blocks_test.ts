// The code blocks of docs/plugins.md that no other test runs: the loading examples, the
// revision that calls the worked example's operation, and the views and drizzle configs. Each
// is taken from the doc as it is (only a server URL becomes a SQLite file) and run on SQLite.
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TempProject } from "../_project.ts";
import { repoRoot, runCli, tempProject } from "../_project.ts";

const doc = readFileSync(join(repoRoot, "docs", "plugins.md"), "utf8");
const blocks = [...doc.matchAll(/```(ts|json)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], text: m[2] }));
/** The one block of `lang` that starts with `marker` (or, failing that, holds it). */
function block(lang: string, marker: string): string {
  const ofLang = blocks.filter((b) => b.lang === lang);
  const starting = ofLang.filter((b) => b.text.startsWith(marker));
  const found = starting.length > 0 ? starting : ofLang.filter((b) => b.text.includes(marker));
  assert.equal(found.length, 1, `one ${lang} block in docs/plugins.md holds ${marker}`);
  return found[0].text;
}
const audit = block("ts", "// plugins/audit.ts");
const onSqlite = (json: string) => json.replace(/"postgres:\/\/[^"]*"/, '"sqlite:app.db"');

let projects: TempProject[] = [];
afterEach(() => {
  for (const p of projects) p.cleanup();
  projects = [];
});
function project(files: Record<string, string>): TempProject {
  const p = tempProject();
  projects.push(p);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(p.dir, name, ".."), { recursive: true });
    writeFileSync(join(p.dir, name), text);
  }
  return p;
}
const ok = (p: TempProject, args: string[]) => {
  const run = runCli(args, { cwd: p.dir });
  assert.equal(run.code, 0, `${args.join(" ")}: ${run.stderr}`);
  return run;
};

describe("docs/plugins.md, the blocks no other test runs", () => {
  it("Loading: the retort.config.ts block, with the audit plugin beside it", () => {
    const config = block("ts", '// retort.config.ts\nimport { defineConfig } from "retort";\nimport audit');
    const p = project({ "retort.config.ts": config, "plugins/audit.ts": audit, "retort.json": "" });
    writeFileSync(join(p.dir, "retort.json"), "{}");
    ok(p, ["-c", "retort.config.ts", "heads"]);
  });

  it("Loading: the retort.json block and the nullable-two-step fragment", () => {
    const json = onSqlite(block("json", '"./plugins/audit.ts"'));
    const p = project({ "retort.json": json, "plugins/audit.ts": audit });
    ok(p, ["heads"]);
    const fragment = block("json", '["retort/plugins/nullable-two-step", { "backfill"');
    writeFileSync(join(p.dir, "retort.json"), JSON.stringify({ url: "sqlite:app.db", plugins: [JSON.parse(fragment)] }));
    ok(p, ["heads"]);
  });

  it("the revision that calls the worked example's op.createView runs", async () => {
    const p = project({ "plugins/audit.ts": audit });
    writeFileSync(join(p.dir, "retort.json"), JSON.stringify({ url: "sqlite:app.db", plugins: ["./plugins/audit.ts"] }));
    const body = block("ts", 'await op.createView("recent_orders"');
    writeFileSync(
      join(p.dir, "migrations", "versions", "v1_view.ts"),
      `import type { MigrationContext } from "retort";\nexport const revision = "v1";\nexport const downRevision = null;\n${body}`,
    );
    ok(p, ["upgrade", "head"]);
    assert.deepEqual(await p.query("SELECT id, created_at FROM recent_orders"), []);
  });

  it("views: the config and schema blocks, through check, autogenerate, upgrade and check", () => {
    const p = project({
      "retort.json": onSqlite(block("json", '"retort/plugins/views"')),
      "schema.ts": block("ts", "// schema.ts\nimport { defineSchema, t, table, view }"),
    });
    const before = runCli(["check"], { cwd: p.dir });
    assert.equal(before.code, 1, before.stderr);
    assert.match(before.stdout, /Detected added view 'active_users'/);
    ok(p, ["revision", "--autogenerate", "-m", "views"]);
    ok(p, ["upgrade", "head"]);
    ok(p, ["check"]);
  });

  it("drizzle: the config block loads the plugin", () => {
    const p = project({ "retort.json": onSqlite(block("json", '"retort/plugins/drizzle"')) });
    ok(p, ["heads"]);
  });
});
