// The version table: one row per unmerged head, kept by updateHeads as each step runs
// (Alembic's HeadMaintainer), and set directly by stamp.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { planDowngrade, planUpgrade, stampChanges, updateHeads } from "../../src/revision/mod.ts";
import { apply, mapOf, rev, rowsAfter, stamp, throwsCode } from "./_helpers.ts";

// a - b      c - d - e1        (b, e1, e2 heads; d a branch point)
//                \ e2
const branches = mapOf(
  rev("a"),
  rev("b", "a"),
  rev("c"),
  rev("d", "c"),
  rev("e1", "d"),
  rev("e2", "d"),
);

// a - b - c1 - d1 - e    (e merges d1 and d2)
//          \ c2 - d2 /
const merging = mapOf(
  rev("a"),
  rev("b", "a"),
  rev("c1", "b"),
  rev("c2", "b"),
  rev("d1", "c1"),
  rev("d2", "c2"),
  rev("e", ["d1", "d2"]),
);

describe("updateHeads", () => {
  it("inserts a row for a base, updates it along a line, deletes it at base", () => {
    assert.deepEqual(apply(branches, [], "+a"), { rows: ["a"], changes: ["insert a"] });
    assert.deepEqual(apply(branches, [], "+a +b"), {
      rows: ["b"],
      changes: ["insert a", "update a>b"],
    });
    assert.deepEqual(apply(branches, ["a"], "-a"), { rows: [], changes: ["delete a"] });
  });

  it("adds a row for each new branch", () => {
    assert.deepEqual(apply(branches, [], "+a +b +c"), {
      rows: ["b", "c"],
      changes: ["insert a", "update a>b", "insert c"],
    });
    assert.deepEqual(apply(branches, ["b", "c"], "+d +e1 +e2"), {
      rows: ["b", "e1", "e2"],
      changes: ["update c>d", "update d>e1", "insert e2"],
    });
  });

  it("tears branches down: the last one down to a branch point takes the row back", () => {
    assert.deepEqual(apply(branches, ["e1", "e2"], "-e1"), {
      rows: ["e2"],
      changes: ["delete e1"],
    });
    assert.deepEqual(apply(branches, ["e1", "e2"], "-e1 -e2"), {
      rows: ["d"],
      changes: ["delete e1", "update e2>d"],
    });
    assert.deepEqual(apply(branches, ["e2"], "-e2 -d -c"), {
      rows: [],
      changes: ["update e2>d", "update d>c", "delete c"],
    });
  });

  it("resolves a merge into one row", () => {
    assert.deepEqual(apply(merging, [], "+a +b +c1 +c2 +d1 +d2"), {
      rows: ["d1", "d2"],
      changes: [
        "insert a",
        "update a>b",
        "update b>c1",
        "insert c2",
        "update c1>d1",
        "update c2>d2",
      ],
    });
    assert.deepEqual(apply(merging, ["d1", "d2"], "+e"), {
      rows: ["e"],
      changes: ["delete d1", "update d2>e"],
    });
  });

  it("unresolves a merge into a row per parent", () => {
    assert.deepEqual(apply(merging, ["e"], "-e"), {
      rows: ["d1", "d2"],
      changes: ["insert d1", "update e>d2"],
    });
    assert.deepEqual(apply(merging, ["e"], "-e -d2"), {
      rows: ["c2", "d1"],
      changes: ["insert d1", "update e>d2", "update d2>c2"],
    });
  });

  it("merges only the parents that are rows", () => {
    // d2's branch was merged elsewhere already: e only moves d1's row.
    assert.deepEqual(apply(merging, ["d1"], "+c2 +d2 +e").rows, ["e"]);
    assert.deepEqual(
      updateHeads(merging, ["d1", "c2"], { revision: "d2", direction: "upgrade" }).heads,
      ["d1", "d2"],
    );
  });

  it("refuses steps the table cannot take", () => {
    throwsCode(
      () => updateHeads(merging, ["b"], { revision: "d1", direction: "downgrade" }),
      "VERSION_TABLE_MISMATCH",
    );
    throwsCode(
      () => updateHeads(merging, ["b"], { revision: "b", direction: "upgrade" }),
      "VERSION_TABLE_MISMATCH",
    );
    throwsCode(
      () => updateHeads(merging, ["zzz"], { revision: "a", direction: "upgrade" }),
      "UNKNOWN_REVISION",
    );
    throwsCode(
      () => updateHeads(merging, [], { revision: "zzz", direction: "upgrade" }),
      "UNKNOWN_REVISION",
    );
  });

  it("ends a full upgrade at the heads and a full downgrade with no rows", () => {
    for (const map of [branches, merging]) {
      const rows = rowsAfter(map, [], planUpgrade(map, [], "heads"));
      assert.deepEqual(rows, [...map.resolvedHeads].sort());
      assert.deepEqual(rowsAfter(map, rows, planDowngrade(map, rows, "base")), []);
    }
  });

  it("keeps a dependency out of the table once its dependent is applied", () => {
    // y2 depends on x1 (another base): after y2 only y2 is a row, and taking y2 down brings
    // both of its parents back.
    const map = mapOf(
      rev("y1", null, { labels: ["y"] }),
      rev("x1", null, { labels: ["x"] }),
      rev("y2", "y1", { deps: ["x1"] }),
    );
    const rows = rowsAfter(map, [], planUpgrade(map, [], "y2"));
    assert.deepEqual(rows, ["y2"]);
    assert.deepEqual(map.currentRevisions(rows), ["x1", "y2"]);
    assert.deepEqual(apply(map, ["y2"], "-y2").rows, ["x1", "y1"]);
  });
});

describe("stamp", () => {
  it("moves the rows on the target's lineage up or down to it", () => {
    assert.deepEqual(stamp(branches, ["b", "e1"], ["d"]), ["b", "d"]);
    assert.deepEqual(stamp(branches, ["c"], ["e2"]), ["e2"]);
    assert.deepEqual(stamp(merging, ["d1", "d2"], ["e"]), ["e"]);
    assert.deepEqual(stamp(merging, ["e"], ["c1"]), ["c1"]);
  });

  it("adds a row when no row shares the target's lineage", () => {
    assert.deepEqual(stamp(branches, ["b"], ["d"]), ["b", "d"]);
    assert.deepEqual(stamp(branches, [], ["heads"]), ["b", "e1", "e2"]);
  });

  it("empties the table for base, or a branch for label@base", () => {
    assert.deepEqual(stamp(branches, ["b", "e1"], ["base"]), []);
    const labelled = mapOf(
      rev("a", null, { labels: ["one"] }),
      rev("b", "a"),
      rev("c", null, { labels: ["two"] }),
    );
    assert.deepEqual(stamp(labelled, ["b", "c"], ["one@base"]), ["c"]);
  });

  it("purges the table first when asked", () => {
    assert.deepEqual(stamp(branches, ["b", "e1"], ["d"], true), ["d"]);
    assert.deepEqual(stampChanges(branches, ["b", "e1"], ["d"], true).changes, [
      { kind: "delete", revision: "b" },
      { kind: "delete", revision: "e1" },
      { kind: "insert", revision: "d" },
    ]);
  });

  it("reports the row changes", () => {
    assert.deepEqual(stampChanges(merging, ["d1", "d2"], ["e"], false), {
      heads: ["e"],
      changes: [{ kind: "delete", revision: "d1" }, { kind: "update", from: "d2", to: "e" }],
    });
    assert.deepEqual(stampChanges(merging, ["e"], ["e"], false), { heads: ["e"], changes: [] });
  });
});
