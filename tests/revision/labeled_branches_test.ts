// Two labelled branches from two bases: the label@ syntax, relative walks on a branch, partial ids.
// Expected values agree with Alembic's own RevisionMap/HeadMaintainer on the same graphs.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { down, history, labelsOf, mapOf, rev, throwsCode, up } from "./_helpers.ts";

describe("labeled", () => {
  const map = mapOf(
    rev("a", null, { labels: ["abranch"] }),
    rev("b", "a"),
    rev("somelongername", "b"),
    rev("c", "somelongername"),
    rev("d"),
    rev("e", "d", { labels: ["ebranch"] }),
    rev("someothername", "e"),
    rev("f", "someothername"),
  );

  it("has these heads and bases", () => {
    assert.deepEqual(map.heads, ["c", "f"]);
    assert.deepEqual(map.resolvedHeads, ["c", "f"]);
    assert.deepEqual(map.bases, ["a", "d"]);
  });

  it("spreads branch labels", () => {
    assert.deepEqual(
      labelsOf(map, ["a", "b", "somelongername", "c", "d", "e", "someothername", "f"]),
      {
        "a": ["abranch"],
        "b": ["abranch"],
        "somelongername": ["abranch"],
        "c": ["abranch"],
        "d": ["ebranch"],
        "e": ["ebranch"],
        "someothername": ["ebranch"],
        "f": ["ebranch"],
      },
    );
  });

  it("resolves identifiers", () => {
    assert.deepEqual(map.resolve("ebranch@head"), ["f"]);
    assert.deepEqual(map.resolve("abranch@head"), ["c"]);
    assert.deepEqual(map.resolve("ebranch@some"), ["someothername"]);
    assert.deepEqual(map.resolve("abranch@some"), ["somelongername"]);
    throwsCode(() => map.resolve("ebranch@b"), "REVISION_NOT_IN_BRANCH");
    throwsCode(() => map.resolve("x@d"), "UNKNOWN_BRANCH");
    assert.deepEqual(map.resolve("e@head"), ["f"]);
    assert.deepEqual(map.resolve("ebranch"), ["e"]);
    assert.deepEqual(map.resolve("ebranch@base"), []);
    assert.deepEqual(map.resolve("ebranch@heads"), ["f"]);
    assert.deepEqual(map.resolve("heads"), ["c", "f"]);
    assert.deepEqual(map.resolve("ebranch@-1"), ["someothername"]);
    throwsCode(() => map.resolve("some"), "AMBIGUOUS_REVISION");
    throwsCode(() => map.resolve("sos"), "UNKNOWN_REVISION");
    throwsCode(() => map.resolve("qprstuv"), "UNKNOWN_REVISION");
    assert.deepEqual(map.resolve("ebranch@ebranch"), ["e"]);
    throwsCode(() => map.resolve("ebranch@somel"), "UNKNOWN_REVISION");
    assert.deepEqual(map.resolve("somel"), ["somelongername"]);
    assert.deepEqual(map.resolve("f@e"), ["e"]);
    assert.deepEqual(map.resolve("ebra"), ["e"]);
    assert.deepEqual(map.resolve("ebranch@-3"), ["d"]);
    throwsCode(() => map.resolve("ebranch@-5"), "RELATIVE_TOO_FAR");
    throwsCode(() => map.resolve("ebranch@+1"), "NO_CURRENT_HEADS");
  });

  it("lists history", () => {
    assert.deepEqual(history(map), [
      "c",
      "somelongername",
      "b",
      "a",
      "f",
      "someothername",
      "e",
      "d",
    ]);
    assert.deepEqual(history(map, "ebranch@base:"), ["f", "someothername", "e", "d"]);
    assert.deepEqual(history(map, "abranch@base:"), ["c", "somelongername", "b", "a"]);
    assert.deepEqual(history(map, ":ebranch@head"), ["f", "someothername", "e", "d"]);
    assert.deepEqual(history(map, "ebranch@head:"), ["f"]);
    assert.deepEqual(history(map, "ebranch@d:"), ["f", "someothername", "e", "d"]);
    assert.deepEqual(history(map, "e@base:"), ["f", "someothername", "e", "d"]);
    assert.deepEqual(history(map, "c@base:"), ["c", "somelongername", "b", "a"]);
    assert.deepEqual(history(map, "ebranch@-2:"), ["f", "someothername", "e"]);
    assert.deepEqual(history(map, ":ebranch@+2"), ["e", "d"]);
  });

  it("plans upgrades", () => {
    assert.deepEqual(up(map, [], "ebranch@head"), ["d", "e", "someothername", "f"]);
    assert.deepEqual(up(map, [], "heads"), [
      "d",
      "e",
      "someothername",
      "f",
      "a",
      "b",
      "somelongername",
      "c",
    ]);
    assert.deepEqual(up(map, ["a"], "ebranch@+2"), ["d", "e"]);
    throwsCode(() => up(map, ["c", "f"], "ebranch@+1"), "RELATIVE_TOO_FAR");
    assert.deepEqual(up(map, ["c", "e"], "ebranch@+1"), ["someothername"]);
    throwsCode(() => up(map, ["c", "e"], "+1"), "AMBIGUOUS_UPGRADE");
    throwsCode(() => up(map, ["c", "e"], "abranch@+1"), "RELATIVE_TOO_FAR");
    assert.deepEqual(up(map, [], "ebranch@+1"), ["d"]);
    assert.deepEqual(up(map, ["b"], "abranch@+1"), ["somelongername"]);
    assert.deepEqual(up(map, ["c", "someothername"], "ebranch@+1"), ["f"]);
  });

  it("plans downgrades", () => {
    assert.deepEqual(down(map, ["c", "f"], "ebranch@-1"), ["f"]);
    assert.deepEqual(down(map, ["c", "f"], "abranch@-2"), ["c", "somelongername"]);
    assert.deepEqual(down(map, ["c", "f"], "ebranch@base"), ["f", "someothername", "e", "d"]);
    assert.deepEqual(down(map, ["c", "f"], "abranch@base"), ["c", "somelongername", "b", "a"]);
    // Alembic 1.8 picks one of several rows for a bare -N (with a deprecation warning); retort asks.
    assert.throws(
      () => down(map, ["c", "f"], "-1"),
      /ambiguous: the database is at several revisions/,
    );
    assert.deepEqual(down(map, ["c", "f"], "base"), [
      "c",
      "somelongername",
      "b",
      "a",
      "f",
      "someothername",
      "e",
      "d",
    ]);
    assert.deepEqual(down(map, ["c", "f"], "ebranch@e"), ["f", "someothername"]);
    assert.deepEqual(down(map, ["c", "f"], "abranch@e"), ["f", "someothername"]);
    assert.deepEqual(down(map, ["c", "f"], "e"), ["f", "someothername"]);
    assert.deepEqual(down(map, ["c", "f"], "ebranch@f"), []);
  });
});
