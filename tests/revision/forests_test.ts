// A forest of three bases, twin merges of the same two parents, and a labelled branch point whose branches come down one at a time.
// Expected values agree with Alembic's own RevisionMap/HeadMaintainer on the same graphs.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { apply, down, history, labelsOf, mapOf, rev, stamp, throwsCode, up } from "./_helpers.ts";

describe("forest", () => {
  const map = mapOf(
    rev("r1"),
    rev("r2"),
    rev("r3"),
    rev("x1", "r1"),
    rev("x2", "x1"),
    rev("y1", "r2"),
    rev("z1", "r3"),
    rev("z2", "z1"),
    rev("z3", "z2"),
    rev("y2", "y1"),
  );

  it("has these heads and bases", () => {
    assert.deepEqual(map.heads, ["x2", "z3", "y2"]);
    assert.deepEqual(map.resolvedHeads, ["x2", "z3", "y2"]);
    assert.deepEqual(map.bases, ["r1", "r2", "r3"]);
  });

  it("resolves identifiers", () => {
    assert.deepEqual(map.resolve("r1+1"), ["x1"]);
    assert.deepEqual(map.resolve("heads"), ["x2", "z3", "y2"]);
    throwsCode(() => map.resolve("head"), "MULTIPLE_HEADS");
    assert.deepEqual(map.resolve("z3@base"), []);
  });

  it("lists history", () => {
    assert.deepEqual(history(map), ["x2", "x1", "r1", "z3", "z2", "z1", "r3", "y2", "y1", "r2"]);
    assert.deepEqual(history(map, "r2:"), ["y2", "y1", "r2"]);
    assert.deepEqual(history(map, ":z2"), ["z2", "z1", "r3"]);
  });

  it("plans upgrades", () => {
    assert.deepEqual(up(map, [], "heads"), [
      "r2",
      "y1",
      "y2",
      "r3",
      "z1",
      "z2",
      "z3",
      "r1",
      "x1",
      "x2",
    ]);
    assert.deepEqual(up(map, [], "y2"), ["r2", "y1", "y2"]);
    assert.deepEqual(up(map, ["x1"], "heads"), ["r2", "y1", "y2", "r3", "z1", "z2", "z3", "x2"]);
    assert.deepEqual(up(map, ["x2", "y2"], "z2"), ["r3", "z1", "z2"]);
    throwsCode(() => up(map, ["x2"], "+1"), "RELATIVE_TOO_FAR");
    throwsCode(() => up(map, [], "+1"), "AMBIGUOUS_WALK");
  });

  it("plans downgrades", () => {
    assert.deepEqual(down(map, ["x2", "y2", "z3"], "base"), [
      "x2",
      "x1",
      "r1",
      "z3",
      "z2",
      "z1",
      "r3",
      "y2",
      "y1",
      "r2",
    ]);
    assert.deepEqual(down(map, ["x2", "y2", "z3"], "y1"), ["y2"]);
    // Alembic 1.8 picks one of several rows for a bare -N (with a deprecation warning); retort asks.
    assert.throws(
      () => down(map, ["x2", "y2", "z3"], "-1"),
      /ambiguous: the database is at several revisions/,
    );
    assert.deepEqual(down(map, ["x2", "y2", "z3"], "z3@-2"), ["z3", "z2"]);
    assert.deepEqual(down(map, ["x2", "y2", "z3"], "z3@base"), ["z3", "z2", "z1", "r3"]);
    assert.deepEqual(down(map, ["x2", "y2", "z3"], "r2"), ["y2", "y1"]);
  });

  it("keeps the version table", () => {
    assert.deepEqual(apply(map, [], "+r1 +x1 +r2 +y1 +x2"), {
      rows: ["x2", "y1"],
      changes: ["insert r1", "update r1>x1", "insert r2", "update r2>y1", "update x1>x2"],
    });
    assert.deepEqual(apply(map, ["x2", "y2", "z3"], "-z3 -z2 -z1 -r3"), {
      rows: ["x2", "y2"],
      changes: ["update z3>z2", "update z2>z1", "update z1>r3", "delete r3"],
    });
  });

  it("stamps", () => {
    assert.deepEqual(stamp(map, ["x2", "y2"], ["z1"]), ["x2", "y2", "z1"]);
    assert.deepEqual(stamp(map, ["x2", "y2", "z3"], ["y1"]), ["x2", "y1", "z3"]);
    assert.deepEqual(stamp(map, ["x2", "y2", "z3"], ["base"]), []);
    assert.deepEqual(stamp(map, ["x2", "y2", "z3"], ["z3@base"]), ["x2", "y2"]);
  });
});

