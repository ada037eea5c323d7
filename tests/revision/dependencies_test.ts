// dependsOn: several bases with cross-dependencies, a head that only a dependency makes effective, dependencies already implied by an ancestor (normalized away), and revisions joined only by dependencies.
// Expected values agree with Alembic's own RevisionMap/HeadMaintainer on the same graphs.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { apply, down, history, labelsOf, mapOf, rev, stamp, throwsCode, up } from "./_helpers.ts";

describe("cross1", () => {
  const map = mapOf(
    rev("base1", null, { labels: ["b_1"] }),
    rev("a1a", "base1"),
    rev("a1b", "base1"),
    rev("b1a", "a1a"),
    rev("b1b", "a1b", { deps: ["a3"] }),
    rev("base2", null, { labels: ["b_2"] }),
    rev("a2", "base2"),
    rev("b2", "a2"),
    rev("c2", "b2", { deps: ["a3"] }),
    rev("d2", "c2"),
    rev("base3", null, { labels: ["b_3"] }),
    rev("a3", "base3"),
    rev("b3", "a3"),
  );

  it("has these heads and bases", () => {
    assert.deepEqual(map.heads, ["b1a", "b1b", "d2", "b3"]);
    assert.deepEqual(map.resolvedHeads, ["b1a", "b1b", "d2", "b3"]);
    assert.deepEqual(map.bases, ["base1", "base2", "base3"]);
  });

  it("spreads branch labels", () => {
    assert.deepEqual(labelsOf(map, ["base1", "a1a", "b1b", "base2", "d2", "base3", "a3", "b3"]), {
      "base1": ["b_1"],
      "a1a": ["b_1"],
      "b1b": ["b_1"],
      "base2": ["b_2"],
      "d2": ["b_2"],
      "base3": ["b_3"],
      "a3": ["b_3"],
      "b3": ["b_3"],
    });
  });

  it("lists history", () => {
    assert.deepEqual(history(map), [
      "b1a",
      "a1a",
      "b1b",
      "a1b",
      "base1",
      "d2",
      "c2",
      "b2",
      "a2",
      "base2",
      "b3",
      "a3",
      "base3",
    ]);
    assert.deepEqual(history(map, "b_2@base:"), ["d2", "c2", "b2", "a2", "base2", "a3", "base3"]);
    assert.deepEqual(history(map, ":b_2@head"), ["d2", "c2", "b2", "a2", "base2", "a3", "base3"]);
    assert.deepEqual(history(map, "b1b:"), ["b1b"]);
    assert.deepEqual(history(map, ":b1b"), ["b1b", "a1b", "base1", "a3", "base3"]);
    assert.deepEqual(history(map, "a3:"), ["b3", "a3"]);
    throwsCode(() => history(map, "d2:a3"), "RANGE_NOT_ANCESTOR");
  });

  it("plans upgrades", () => {
    assert.deepEqual(up(map, [], "heads"), [
      "base3",
      "a3",
      "b3",
      "base2",
      "a2",
      "b2",
      "c2",
      "d2",
      "base1",
      "a1b",
      "b1b",
      "a1a",
      "b1a",
    ]);
    assert.deepEqual(up(map, [], "b_2@head"), ["base3", "a3", "base2", "a2", "b2", "c2", "d2"]);
    assert.deepEqual(up(map, [], "d2"), ["base3", "a3", "base2", "a2", "b2", "c2", "d2"]);
    assert.deepEqual(up(map, [], "b1b"), ["base3", "a3", "base1", "a1b", "b1b"]);
    assert.deepEqual(up(map, [], "b3"), ["base3", "a3", "b3"]);
    assert.deepEqual(up(map, ["b1a", "b1b", "d2", "b3"], "heads"), []);
    assert.deepEqual(up(map, ["a3"], "d2"), ["base2", "a2", "b2", "c2", "d2"]);
    assert.deepEqual(up(map, ["b2"], "b_2@head"), ["base3", "a3", "c2", "d2"]);
  });

  it("plans downgrades", () => {
    assert.deepEqual(down(map, ["b1a", "b1b", "d2", "b3"], "base"), [
      "b1a",
      "a1a",
      "b1b",
      "a1b",
      "base1",
      "d2",
      "c2",
      "b2",
      "a2",
      "base2",
      "b3",
      "a3",
      "base3",
    ]);
    assert.deepEqual(down(map, ["b1a", "b1b", "d2", "b3"], "b_3@base"), [
      "b1b",
      "d2",
      "c2",
      "b3",
      "a3",
      "base3",
    ]);
    assert.deepEqual(down(map, ["b1a", "b1b", "d2", "b3"], "a3"), ["b3"]);
    assert.deepEqual(down(map, ["b1a", "b1b", "d2", "b3"], "base3"), [
      "b1b",
      "d2",
      "c2",
      "b3",
      "a3",
    ]);
    assert.deepEqual(down(map, ["b1a", "b1b", "d2", "b3"], "b_2@base"), [
      "d2",
      "c2",
      "b2",
      "a2",
      "base2",
    ]);
    assert.deepEqual(down(map, ["b1a", "b1b", "d2", "b3"], "b_1@base"), [
      "b1a",
      "a1a",
      "b1b",
      "a1b",
      "base1",
    ]);
    assert.deepEqual(down(map, ["b1a", "b1b", "d2", "b3"], "b_2@-1"), ["d2"]);
    assert.deepEqual(down(map, ["b1a", "b1b", "d2", "b3"], "base2"), ["d2", "c2", "b2", "a2"]);
  });

  it("keeps the version table", () => {
    assert.deepEqual(apply(map, [], "+base1 +a1b +base3 +a3 +b1b"), {
      rows: ["b1b"],
      changes: [
        "insert base1",
        "update base1>a1b",
        "insert base3",
        "update base3>a3",
        "delete a1b",
        "update a3>b1b",
      ],
    });
    assert.deepEqual(apply(map, [], "+base3 +a3 +base2 +a2 +b2 +c2 +d2"), {
      rows: ["d2"],
      changes: [
        "insert base3",
        "update base3>a3",
        "insert base2",
        "update base2>a2",
        "update a2>b2",
        "delete b2",
        "update a3>c2",
        "update c2>d2",
      ],
    });
    assert.deepEqual(apply(map, ["b1a", "b1b", "d2", "b3"], "-b3 -d2 -c2"), {
      rows: ["b1a", "b1b", "b2"],
      changes: ["delete b3", "update d2>c2", "update c2>b2"],
    });
  });

  it("stamps", () => {
    assert.deepEqual(stamp(map, [], ["d2"]), ["d2"]);
    assert.deepEqual(stamp(map, ["b3"], ["d2"]), ["b3", "d2"]);
    assert.deepEqual(stamp(map, ["d2"], ["b_3@base"]), []);
  });
});

