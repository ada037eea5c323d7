// `revision --autogenerate` and `check` as a user meets them on SQLite: bad declarations
// refused in one line with exit 2 and nothing written, `check --json`, the config's filters
// and directive processors, and renames confirmed through the library's question hook.
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
// As users do: through mod.ts, which is also what "retort" means inside the target module.
import { compareSchema, revision } from "../../mod.ts";
import type { CliRun, TempProject } from "../_project.ts";
import { runCli, tempProject } from "../_project.ts";

const users = `table("users", [
      t.column("id", t.integer(), { primaryKey: true }),
      t.column("name", t.varchar(50), { nullable: false }),
    ])`;
const schema = (tables: string) =>
  `import { defineSchema, t, table } from "retort";\nexport default defineSchema({\n  tables: [\n    ${tables},\n  ],\n});\n`;

let projects: TempProject[] = [];
afterEach(() => {
  for (const p of projects) p.cleanup();
  projects = [];
});

function project(config: Record<string, unknown> = { target: "schema.ts" }, files: Record<string, string> = {}) {
  const p = tempProject(config);
  projects.push(p);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(p.dir, name), text);
  return p;
}
const cli = (p: TempProject, args: string[]): CliRun => runCli(args, { cwd: p.dir });
const written = (p: TempProject) => readdirSync(join(p.dir, "migrations", "versions")).filter((f) => f.endsWith(".ts"));

/** Exit 2, one `retort:` line matching `pattern`, and no revision written. */
function refused(p: TempProject, pattern: RegExp) {
  for (const args of [["revision", "--autogenerate", "-m", "x"], ["check"]]) {
    const run = cli(p, args);
    assert.equal(run.code, 2, `${args[0]}: ${run.stderr}`);
    const lines = run.stderr.split("\n").filter((l) => l.startsWith("retort:"));
    assert.equal(lines.length, 1, run.stderr);
    assert.match(lines[0], pattern);
    assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack");
  }
  assert.deepEqual(written(p), []);
}

describe("autogenerate refuses a bad declaration: one line, exit 2, nothing written", () => {
  it("no target in the config", () => {
    refused(project({}), /set "target" in the config/);
  });
  it("a target that does not exist", () => {
    refused(project({ target: "db/nope.ts" }), /target .*nope\.ts does not exist; fix "target"/);
  });
  it("a target that exports no schema", () => {
    refused(project(undefined, { "schema.ts": "export const tables = [];\n" }), /exports no schema: make its default export defineSchema/);
  });
  it("a target that does not compile", () => {
    refused(project(undefined, { "schema.ts": "export default defineSchema({ tables: [ }\n" }), /schema\.ts/);
  });
  it("a table declared twice", () => {
    refused(project(undefined, { "schema.ts": schema(`${users}, ${users}`) }), /table users is declared twice/);
  });
  it("a foreign key to a table or a column not declared", () => {
    const orders = (ref: string, col: string) =>
      `table("orders", [t.column("id", t.integer(), { primaryKey: true }), t.column("uid", t.integer())], { foreignKeys: [{ columns: ["uid"], references: "${ref}", referencesColumns: ["${col}"] }] })`;
    refused(project(undefined, { "schema.ts": schema(`${users}, ${orders("people", "id")}`) }), /references table people, which is not declared/);
    refused(project(undefined, { "schema.ts": schema(`${users}, ${orders("users", "uid")}`) }), /references users\.uid, which is not declared/);
  });
});

