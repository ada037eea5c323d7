// Building a map rejects broken graphs with one-line errors that name the culprit: loops and
// cycles at every position (through down revisions and through dependencies), duplicates,
// missing parents, bad labels.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { RevisionMap } from "../../src/revision/mod.ts";
import { history, mapOf, rev, throwsCode } from "./_helpers.ts";

const build = (...sources: Parameters<typeof mapOf>) => () => mapOf(...sources);

describe("self-loops", () => {
  it("a revision that is its own down revision, wherever it sits", () => {
    throwsCode(build(rev("a", "a")), "CYCLE", /revision a names itself/);
    throwsCode(build(rev("a", "a"), rev("b", "a"), rev("c", "b")), "CYCLE", /revision a /);
    throwsCode(build(rev("a"), rev("b", "a"), rev("c", ["b", "c"])), "CYCLE", /revision c /);
    throwsCode(
      build(rev("a"), rev("b", ["a", "b"]), rev("c1", "b"), rev("c2", "b")),
      "CYCLE",
      /revision b /,
    );
    throwsCode(
      build(rev("a"), rev("b1", "a"), rev("b2", "a"), rev("c", ["b1", "b2", "c"])),
      "CYCLE",
      /revision c /,
    );
  });

  it("a revision that depends on itself, wherever it sits", () => {
    throwsCode(build(rev("a", null, { deps: ["a"] })), "CYCLE", /a depends on itself/);
    throwsCode(
      build(rev("a", null, { deps: ["a"] }), rev("b", "a"), rev("c", "b")),
      "CYCLE",
      /a depends on itself/,
    );
    throwsCode(
      build(rev("a"), rev("b", "a"), rev("c", "b", { deps: ["c"] })),
      "CYCLE",
      /c depends on itself/,
    );
    throwsCode(
      build(rev("a"), rev("b", "a", { deps: ["b"] }), rev("c1", "b"), rev("c2", "b")),
      "CYCLE",
      /b depends on itself/,
    );
    throwsCode(
      build(rev("a"), rev("b1", "a"), rev("b2", "a"), rev("c", ["b1", "b2"], { deps: ["c"] })),
      "CYCLE",
      /c depends on itself/,
    );
  });

  it("a dependency that reaches the revision itself through its own label", () => {
    throwsCode(
      build(rev("a"), rev("b", "a", { labels: ["mine"], deps: ["mine"] })),
      "CYCLE",
      /through 'mine'/,
    );
  });

  it("ids that only share a prefix are not loops", () => {
    assert.deepEqual(history(mapOf(rev("user_foo"), rev("user", "user_foo"))), [
      "user",
      "user_foo",
    ]);
    assert.deepEqual(history(mapOf(rev("user_foo"), rev("user", null, { deps: ["user_foo"] }))), [
      "user",
      "user_foo",
    ]);
    const both = mapOf(rev("user_foo"), rev("user", "user_foo", { deps: ["user_foo"] }));
    assert.deepEqual(history(both), ["user", "user_foo"]);
    assert.deepEqual(both.get("user").dependsOn, ["user_foo"]);
  });
});