describe("cross2", () => {
  const map = mapOf(
    rev("base1", null, { labels: ["b_1"] }),
    rev("a1", "base1"),
    rev("b1", "a1"),
    rev("c1", "b1"),
    rev("base2", null, { deps: ["b_1"], labels: ["b_2"] }),
    rev("a2", "base2"),
    rev("b2", "a2"),
    rev("c2", "b2"),
    rev("d2", "c2"),
    rev("base3", null, { labels: ["b_3"] }),
    rev("a3", "base3"),
    rev("b3", "a3"),
    rev("c3", "b3", { deps: ["b2"] }),
    rev("d3", "c3"),
  );

  it("has these heads and bases", () => {
    assert.deepEqual(map.heads, ["c1", "d2", "d3"]);
    assert.deepEqual(map.resolvedHeads, ["c1", "d2", "d3"]);
    assert.deepEqual(map.bases, ["base1", "base2", "base3"]);
  });

  it("spreads branch labels", () => {
    assert.deepEqual(labelsOf(map, ["base1", "c1", "base2", "d2", "base3", "d3"]), {
      "base1": ["b_1"],
      "c1": ["b_1"],
      "base2": ["b_2"],
      "d2": ["b_2"],
      "base3": ["b_3"],
      "d3": ["b_3"],
    });
  });

  it("lists history", () => {
    assert.deepEqual(history(map), [
      "c1",
      "b1",
      "a1",
      "d2",
      "c2",
      "d3",
      "c3",
      "b3",
      "a3",
      "base3",
      "b2",
      "a2",
      "base2",
      "base1",
    ]);
    assert.deepEqual(history(map, ":d3"), [
      "d3",
      "c3",
      "b3",
      "a3",
      "base3",
      "b2",
      "a2",
      "base2",
      "base1",
    ]);
    assert.deepEqual(history(map, ":d2"), ["d2", "c2", "b2", "a2", "base2", "base1"]);
    assert.deepEqual(history(map, "b_2@base:"), ["d2", "c2", "b2", "a2", "base2", "base1"]);
    assert.deepEqual(history(map, "base2:"), ["d2", "c2", "b2", "a2", "base2"]);
  });

  it("plans upgrades", () => {
    assert.deepEqual(up(map, [], "heads"), [
      "base1",
      "base2",
      "a2",
      "b2",
      "base3",
      "a3",
      "b3",
      "c3",
      "d3",
      "c2",
      "d2",
      "a1",
      "b1",
      "c1",
    ]);
    assert.deepEqual(up(map, [], "d3"), [
      "base1",
      "base2",
      "a2",
      "b2",
      "base3",
      "a3",
      "b3",
      "c3",
      "d3",
    ]);
    assert.deepEqual(up(map, [], "b_2@head"), ["base1", "base2", "a2", "b2", "c2", "d2"]);
    assert.deepEqual(up(map, [], "base2"), ["base1", "base2"]);
    assert.deepEqual(up(map, ["c1"], "d2"), ["base2", "a2", "b2", "c2", "d2"]);
    assert.deepEqual(up(map, ["c1", "d2"], "d3"), ["base3", "a3", "b3", "c3", "d3"]);
  });

  it("plans downgrades", () => {
    assert.deepEqual(down(map, ["c1", "d2", "d3"], "base"), [
      "c1",
      "b1",
      "a1",
      "d2",
      "c2",
      "d3",
      "c3",
      "b3",
      "a3",
      "base3",
      "b2",
      "a2",
      "base2",
      "base1",
    ]);
    assert.deepEqual(down(map, ["c1", "d2", "d3"], "base1"), ["c1", "b1", "a1"]);
    assert.deepEqual(down(map, ["c1", "d2", "d3"], "b_1@base"), [
      "c1",
      "b1",
      "a1",
      "d2",
      "c2",
      "d3",
      "c3",
      "b2",
      "a2",
      "base2",
      "base1",
    ]);
    assert.deepEqual(down(map, ["c1", "d2", "d3"], "a2"), ["d2", "c2", "d3", "c3", "b2"]);
    assert.deepEqual(down(map, ["c1", "d2", "d3"], "b_2@base"), [
      "d2",
      "c2",
      "d3",
      "c3",
      "b2",
      "a2",
      "base2",
    ]);
    assert.deepEqual(down(map, ["c1", "d2", "d3"], "b2"), ["d2", "c2"]);
    assert.deepEqual(down(map, ["d3"], "b_1@base"), ["d3", "c3", "b2", "a2", "base2", "base1"]);
  });

  it("keeps the version table", () => {
    assert.deepEqual(apply(map, [], "+base1 +base2 +a2 +b2"), {
      rows: ["b2"],
      changes: ["insert base1", "update base1>base2", "update base2>a2", "update a2>b2"],
    });
    assert.deepEqual(apply(map, ["c1", "d3"], "-d3 -c3"), {
      rows: ["b2", "b3", "c1"],
      changes: ["update d3>c3", "insert b3", "update c3>b2"],
    });
    assert.deepEqual(apply(map, ["c1", "d2", "d3"], "-d3 -c3 -b3"), {
      rows: ["a3", "c1", "d2"],
      changes: ["update d3>c3", "update c3>b3", "update b3>a3"],
    });
  });

  it("stamps", () => {
    assert.deepEqual(stamp(map, [], ["d3"]), ["d3"]);
    assert.deepEqual(stamp(map, ["d3"], ["base3"]), ["base3"]);
  });
});