describe("check", () => {
  it("--json: the differences and exit 1; after the upgrade, none and exit 0", () => {
    const p = project(undefined, { "schema.ts": schema(users) });
    const differs = cli(p, ["check", "--json"]);
    assert.equal(differs.code, 1, differs.stderr);
    const result = JSON.parse(differs.stdout);
    assert.deepEqual(result.changes, ["added table 'users'"]);
    assert.equal(result.upToDate, false);
    assert.match(differs.stderr, /differs from the declared schema in 1 way; run `retort revision --autogenerate/);
    assert.equal(cli(p, ["revision", "--autogenerate", "-m", "users"]).code, 0);
    assert.equal(cli(p, ["upgrade", "head"]).code, 0);
    const same = cli(p, ["check", "--json"]);
    assert.equal(same.code, 0, same.stderr);
    assert.deepEqual(JSON.parse(same.stdout), { changes: [], upToDate: true, changedSinceApplied: [], strictChecksums: false });
  });
});

describe("check and changed revision files", () => {
  it("warns about an applied revision whose file changed; with strictChecksums it fails", () => {
    const p = project(undefined, { "schema.ts": schema(users) });
    assert.equal(cli(p, ["revision", "--autogenerate", "-m", "users", "--rev-id", "k1"]).code, 0);
    assert.equal(cli(p, ["upgrade", "head"]).code, 0);
    const file = join(p.dir, "migrations", "versions", written(p)[0]);
    writeFileSync(file, readFileSync(file, "utf8") + "// edited\n");
    const warned = cli(p, ["check"]);
    assert.equal(warned.code, 0, warned.stderr);
    assert.match(warned.stderr, /^retort: warning: applied revision k1: .*k1_users\.ts changed since it ran/m);
    writeFileSync(join(p.dir, "retort.json"), JSON.stringify({ url: "sqlite:app.db", target: "schema.ts", strictChecksums: true }));
    const strict = cli(p, ["check", "--json"]);
    assert.equal(strict.code, 1);
    assert.deepEqual(JSON.parse(strict.stdout).changedSinceApplied.map((c: { revision: string }) => c.revision), ["k1"]);
    assert.match(strict.stderr, /^retort: the file of applied revision k1 changed since it ran \(strictChecksums\)/m);
  });
});

describe("the config's filters and directive processors", () => {
  const config = `import { defineConfig } from "retort";
export default defineConfig({
  url: "sqlite:app.db",
  target: "schema.ts",
  includeName: (name, type) => !(type === "table" && name.startsWith("temp_")),
  includeObject: (object, name, type) => !(type === "column" && (object as { comment?: string }).comment === "skipAutogenerate"),
  processRevisionDirectives: (ctx, revision, directives) => {
    const [script] = directives as { message: string; upgradeOps: unknown[] }[];
    if (script.upgradeOps.length === 0) directives.length = 0;
    else script.message = "[auto] " + script.message;
  },
});
`;

  it("skip temp_* tables and flagged columns; an empty revision is not written; a message edited", async () => {
    const p = project({}, {
      "retort.config.ts": config,
      "schema.ts": schema(`table("users", [
      t.column("id", t.integer(), { primaryKey: true }),
      t.column("legacy", t.text(), { comment: "skipAutogenerate" }),
    ])`),
    });
    writeFileSync(join(p.dir, "retort.json"), "{}");
    await p.query("CREATE TABLE temp_import (x INTEGER)");
    const first = cli(p, ["revision", "--autogenerate", "-m", "users", "--rev-id", "a1"]);
    assert.equal(first.code, 0, first.stderr);
    const text = readFileSync(join(p.dir, "migrations", "versions", written(p)[0]), "utf8");
    assert.match(text, /^\/\*\* \[auto\] users/);
    assert.doesNotMatch(text, /temp_import/, "the skipped table is not dropped");
    assert.doesNotMatch(text, /legacy/, "the flagged column is not added");
    assert.equal(cli(p, ["upgrade", "head"]).code, 0);
    const again = cli(p, ["revision", "--autogenerate", "-m", "nothing"]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /No revision written/);
    assert.equal(written(p).length, 1);
    assert.deepEqual(await p.tables(), ["retort_history", "retort_version", "temp_import", "users"]);
  });
});

describe("plugin ops in autogenerated revisions", () => {
  const plugin = (render: string) => `import { defineOperation, definePlugin } from "retort";
export default definePlugin({
  name: "grants",
  operations: [defineOperation({
    name: "grantRead",
    build: (table: string, role: string) => ({ table, role }),
    toSql: (op: any, d: any) => [\`CREATE TABLE \${d.quoteIdentifier(op.table + "_grant_" + op.role)} (x INTEGER)\`],
    reverse: (op: any) => ({ kind: "revokeRead", table: op.table, role: op.role }),
    ${render}
  }), defineOperation({
    name: "revokeRead",
    build: (table: string, role: string) => ({ table, role }),
    toSql: (op: any, d: any) => [\`DROP TABLE \${d.quoteIdentifier(op.table + "_grant_" + op.role)}\`],
    render: (op: any) => \`op.revokeRead(\${JSON.stringify(op.table)}, \${JSON.stringify(op.role)})\`,
  })],
  processRevisionDirectives: (ctx: any, revision: any, directives: any[]) => {
    for (const script of directives) {
      for (const op of [...script.upgradeOps]) {
        if (op.kind === "createTable") {
          script.upgradeOps.push({ kind: "grantRead", table: op.table, role: "reader" });
          script.downgradeOps.unshift({ kind: "revokeRead", table: op.table, role: "reader" });
        }
      }
    }
  },
});
`;

  it("a directive processor adds a plugin op; it is written through its render and runs", async () => {
    const p = project({ target: "schema.ts", plugins: ["./grants.ts"] }, {
      "schema.ts": schema(users),
      "grants.ts": plugin('render: (op: any) => `op.grantRead(${JSON.stringify(op.table)}, ${JSON.stringify(op.role)})`,'),
    });
    const made = cli(p, ["revision", "--autogenerate", "-m", "users", "--rev-id", "g1"]);
    assert.equal(made.code, 0, made.stderr);
    const text = readFileSync(join(p.dir, "migrations", "versions", written(p)[0]), "utf8");
    assert.match(text, /await op\.grantRead\("users", "reader"\);/);
    assert.match(text, /await op\.revokeRead\("users", "reader"\);/);
    assert.equal(cli(p, ["upgrade", "head"]).code, 0);
    assert.ok((await p.tables()).includes("users_grant_reader"));
    assert.equal(cli(p, ["downgrade", "base"]).code, 0);
    assert.ok(!(await p.tables()).includes("users_grant_reader"));
  });

  it("a plugin op without render: one line naming the op and its plugin, exit 2, nothing written", () => {
    const p = project({ target: "schema.ts", plugins: ["./grants.ts"] }, { "schema.ts": schema(users), "grants.ts": plugin("") });
    const made = cli(p, ["revision", "--autogenerate", "-m", "users"]);
    assert.notEqual(made.code, 0);
    assert.match(made.stderr, /^retort: operation grantRead \(from grants\) has no render\(\); add one/m);
    assert.deepEqual(written(p), []);
  });
});

describe("first-party plugins during autogenerate", () => {
  it("destructive-guard lets autogenerate write a drop (it guards what runs); skip-empty with --json prints null", () => {
    const p = project({ target: "schema.ts", plugins: ["retort/plugins/destructive-guard", "retort/plugins/skip-empty"] }, {
      "schema.ts": schema(`${users}, table("old", [t.column("id", t.integer(), { primaryKey: true })])`),
    });
    assert.equal(cli(p, ["revision", "--autogenerate", "-m", "both", "--rev-id", "d1"]).code, 0);
    assert.equal(cli(p, ["upgrade", "head"]).code, 0);
    writeFileSync(join(p.dir, "schema.ts"), schema(users));
    const drop = cli(p, ["revision", "--autogenerate", "-m", "drop old", "--rev-id", "d2"]);
    assert.equal(drop.code, 0, drop.stderr);
    assert.match(readFileSync(join(p.dir, "migrations", "versions", "d2_drop_old.ts"), "utf8"), /await op\.dropTable\("old"/);
    const refused = cli(p, ["upgrade", "head"]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /plugin destructive-guard: rewriteOp on dropTable old/);
    assert.equal(cli(p, ["upgrade", "head", "-x", "allow-destructive"]).code, 0);
    const none = cli(p, ["revision", "--autogenerate", "-m", "nothing", "--json"]);
    assert.equal(none.code, 0, none.stderr);
    assert.equal(none.stdout, "null\n");
  });
});

describe("the library", () => {
  it("compareSchema, and a rename confirmed through confirmRename", async () => {
    const p = project(undefined, { "schema.ts": schema(users) });
    await revision({ cwd: p.dir, message: "users", autogenerate: true, revId: "u1" });
    assert.equal(cli(p, ["upgrade", "head"]).code, 0);
    writeFileSync(join(p.dir, "schema.ts"), schema(users.replace(`"name"`, `"full_name"`)));
    const { changes } = await compareSchema({ cwd: p.dir });
    assert.deepEqual(changes.map((c) => c.description).sort(), ["added column 'users.full_name'", "removed column 'users.name'"]);
    const asked: string[] = [];
    await revision({
      cwd: p.dir,
      message: "rename",
      autogenerate: true,
      revId: "u2",
      confirmRename: (candidate) => {
        asked.push(`${candidate.kind} ${candidate.from} ${candidate.to}`);
        return Promise.resolve(true);
      },
    });
    assert.deepEqual(asked, ["column name full_name"]);
    const text = readFileSync(join(p.dir, "migrations", "versions", written(p).find((f) => f.startsWith("u2"))!), "utf8");
    assert.match(text, /newName: "full_name"/);
    assert.doesNotMatch(text, /dropColumn/);
  });
});
