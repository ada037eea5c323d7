// docs/json.md's promise: one compact document per command, the same revision object in
// every command that reports revisions, and errors as one document too.
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { TempProject } from "./_project.ts";
import { runCli, tempProject } from "./_project.ts";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

const revisionKeys = [
  "branchLabels",
  "createDate",
  "dependsOn",
  "downRevisions",
  "isBranchPoint",
  "isHead",
  "isMergePoint",
  "message",
  "path",
  "revision",
];

function json(args: string[]): { doc: Record<string, unknown>; code: number } {
  const run = runCli([...args, "--json"], { cwd: project!.dir });
  const lines = run.stdout.trimEnd().split("\n");
  assert.equal(lines.length, 1, `one compact line: ${run.stdout}`);
  return { doc: JSON.parse(lines[0]), code: run.code };
}

const keysOf = (value: unknown) => Object.keys(value as object).sort();

describe("--json", () => {
  it("prints the documented shape for every command", () => {
    project = tempProject();
    project.write("aaaa1111", null, {});
    project.write("bbbb2222", "aaaa1111", {});
    const made = json(["revision", "-m", "third", "--rev-id", "cccc3333"]).doc;
    assert.deepEqual(keysOf(made), revisionKeys);
    for (const [args, key, extra] of [
      [["heads"], "heads", []],
      [["history"], "revisions", []],
      [["show", "bbbb2222"], "revisions", ["doc"]],
    ] as const) {
      const { doc } = json([...args]);
      assert.deepEqual(Object.keys(doc), [key]);
      const first = (doc[key] as unknown[])[0];
      assert.deepEqual(keysOf(first), [...revisionKeys, ...extra].sort(), args.join(" "));
    }
    assert.deepEqual(json(["upgrade", "bbbb2222"]).doc, {
      steps: [{ revision: "aaaa1111", direction: "upgrade" }, {
        revision: "bbbb2222",
        direction: "upgrade",
      }],
      heads: ["bbbb2222"],
    });
    const current = json(["current"]).doc;
    assert.deepEqual(Object.keys(current), ["current", "dirty"]);
    assert.deepEqual(keysOf((current.current as unknown[])[0]), revisionKeys);
    assert.equal(current.dirty, null);
    assert.deepEqual(json(["stamp", "aaaa1111"]).doc, { heads: ["aaaa1111"] });
    assert.deepEqual(json(["unlock"]).doc, { cleared: null, dirty: null });
    const offline = json(["upgrade", "--sql", "aaaa1111:bbbb2222"]).doc;
    assert.deepEqual(Object.keys(offline), ["steps", "heads", "sql"]);
  });

  it("prints an error as one document, once", () => {
    project = tempProject();
    project.write("aaaa1111", null, {});
    const { doc, code } = json(["upgrade", "nope"]);
    assert.equal(code, 1);
    assert.deepEqual(keysOf(doc), ["error"]);
    assert.equal((doc.error as { code: string }).code, "UNKNOWN_REVISION");
  });
});