describe("cross3", () => {
  const map = mapOf(
    rev("base1"),
    rev("a1", "base1"),
    rev("b1", "a1"),
    rev("c2", null, { deps: ["a1"] }),
    rev("c3", "c2"),
  );

  it("has these heads and bases", () => {
    assert.deepEqual(map.heads, ["b1", "c3"]);
    assert.deepEqual(map.resolvedHeads, ["b1", "c3"]);
    assert.deepEqual(map.bases, ["base1", "c2"]);
  });

  it("lists history", () => {
    assert.deepEqual(history(map), ["b1", "c3", "c2", "a1", "base1"]);
  });

  it("plans upgrades", () => {
    assert.deepEqual(up(map, [], "heads"), ["base1", "a1", "c2", "c3", "b1"]);
    assert.deepEqual(up(map, [], "c3"), ["base1", "a1", "c2", "c3"]);
    assert.deepEqual(up(map, ["base1"], "c2"), ["a1", "c2"]);
  });

  it("plans downgrades", () => {
    assert.deepEqual(down(map, ["b1", "c3"], "base"), ["b1", "c3", "c2", "a1", "base1"]);
    assert.deepEqual(down(map, ["b1", "c3"], "base1"), ["b1", "c3", "c2", "a1"]);
    assert.deepEqual(down(map, ["b1", "c3"], "a1"), ["b1"]);
    assert.deepEqual(down(map, ["b1", "c3"], "c2"), ["c3"]);
    assert.deepEqual(down(map, ["c3"], "base"), ["c3", "c2", "a1", "base1"]);
  });

  it("keeps the version table", () => {
    assert.deepEqual(apply(map, [], "+base1 +a1 +c2 +c3 +b1"), {
      rows: ["b1", "c3"],
      changes: ["insert base1", "update base1>a1", "update a1>c2", "update c2>c3", "insert b1"],
    });
    assert.deepEqual(apply(map, ["b1", "c3"], "-c3 -c2"), {
      rows: ["b1"],
      changes: ["update c3>c2", "delete c2"],
    });
    assert.deepEqual(apply(map, ["b1", "c3"], "-b1 -c3 -c2 -a1"), {
      rows: ["base1"],
      changes: ["delete b1", "update c3>c2", "update c2>a1", "update a1>base1"],
    });
  });
});

