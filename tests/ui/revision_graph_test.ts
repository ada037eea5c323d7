import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { drawGraph } from "../../src/ui/revision_graph.ts";

const draw = (nodes: [string, string[]][]) =>
  drawGraph(nodes.map(([id, parents]) => ({ id, parents })), (n) => n.id);

describe("drawGraph", () => {
  it("draws a line", () => {
    assert.deepEqual(draw([["c", ["b"]], ["b", ["a"]], ["a", []]]), ["* c", "* b", "* a"]);
  });

  it("draws a diamond: a merge opens a lane, the branch point closes it", () => {
    assert.deepEqual(
      draw([["d", ["b", "c"]], ["c", ["a"]], ["b", ["a"]], ["a", []]]),
      ["* d", "|\\", "| * c", "* | b", "|/", "* a"],
    );
  });

  it("moves lanes left when a base ends one, and joins three lanes", () => {
    assert.deepEqual(
      draw([["c", ["a"]], ["y", ["x"]], ["b", ["a"]], ["x", []], ["a", []]]),
      ["* c", "| * y", "| | * b", "| * | x", "|  /", "|/", "* a"],
    );
  });

  it("draws an octopus merge and a branch inside a merge", () => {
    assert.deepEqual(
      draw([
        ["e", ["d"]],
        ["h", ["g"]],
        ["d", ["b", "c"]],
        ["g", ["b"]],
        ["c", ["a"]],
        ["b", ["a"]],
        ["a", []],
      ]),
      ["* e", "| * h", "* | d", "|\\ \\", "| | * g", "| * | c", "| |/", "* | b", "|/", "* a"],
    );
    assert.deepEqual(draw([["m", ["a", "b", "c"]], ["c", []], ["b", []], ["a", []]]), [
      "* m",
      "|\\ \\",
      "| | * c",
      "| * b",
      "* a",
    ]);
  });

  it("keeps separate roots apart: a line that starts where a base ended gets a blank row first", () => {
    assert.deepEqual(draw([["x", []], ["b", ["a"]], ["a", []]]), ["* x", "", "* b", "* a"]);
    assert.deepEqual(
      draw([["c", ["a"]], ["x", []], ["b", ["y"]], ["y", []], ["a", []]]),
      ["* c", "| * x", "|", "| * b", "| * y", "* a"],
    );
  });
});
