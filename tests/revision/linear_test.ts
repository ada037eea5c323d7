import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  historyOrder,
  planDowngrade,
  planUpgrade,
  rangeForSql,
  updateHeads,
} from "../../src/revision/mod.ts";
import { RetortError } from "../../src/errors.ts";
import { mapOf, rev, steps, throwsCode } from "./_helpers.ts";

const chain = () =>
  mapOf(
    rev("a1b2c3d4"),
    rev("b2c3d4e5", "a1b2c3d4"),
    rev("c3d4e5f6", "b2c3d4e5"),
    rev("d4e5f6a7", "c3d4e5f6"),
  );

describe("linear history", () => {
  it("has one head and one base", () => {
    const map = chain();
    assert.deepEqual(map.heads, ["d4e5f6a7"]);
    assert.deepEqual(map.bases, ["a1b2c3d4"]);
    assert.deepEqual(map.resolvedHeads, ["d4e5f6a7"]);
    const b = map.get("b2c3d4e5");
    assert.deepEqual(b.downRevisions, ["a1b2c3d4"]);
    assert.deepEqual(b.nextRevisions, ["c3d4e5f6"]);
    assert.equal(b.order, 1);
    assert.equal(map.get("a1b2c3d4").isBase, true);
    assert.equal(map.get("d4e5f6a7").isHead, true);
    assert.equal(b.isBranchPoint || b.isMergePoint, false);
    assert.equal(map.has("b2c3d4e5"), true);
    assert.equal(map.has("b2c3"), false);
  });

  it("resolves head, base, ids, prefixes and relative steps", () => {
    const map = chain();
    assert.deepEqual(map.resolve("head"), ["d4e5f6a7"]);
    assert.deepEqual(map.resolve("heads"), ["d4e5f6a7"]);
    assert.deepEqual(map.resolve("base"), []);
    assert.deepEqual(map.resolve("c3d4e5f6"), ["c3d4e5f6"]);
    assert.deepEqual(map.resolve("c3d4"), ["c3d4e5f6"]);
    assert.deepEqual(map.resolve("c3"), ["c3d4e5f6"]);
    assert.deepEqual(map.resolve("head-1"), ["c3d4e5f6"]);
    assert.deepEqual(map.resolve("head-4"), []);
    assert.deepEqual(map.resolve("base+2"), ["b2c3d4e5"]);
    assert.deepEqual(map.resolve("b2c3+2"), ["d4e5f6a7"]);
    assert.deepEqual(map.resolve("-1"), ["c3d4e5f6"]);
    assert.deepEqual(map.resolve("+1", ["a1b2c3d4"]), ["b2c3d4e5"]);
    assert.deepEqual(map.resolve("+1", []), ["a1b2c3d4"]);
    assert.deepEqual(map.resolve("-2", ["c3d4e5f6"]), ["a1b2c3d4"]);
  });

  it("reports unknown, ambiguous and too-far identifiers", () => {
    const map = mapOf(rev("abcd1111"), rev("abcd2222", "abcd1111"));
    throwsCode(() => map.resolve("ffff"), "UNKNOWN_REVISION", /'ffff'/);
    throwsCode(() => map.resolve("zz"), "UNKNOWN_REVISION", /run `retort history`/);
    throwsCode(() => map.resolve("hed"), "UNKNOWN_REVISION", /'hed'; did you mean head\?$/);
    throwsCode(() => map.resolve("abcd1112"), "UNKNOWN_REVISION", /did you mean abcd1111\?/);
    throwsCode(() => map.resolve("abcd"), "AMBIGUOUS_REVISION", /abcd1111, abcd2222/);
    throwsCode(() => map.get("abcd"), "UNKNOWN_REVISION");
    throwsCode(() => map.resolve("head+1"), "RELATIVE_TOO_FAR");
    throwsCode(() => map.resolve("head-3"), "RELATIVE_TOO_FAR");
    throwsCode(() => map.resolve("+1"), "NO_CURRENT_HEADS");
    throwsCode(() => map.resolve("+3", ["abcd1111"]), "RELATIVE_TOO_FAR");
    assert.throws(
      () => map.resolve("nope"),
      (e: unknown) => e instanceof RetortError && e.exitCode === 1,
    );
  });

  it("plans upgrades", () => {
    const map = chain();
    assert.deepEqual(steps(planUpgrade(map, [], "head")), [
      "+a1b2c3d4",
      "+b2c3d4e5",
      "+c3d4e5f6",
      "+d4e5f6a7",
    ]);
    assert.deepEqual(steps(planUpgrade(map, ["b2c3d4e5"], "heads")), ["+c3d4e5f6", "+d4e5f6a7"]);
    assert.deepEqual(steps(planUpgrade(map, ["b2c3d4e5"], "+1")), ["+c3d4e5f6"]);
    assert.deepEqual(steps(planUpgrade(map, [], "+2")), ["+a1b2c3d4", "+b2c3d4e5"]);
    assert.deepEqual(steps(planUpgrade(map, ["b2c3d4e5"], "c3d4")), ["+c3d4e5f6"]);
    assert.deepEqual(planUpgrade(map, ["d4e5f6a7"], "head"), []);
    assert.deepEqual(planUpgrade(map, ["d4e5f6a7"], "b2c3d4e5"), []);
    throwsCode(() => planUpgrade(map, ["c3d4e5f6"], "+2"), "RELATIVE_TOO_FAR");
    throwsCode(() => planUpgrade(map, ["c3d4e5f6"], "-1"), "INVALID_RELATIVE");
    throwsCode(() => planUpgrade(map, ["zzzzzzzz"], "head"), "UNKNOWN_REVISION", /zzzzzzzz/);
  });

  it("plans downgrades", () => {
    const map = chain();
    assert.deepEqual(steps(planDowngrade(map, ["d4e5f6a7"], "base")), [
      "-d4e5f6a7",
      "-c3d4e5f6",
      "-b2c3d4e5",
      "-a1b2c3d4",
    ]);
    assert.deepEqual(steps(planDowngrade(map, ["d4e5f6a7"], "-1")), ["-d4e5f6a7"]);
    assert.deepEqual(steps(planDowngrade(map, ["d4e5f6a7"], "-2")), ["-d4e5f6a7", "-c3d4e5f6"]);
    assert.deepEqual(steps(planDowngrade(map, ["d4e5f6a7"], "b2c3")), ["-d4e5f6a7", "-c3d4e5f6"]);
    assert.deepEqual(steps(planDowngrade(map, ["c3d4e5f6"], "head-2")), ["-c3d4e5f6"]);
    assert.deepEqual(planDowngrade(map, ["b2c3d4e5"], "b2c3d4e5"), []);
    assert.deepEqual(planDowngrade(map, [], "base"), []);
    throwsCode(() => planDowngrade(map, ["b2c3d4e5"], "-3"), "RELATIVE_TOO_FAR");
    throwsCode(() => planDowngrade(map, [], "-1"), "RELATIVE_TOO_FAR");
    throwsCode(() => planDowngrade(map, ["b2c3d4e5"], "+1"), "INVALID_RELATIVE");
    throwsCode(() => planDowngrade(map, ["b2c3d4e5"], "d4e5"), "INVALID_DOWNGRADE_TARGET", /d4e5/);
  });

  it("keeps one version row along a line", () => {
    const map = chain();
    let heads: string[] = [];
    const changes = [];
    for (const step of planUpgrade(map, heads, "head")) {
      const r = updateHeads(map, heads, step);
      heads = r.heads;
      changes.push(...r.changes);
    }
    assert.deepEqual(heads, ["d4e5f6a7"]);
    assert.deepEqual(changes, [
      { kind: "insert", revision: "a1b2c3d4" },
      { kind: "update", from: "a1b2c3d4", to: "b2c3d4e5" },
      { kind: "update", from: "b2c3d4e5", to: "c3d4e5f6" },
      { kind: "update", from: "c3d4e5f6", to: "d4e5f6a7" },
    ]);
    for (const step of planDowngrade(map, heads, "base")) {
      heads = updateHeads(map, heads, step).heads;
    }
    assert.deepEqual(heads, []);
    assert.deepEqual(
      updateHeads(map, ["a1b2c3d4"], { revision: "a1b2c3d4", direction: "downgrade" }).changes,
      [
        { kind: "delete", revision: "a1b2c3d4" },
      ],
    );
    throwsCode(
      () => updateHeads(map, ["a1b2c3d4"], { revision: "c3d4e5f6", direction: "downgrade" }),
      "VERSION_TABLE_MISMATCH",
    );
  });

  it("lists history newest first, with ranges", () => {
    const map = chain();
    const ids = (r: { revision: string }[]) => r.map((x) => x.revision);
    assert.deepEqual(ids(historyOrder(map)), ["d4e5f6a7", "c3d4e5f6", "b2c3d4e5", "a1b2c3d4"]);
    assert.deepEqual(ids(historyOrder(map, "b2c3:")), ["d4e5f6a7", "c3d4e5f6", "b2c3d4e5"]);
    assert.deepEqual(ids(historyOrder(map, ":b2c3")), ["b2c3d4e5", "a1b2c3d4"]);
    assert.deepEqual(ids(historyOrder(map, "b2c3:c3d4")), ["c3d4e5f6", "b2c3d4e5"]);
    assert.deepEqual(ids(historyOrder(map, "-2:")), ["d4e5f6a7", "c3d4e5f6", "b2c3d4e5"]);
    assert.deepEqual(ids(historyOrder(map, "current:", ["c3d4e5f6"])), ["d4e5f6a7", "c3d4e5f6"]);
    assert.deepEqual(ids(historyOrder(map, ":current", ["b2c3d4e5"])), ["b2c3d4e5", "a1b2c3d4"]);
    assert.deepEqual(ids(historyOrder(map, "current:", [])), ids(historyOrder(map)));
    throwsCode(() => historyOrder(map, "c3d4:b2c3"), "RANGE_NOT_ANCESTOR");
    throwsCode(() => historyOrder(map, "b2c3"), "INVALID_RANGE");
    throwsCode(() => historyOrder(map, "current:"), "NO_CURRENT_HEADS");
  });

  it("reads --sql ranges", () => {
    const map = chain();
    assert.deepEqual(rangeForSql(map, "b2c3:head"), { from: ["b2c3d4e5"], to: "head" });
    assert.deepEqual(rangeForSql(map, "base:c3d4"), { from: [], to: "c3d4" });
    assert.deepEqual(rangeForSql(map, ":head"), { from: [], to: "head" });
    throwsCode(() => rangeForSql(map, "head"), "INVALID_RANGE");
    throwsCode(() => rangeForSql(map, "b2c3:"), "INVALID_RANGE");
  });

  it("handles an empty map", () => {
    const map = mapOf();
    assert.deepEqual(map.heads, []);
    assert.deepEqual(map.resolve("head"), []);
    assert.deepEqual(planUpgrade(map, [], "head"), []);
    assert.deepEqual(planDowngrade(map, [], "base"), []);
    assert.deepEqual(historyOrder(map), []);
  });
});