describe("effective", () => {
  const map = mapOf(
    rev("y1", null, { labels: ["y"] }),
    rev("x1", null, { labels: ["x"] }),
    rev("y2", "y1", { deps: ["x1"] }),
    rev("x2", "x1"),
  );

  it("has these heads and bases", () => {
    assert.deepEqual(map.heads, ["y2", "x2"]);
    assert.deepEqual(map.resolvedHeads, ["y2", "x2"]);
    assert.deepEqual(map.bases, ["y1", "x1"]);
  });

  it("lists history", () => {
    assert.deepEqual(history(map), ["y2", "y1", "x2", "x1"]);
  });

  it("plans upgrades", () => {
    assert.deepEqual(up(map, [], "heads"), ["x1", "x2", "y1", "y2"]);
    assert.deepEqual(up(map, [], "y2"), ["x1", "y1", "y2"]);
    assert.deepEqual(up(map, [], "x@head"), ["x1", "x2"]);
    assert.deepEqual(up(map, ["y1"], "y@+1"), ["x1", "y2"]);
  });

  it("plans downgrades", () => {
    assert.deepEqual(down(map, ["x2", "y2"], "x@-1"), ["x2"]);
    assert.deepEqual(down(map, ["x1", "y2"], "x@-1"), ["y2", "x1"]);
    assert.deepEqual(down(map, ["y2"], "x@-1"), ["y2", "x1"]);
    assert.deepEqual(down(map, ["y2"], "y@-1"), ["y2"]);
    assert.deepEqual(down(map, ["x2", "y2"], "x@base"), ["y2", "x2", "x1"]);
    assert.deepEqual(down(map, ["x2", "y2"], "base"), ["y2", "y1", "x2", "x1"]);
  });

  it("keeps the version table", () => {
    assert.deepEqual(apply(map, [], "+y1 +x1 +y2"), {
      rows: ["y2"],
      changes: ["insert y1", "insert x1", "delete y1", "update x1>y2"],
    });
    assert.deepEqual(apply(map, [], "+x1 +y1 +y2 +x2"), {
      rows: ["x2", "y2"],
      changes: ["insert x1", "insert y1", "delete y1", "update x1>y2", "insert x2"],
    });
    assert.deepEqual(apply(map, ["y2"], "-y2"), {
      rows: ["x1", "y1"],
      changes: ["insert y1", "update y2>x1"],
    });
    assert.deepEqual(apply(map, ["x2", "y2"], "-x2 -y2"), {
      rows: ["x1", "y1"],
      changes: ["delete x2", "insert y1", "update y2>x1"],
    });
  });
});