describe("twinmerge", () => {
  const map = mapOf(
    rev("a"),
    rev("b1", "a"),
    rev("b2", "a"),
    rev("m1", ["b1", "b2"]),
    rev("m2", ["b1", "b2"]),
    rev("c", "m1"),
    rev("d", "m2"),
  );

  it("has these heads and bases", () => {
    assert.deepEqual(map.heads, ["c", "d"]);
    assert.deepEqual(map.resolvedHeads, ["c", "d"]);
    assert.deepEqual(map.bases, ["a"]);
  });

  it("lists history", () => {
    assert.deepEqual(history(map), ["c", "m1", "d", "m2", "b1", "b2", "a"]);
  });

  it("plans upgrades", () => {
    assert.deepEqual(up(map, [], "heads"), ["a", "b2", "b1", "m2", "d", "m1", "c"]);
    assert.deepEqual(up(map, [], "c"), ["a", "b2", "b1", "m1", "c"]);
    assert.deepEqual(up(map, ["m1"], "heads"), ["m2", "d", "c"]);
    assert.deepEqual(up(map, ["m1"], "d"), ["m2", "d"]);
    assert.deepEqual(up(map, ["b1", "b2"], "m2"), ["m2"]);
  });

  it("plans downgrades", () => {
    assert.deepEqual(down(map, ["c", "d"], "base"), ["c", "m1", "d", "m2", "b1", "b2", "a"]);
    assert.deepEqual(down(map, ["c", "d"], "b1"), ["c", "m1", "d", "m2"]);
    assert.deepEqual(down(map, ["c", "d"], "m1"), ["c"]);
    assert.deepEqual(down(map, ["c", "d"], "d@m2"), ["d"]);
    // Alembic 1.8 picks one of several rows for a bare -N (with a deprecation warning); retort asks.
    assert.throws(
      () => down(map, ["c", "d"], "-1"),
      /ambiguous: the database is at several revisions/,
    );
    assert.deepEqual(down(map, ["c", "d"], "a"), ["c", "m1", "d", "m2", "b1", "b2"]);
  });

  it("keeps the version table", () => {
    assert.deepEqual(apply(map, [], "+a +b1 +b2 +m1 +m2 +c +d"), {
      rows: ["c", "d"],
      changes: [
        "insert a",
        "update a>b1",
        "insert b2",
        "delete b1",
        "update b2>m1",
        "insert m2",
        "update m1>c",
        "update m2>d",
      ],
    });
    assert.deepEqual(apply(map, ["c", "d"], "-d -m2"), {
      rows: ["c"],
      changes: ["update d>m2", "delete m2"],
    });
    assert.deepEqual(apply(map, ["c", "d"], "-c -m1 -d -m2"), {
      rows: ["b1", "b2"],
      changes: ["update c>m1", "delete m1", "update d>m2", "insert b1", "update m2>b2"],
    });
    assert.deepEqual(apply(map, ["m1"], "+m2"), {
      rows: ["m1", "m2"],
      changes: ["insert m2"],
    });
    assert.deepEqual(apply(map, ["m1", "m2"], "-m2 -m1"), {
      rows: ["b1", "b2"],
      changes: ["delete m2", "insert b1", "update m1>b2"],
    });
    assert.deepEqual(apply(map, ["b1", "b2"], "+m1 +m2"), {
      rows: ["m1", "m2"],
      changes: ["delete b1", "update b2>m1", "insert m2"],
    });
  });

  it("stamps", () => {
    assert.deepEqual(stamp(map, ["c", "d"], ["b2"]), ["b2"]);
    assert.deepEqual(stamp(map, ["c"], ["m2"]), ["c", "m2"]);
    assert.deepEqual(stamp(map, ["b1", "b2"], ["m1"]), ["m1"]);
  });
});