describe("cycles", () => {
  const loopOf = (err: unknown) =>
    (err as Error).message.match(/revisions (.*?) form/)![1].split(" -> ").sort();

  const cycleMembers = (fn: () => unknown): string[] => {
    try {
      fn();
    } catch (err) {
      return loopOf(err);
    }
    throw new Error("no error");
  };

  it("through down revisions: names exactly the revisions in the loop", () => {
    const simple = build(rev("a", "c"), rev("b", "a"), rev("c", "b"));
    throwsCode(simple, "CYCLE", /cycle through their down revisions/);
    assert.deepEqual(cycleMembers(simple), ["a", "b", "c"]);
    // with an unrelated line beside it
    assert.deepEqual(
      cycleMembers(build(rev("a", "c"), rev("b", "a"), rev("c", "b"), rev("d"), rev("e", "d"))),
      ["a", "b", "c"],
    );
    // with revisions hanging above the loop (not part of it)
    assert.deepEqual(
      cycleMembers(
        build(rev("a", "c"), rev("b", "a"), rev("c", "b"), rev("d", "c"), rev("e", "d")),
      ),
      ["a", "b", "c"],
    );
    // in the upper part of a history, closed by a merge
    assert.deepEqual(
      cycleMembers(
        build(rev("a"), rev("b", "a"), rev("c", ["b", "e"]), rev("d", "c"), rev("e", "d")),
      ),
      ["c", "d", "e"],
    );
  });

  it("through dependencies", () => {
    const simple = build(rev("a", null, { deps: ["c"] }), rev("b", "a"), rev("c", "b"));
    throwsCode(simple, "CYCLE", /dependency cycle/);
    assert.deepEqual(cycleMembers(simple), ["a", "b", "c"]);
    assert.deepEqual(
      cycleMembers(
        build(
          rev("a", null, { deps: ["c"] }),
          rev("b", "a"),
          rev("c", "b"),
          rev("d"),
          rev("e", "d"),
        ),
      ),
      ["a", "b", "c"],
    );
    assert.deepEqual(
      cycleMembers(
        build(
          rev("a", null, { deps: ["c"] }),
          rev("b", "a"),
          rev("c", "b"),
          rev("d", "c"),
          rev("e", "d"),
        ),
      ),
      ["a", "b", "c"],
    );
    const upper = build(
      rev("a"),
      rev("b", "a"),
      rev("c", "b", { deps: ["e"] }),
      rev("d", "c"),
      rev("e", "d"),
    );
    throwsCode(upper, "CYCLE", /dependency cycle/);
    assert.deepEqual(cycleMembers(upper), ["c", "d", "e"]);
  });

  it("names the file of a revision in the loop", () => {
    throwsCode(
      build(
        rev("a", "b", { path: "versions/a_first.ts" }),
        rev("b", "a", { path: "versions/b_second.ts" }),
      ),
      "CYCLE",
      /versions\/[ab]_/,
    );
  });
});

describe("other invalid graphs", () => {
  it("a missing down revision or dependency, naming the file", () => {
    throwsCode(
      build(rev("a"), rev("b", "zzz", { path: "versions/b_add.ts" })),
      "MISSING_PARENT",
      /revision b \(versions\/b_add\.ts\) has down revision 'zzz'/,
    );
    throwsCode(
      build(rev("a"), rev("b", "a", { deps: ["nope"], path: "versions/b.ts" })),
      "MISSING_PARENT",
      /b \(versions\/b\.ts\) depends on 'nope'/,
    );
  });

  it("a revision id used twice", () => {
    throwsCode(
      build(rev("a", null, { path: "one.ts" }), rev("a", null, { path: "two.ts" })),
      "DUPLICATE_REVISION",
      /'a' is defined twice \(one\.ts\) \(two\.ts\)/,
    );
  });

  it("a branch label used twice, or equal to a revision id", () => {
    throwsCode(
      build(
        rev("a"),
        rev("b", "a"),
        rev("c", "b", { labels: ["xy1"] }),
        rev("d"),
        rev("e", "d", { labels: ["xy1"] }),
      ),
      "DUPLICATE_BRANCH_LABEL",
      /branch label 'xy1' of revision e is already used by revision c/,
    );
    throwsCode(build(rev("a"), rev("b", "a", { labels: ["a"] })), "DUPLICATE_BRANCH_LABEL");
  });

  it("ids and labels that the identifier syntax could not express", () => {
    for (const bad of ["a-b", "a+b", "a@b", "a:b", "a b", ""]) {
      throwsCode(build(rev(bad)), "INVALID_REVISION_ID");
    }
    for (const bad of ["x@y", "x:y", "head", "heads", "base", ""]) {
      throwsCode(build(rev("a", null, { labels: [bad] })), "INVALID_BRANCH_LABEL");
    }
  });

  it("dependencies may name an id, a unique prefix or a branch label", () => {
    const map = mapOf(
      rev("aaaa1111", null, { labels: ["lib"] }),
      rev("bbbb2222", "aaaa1111"),
      rev("cccc3333", null, { deps: ["lib"] }),
      rev("dddd4444", "cccc3333", { deps: ["bbbb"] }),
    );
    assert.deepEqual(map.get("cccc3333").dependsOn, ["aaaa1111"]);
    assert.deepEqual(map.get("dddd4444").dependsOn, ["bbbb2222"]);
  });

  it("accepts an empty map", () => {
    const map = new RevisionMap([]);
    assert.deepEqual([map.heads, map.bases, map.revisions], [[], [], []]);
  });
});
