// Plugins that cannot work are refused before anything connects: one line naming the
// plugin and the key, exit 2, and the database not even opened.
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TempProject } from "../_project.ts";
import { assertOneLineError, runCli, tempProject } from "../_project.ts";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

function withPlugins(plugins: unknown[], files: Record<string, string> = {}): TempProject {
  project = tempProject({ plugins });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(project.dir, name), text);
  project.write("a1", null, { up: `  await op.createTable("a", [t.column("id", t.integer())]);` });
  return project;
}

const refused = (p: TempProject, pattern: RegExp) => {
  assertOneLineError(runCli(["upgrade", "head"], { cwd: p.dir }), 2, pattern);
  assert.ok(!existsSync(p.dbPath), "nothing connected");
};

describe("loading plugins", () => {
  it("a plugin without a name", () => {
    refused(withPlugins(["./p.ts"], { "p.ts": "export default { rewriteOp: () => undefined };\n" }), /plugin \.\/p\.ts has no name/);
  });

  it("an unknown hook key", () => {
    refused(
      withPlugins(["./p.ts"], { "p.ts": 'export default { name: "p", rewriteOps: () => undefined };\n' }),
      /plugin p: unknown key "rewriteOps"; a plugin has name, rewriteOp/,
    );
  });

  it("a path that does not exist", () => {
    refused(withPlugins(["./nope.ts"]), /plugin \.\/nope\.ts does not exist \(looked at .*nope\.ts\)/);
  });

  it("a handler that is not a function", () => {
    refused(
      withPlugins(["./p.ts"], { "p.ts": 'export default { name: "p", afterStep: { handler: 42 } };\n' }),
      /plugin p: afterStep must be a function, or \{ handler: function/,
    );
  });

  it("an unknown first-party plugin", () => {
    refused(withPlugins(["retort/plugins/nope"]), /no first-party plugin "nope"; retort has nullable-two-step, pg-concurrent-indexes, destructive-guard/);
  });

  it("two plugins defining one operation, and a plugin redefining a built-in", () => {
    const op = (name: string) =>
      `import { defineOperation } from "retort";\nexport default { name: "${name}", operations: [defineOperation({ name: "createView", build: (n: string) => ({ n }), toSql: () => ["SELECT 1"] })] };\n`;
    refused(
      withPlugins(["./a.ts", "./b.ts"], { "a.ts": op("views-a"), "b.ts": op("views-b") }),
      /plugin views-b defines operation createView, which plugin views-a already defines; rename one of them/,
    );
    refused(
      withPlugins(["./c.ts"], {
        "c.ts": 'export default { name: "mine", operations: [{ name: "createTable", build: () => ({}), toSql: () => [] }] };\n',
      }),
      /plugin mine redefines retort's built-in operation createTable/,
    );
  });

  it("the same plugin twice, and options for a plugin that takes none", () => {
    refused(withPlugins(["retort/plugins/destructive-guard", "retort/plugins/destructive-guard"]), /plugin destructive-guard is loaded twice/);
    refused(
      withPlugins([["./p.ts", { a: 1 }]], { "p.ts": 'export default { name: "p" };\n' }),
      /plugin \.\/p\.ts takes no options/,
    );
  });

  it("a plugin file that does not compile", () => {
    refused(withPlugins(["./p.ts"], { "p.ts": "export default {\n  name: ,\n};\n" }), /p\.ts:2:\d+: cannot load/);
  });
});