describe("branchpoint", () => {
  const map = mapOf(
    rev("a"),
    rev("b", "a"),
    rev("c1", "b", { labels: ["left"] }),
    rev("c2", "b", { labels: ["right"] }),
    rev("d1", "c1"),
    rev("d2", "c2"),
    rev("e1", "d1"),
  );

  it("has these heads and bases", () => {
    assert.deepEqual(map.heads, ["d2", "e1"]);
    assert.deepEqual(map.resolvedHeads, ["d2", "e1"]);
    assert.deepEqual(map.bases, ["a"]);
  });

  it("spreads branch labels", () => {
    assert.deepEqual(labelsOf(map, ["a", "b", "c1", "c2", "d1", "d2", "e1"]), {
      "a": [],
      "b": [],
      "c1": ["left"],
      "c2": ["right"],
      "d1": ["left"],
      "d2": ["right"],
      "e1": ["left"],
    });
  });

  it("resolves identifiers", () => {
    assert.deepEqual(map.resolve("left@-1"), ["d1"]);
    assert.deepEqual(map.resolve("right@-1"), ["c2"]);
    assert.deepEqual(map.resolve("left@head"), ["e1"]);
    assert.deepEqual(map.resolve("left@b"), ["b"]);
    throwsCode(() => map.resolve("left@c2"), "REVISION_NOT_IN_BRANCH");
    assert.deepEqual(map.resolve("left@base"), []);
    assert.deepEqual(map.resolve("left"), ["c1"]);
    throwsCode(() => map.resolve("head"), "MULTIPLE_HEADS");
  });

  it("lists history", () => {
    assert.deepEqual(history(map), ["d2", "c2", "e1", "d1", "c1", "b", "a"]);
    assert.deepEqual(history(map, "left@base:left@head"), ["e1", "d1", "c1", "b", "a"]);
  });

  it("plans upgrades", () => {
    assert.deepEqual(up(map, [], "left@head"), ["a", "b", "c1", "d1", "e1"]);
    assert.deepEqual(up(map, [], "right@head"), ["a", "b", "c2", "d2"]);
    assert.deepEqual(up(map, ["e1"], "right@head"), ["c2", "d2"]);
    assert.deepEqual(up(map, ["e1"], "right@+1"), ["c2"]);
    assert.deepEqual(up(map, ["e1"], "right@+2"), ["c2", "d2"]);
    assert.deepEqual(up(map, ["b"], "left@+1"), ["c1"]);
    assert.deepEqual(up(map, ["b"], "right@+1"), ["c2"]);
    throwsCode(() => up(map, ["b"], "+1"), "AMBIGUOUS_WALK");
  });

  it("plans downgrades", () => {
    assert.deepEqual(down(map, ["e1", "d2"], "left@b"), ["e1", "d1", "c1"]);
    assert.deepEqual(down(map, ["e1", "d2"], "right@b"), ["d2", "c2"]);
    assert.deepEqual(down(map, ["e1", "d2"], "b"), ["d2", "c2", "e1", "d1", "c1"]);
    assert.deepEqual(down(map, ["e1", "d2"], "left@-1"), ["e1"]);
    assert.deepEqual(down(map, ["e1", "d2"], "right@-1"), ["d2"]);
    assert.deepEqual(down(map, ["e1", "d2"], "left@-3"), ["e1", "d1", "c1"]);
    assert.deepEqual(down(map, ["e1", "d2"], "left@-4"), ["d2", "c2", "e1", "d1", "c1", "b"]);
    assert.deepEqual(down(map, ["e1", "d2"], "right@base"), [
      "d2",
      "c2",
      "e1",
      "d1",
      "c1",
      "b",
      "a",
    ]);
    assert.deepEqual(down(map, ["e1", "d2"], "left@c1"), ["e1", "d1"]);
    assert.deepEqual(down(map, ["e1", "d2"], "right@c1"), ["e1", "d1"]);
    assert.deepEqual(down(map, ["e1", "d2"], "c2"), ["d2"]);
    // Alembic 1.8 picks one of several rows for a bare -N (with a deprecation warning); retort asks.
    assert.throws(
      () => down(map, ["e1", "d2"], "-1"),
      /ambiguous: the database is at several revisions/,
    );
    throwsCode(() => down(map, ["e1"], "right@b"), "INVALID_DOWNGRADE_TARGET");
    throwsCode(() => down(map, ["d2"], "left@-1"), "INVALID_DOWNGRADE_TARGET");
  });

  it("keeps the version table", () => {
    assert.deepEqual(apply(map, ["e1", "d2"], "-e1 -d1 -c1"), {
      rows: ["d2"],
      changes: ["update e1>d1", "update d1>c1", "delete c1"],
    });
    assert.deepEqual(apply(map, ["e1", "d2"], "-d2 -c2"), {
      rows: ["e1"],
      changes: ["update d2>c2", "delete c2"],
    });
    assert.deepEqual(apply(map, ["b"], "+c1 +d1 +c2"), {
      rows: ["c2", "d1"],
      changes: ["update b>c1", "update c1>d1", "insert c2"],
    });
  });

  it("stamps", () => {
    assert.deepEqual(stamp(map, ["e1", "d2"], ["left@b"]), ["b"]);
    assert.deepEqual(stamp(map, ["e1", "d2"], ["c1"]), ["c1", "d2"]);
  });
});