describe("normalized", () => {
  const map = mapOf(
    rev("a1"),
    rev("a2", "a1"),
    rev("a3", "a2"),
    rev("b1"),
    rev("b2", "b1", { deps: ["a3"] }),
    rev("b3", "b2"),
    rev("b4", "b3", { deps: ["a3"] }),
    rev("b5", "b4"),
    rev("c1", null, { deps: ["a3"] }),
    rev("c2", "c1"),
  );

  it("has these heads and bases", () => {
    assert.deepEqual(map.heads, ["a3", "b5", "c2"]);
    assert.deepEqual(map.resolvedHeads, ["b5", "c2"]);
    assert.deepEqual(map.bases, ["a1", "b1", "c1"]);
  });

  it("lists history", () => {
    assert.deepEqual(history(map), ["b5", "b4", "b3", "b2", "b1", "c2", "c1", "a3", "a2", "a1"]);
    assert.deepEqual(history(map, "b2:"), ["b5", "b4", "b3", "b2"]);
    assert.deepEqual(history(map, "a3:"), ["a3"]);
  });

  it("plans upgrades", () => {
    assert.deepEqual(up(map, [], "heads"), [
      "a1",
      "a2",
      "a3",
      "c1",
      "c2",
      "b1",
      "b2",
      "b3",
      "b4",
      "b5",
    ]);
    assert.deepEqual(up(map, [], "b5"), ["a1", "a2", "a3", "b1", "b2", "b3", "b4", "b5"]);
    assert.deepEqual(up(map, [], "c2"), ["a1", "a2", "a3", "c1", "c2"]);
    assert.deepEqual(up(map, ["b3"], "b5"), ["b4", "b5"]);
    assert.deepEqual(up(map, ["a2"], "b2"), ["a3", "b1", "b2"]);
  });

  it("plans downgrades", () => {
    assert.deepEqual(down(map, ["b5", "c2"], "a2"), ["b5", "b4", "b3", "b2", "c2", "c1", "a3"]);
    throwsCode(() => down(map, ["b5", "c2"], "a3"), "INVALID_DOWNGRADE_TARGET");
    assert.deepEqual(down(map, ["b5", "c2"], "b3"), ["b5", "b4"]);
    assert.deepEqual(down(map, ["b5", "c2"], "base"), [
      "b5",
      "b4",
      "b3",
      "b2",
      "b1",
      "c2",
      "c1",
      "a3",
      "a2",
      "a1",
    ]);
  });

  it("keeps the version table", () => {
    assert.deepEqual(apply(map, [], "+a1 +a2 +a3 +b1 +b2 +b3 +b4 +b5 +c1 +c2"), {
      rows: ["b5", "c2"],
      changes: [
        "insert a1",
        "update a1>a2",
        "update a2>a3",
        "insert b1",
        "delete b1",
        "update a3>b2",
        "update b2>b3",
        "update b3>b4",
        "update b4>b5",
        "insert c1",
        "update c1>c2",
      ],
    });
    assert.deepEqual(apply(map, ["b5", "c2"], "-c2 -c1 -b5 -b4 -b3 -b2 -a3"), {
      rows: ["a2", "b1"],
      changes: [
        "update c2>c1",
        "delete c1",
        "update b5>b4",
        "update b4>b3",
        "update b3>b2",
        "insert b1",
        "update b2>a3",
        "update a3>a2",
      ],
    });
  });
});

describe("depsonly", () => {
  const map = mapOf(
    rev("a"),
    rev("b", "a"),
    rev("c", null, { deps: ["b"] }),
    rev("d", null, { deps: ["c"] }),
  );

  it("has these heads and bases", () => {
    assert.deepEqual(map.heads, ["b", "c", "d"]);
    assert.deepEqual(map.resolvedHeads, ["d"]);
    assert.deepEqual(map.bases, ["a", "c", "d"]);
  });

  it("lists history", () => {
    assert.deepEqual(history(map), ["d", "c", "b", "a"]);
  });

  it("plans upgrades", () => {
    assert.deepEqual(up(map, [], "heads"), ["a", "b", "c", "d"]);
    assert.deepEqual(up(map, [], "c"), ["a", "b", "c"]);
    assert.deepEqual(up(map, ["b"], "d"), ["c", "d"]);
  });

  it("plans downgrades", () => {
    throwsCode(() => down(map, ["d"], "b"), "INVALID_DOWNGRADE_TARGET");
    assert.deepEqual(down(map, ["d"], "a"), ["d", "c", "b"]);
    assert.deepEqual(down(map, ["d"], "base"), ["d", "c", "b", "a"]);
  });

  it("keeps the version table", () => {
    assert.deepEqual(apply(map, [], "+a +b +c +d"), {
      rows: ["d"],
      changes: ["insert a", "update a>b", "update b>c", "update c>d"],
    });
    assert.deepEqual(apply(map, ["d"], "-d -c -b"), {
      rows: ["a"],
      changes: ["update d>c", "update c>b", "update b>a"],
    });
  });

  it("stamps", () => {
    assert.deepEqual(stamp(map, [], ["d"]), ["d"]);
    assert.deepEqual(stamp(map, ["d"], ["a"]), ["a"]);
  });
});
