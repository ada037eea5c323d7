import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  branches,
  current,
  downgrade,
  heads,
  history,
  merge,
  revision,
  stamp,
  upgrade,
} from "../../mod.ts";
import type { Output } from "../../mod.ts";
import type { TempProject } from "../_project.ts";
import { tempProject } from "../_project.ts";

let project: TempProject;
afterEach(() => project?.cleanup());

/** An Output that keeps what a command printed. */
function capture(): Output & { lines: string[] } {
  const lines: string[] = [];
  return {
    json: false,
    quiet: true,
    color: false,
    lines,
    result: (l) => void lines.push(l),
    info: () => {},
  };
}

/** a -> b, then c and d both on b (d labelled "feat"). */
async function branchy(): Promise<{ cwd: string }> {
  project = tempProject();
  const cwd = project.dir;
  await revision({ cwd, message: "a", revId: "a1" });
  await revision({ cwd, message: "b", revId: "b2" });
  await revision({ cwd, message: "c", revId: "c3" });
  await revision({ cwd, message: "d", revId: "d4", head: "b2", splice: true, branchLabel: "feat" });
  return { cwd };
}

const rows = async () =>
  (await project.query("SELECT version_num FROM retort_version ORDER BY 1")).map((r) =>
    r.version_num
  );

describe("branches and merges through the commands", () => {
  it("revision refuses to pick one of several heads, and refuses a non-head without --splice", async () => {
    const { cwd } = await branchy();
    await assert.rejects(
      revision({ cwd, message: "x" }),
      /several heads \(c3, d4\); pass --head REV/,
    );
    await assert.rejects(
      revision({ cwd, message: "x", head: "a1" }),
      /a1 is not a head; pass --splice/,
    );
    await assert.rejects(
      revision({ cwd, message: "x", head: "c3", branchLabel: "feat" }),
      /'feat' is already used/,
    );
    const extended = await revision({ cwd, message: "e", revId: "e5", head: "feat@head" });
    assert.deepEqual(extended?.downRevisions, ["d4"]);
    const root = await revision({
      cwd,
      message: "lib",
      revId: "l0",
      head: "base",
      branchLabel: "lib",
    });
    assert.deepEqual(root?.downRevisions, []);
  });

  it("heads, branches and history show the branch point and labels", async () => {
    const { cwd } = await branchy();
    const out = capture();
    await heads({ cwd, output: out });
    assert.deepEqual(out.lines, ["c3 (head)", "d4 (feat) (head)"]);
    const points = capture();
    assert.deepEqual(
      (await branches({ cwd, output: points })).branchPoints.map((p) => [
        p.revision,
        p.branchesInto,
        p.isBranchPoint,
      ]),
      [["b2", ["c3", "d4"], true]],
    );
    assert.deepEqual(points.lines, ["b2 (branchpoint)\n   -> c3 (head)\n   -> d4 (feat) (head)\n"]);
    const graph = capture();
    await history({ cwd, graph: true, output: graph });
    assert.deepEqual(graph.lines, [
      "* c3 (head), c",
      "| * d4 (feat) (head), d",
      "|/",
      "* b2 (branchpoint), b",
      "* a1, a",
    ]);
  });

  it("upgrade heads, downgrade one branch, merge heads, and upgrade through the merge", async () => {
    const { cwd } = await branchy();
    const up = await upgrade({ cwd, target: "heads" });
    assert.deepEqual(up.steps.map((s) => s.revision).sort(), ["a1", "b2", "c3", "d4"]);
    assert.deepEqual(await rows(), ["c3", "d4"]);

    await downgrade({ cwd, target: "feat@-1" });
    assert.deepEqual(await rows(), ["c3"], "the feat branch is gone; b2 is covered by c3");

    const merged = await merge({ cwd, message: "join", revisions: ["heads"], revId: "m9" });
    assert.deepEqual(merged.downRevisions, ["c3", "d4"]);
    await upgrade({ cwd, target: "head" });
    assert.deepEqual(await rows(), ["m9"]);
    const out = capture();
    await history({ cwd, indicateCurrent: true, output: out });
    assert.equal(out.lines[0], "c3, d4 -> m9 (feat) (head) (current) (mergepoint), join");

    await downgrade({ cwd, target: "c3" });
    assert.deepEqual(
      await rows(),
      ["c3", "d4"],
      "unmerging re-inserts the other parent, as Alembic does",
    );
  });

  it("stamps several heads, then purges", async () => {
    const { cwd } = await branchy();
    await stamp({ cwd, revisions: ["c3", "d4"] });
    assert.deepEqual(await rows(), ["c3", "d4"]);
    assert.deepEqual((await current({ cwd })).current.map((c) => c.revision), ["c3", "d4"]);
    await stamp({ cwd, revisions: ["a1"], purge: true });
    assert.deepEqual(await rows(), ["a1"]);
  });

  it("dependsOn: heads --resolve-dependencies leaves out a head another revision depends on", async () => {
    project = tempProject();
    const cwd = project.dir;
    await revision({ cwd, message: "lib", revId: "lib1", branchLabel: "lib" });
    await revision({
      cwd,
      message: "app",
      revId: "app1",
      head: "base",
      branchLabel: "app",
      dependsOn: ["lib"],
    });
    assert.deepEqual(
      (await heads({ cwd })).heads.map((h) => h.revision),
      ["app1", "lib1"],
      "file order",
    );
    assert.deepEqual(
      (await heads({ cwd, resolveDependencies: true })).heads.map((h) => h.revision),
      ["app1"],
    );
    const up = await upgrade({ cwd, target: "app@head" });
    assert.deepEqual(
      up.steps.map((s) => s.revision),
      ["lib1", "app1"],
      "the dependency runs first",
    );
    assert.deepEqual(await rows(), ["app1"], "dependencies are not written to the version table");
  });
});
