// A large irregular history (300 revisions: several bases, branch points, two- and three-way
// merges, labels, cross-branch dependencies) with Alembic's answers pinned, and a 10,000-revision
// branchy history that must simply work.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  historyOrder,
  planDowngrade,
  planUpgrade,
  RevisionMap,
  type RevisionSource,
} from "../../src/revision/mod.ts";
import { largeMap } from "./_large_map.ts";
import * as expected from "./_large_map_expected.ts";
import { down, history, ids, rowsAfter, up } from "./_helpers.ts";

describe("a 300-revision irregular history", () => {
  const sources = largeMap(300, 2026);
  const map = new RevisionMap(sources);
  const id = (i: number) => sources[i].revision;

  it("has Alembic's heads and bases", () => {
    assert.deepEqual(map.heads, expected.heads);
    assert.deepEqual(map.resolvedHeads, expected.resolvedHeads);
    assert.deepEqual(map.bases, expected.bases);
  });

  it("lists history in Alembic's order", () => {
    assert.deepEqual(history(map), expected.history);
    assert.deepEqual(history(map, `${id(40)}:`), expected.historyFrom40);
    assert.deepEqual(history(map, `:${id(150)}`), expected.historyTo150);
    assert.deepEqual(history(map, "branch0@base:"), expected.historyBranch0);
  });

  it("plans upgrades and downgrades in Alembic's order", () => {
    assert.deepEqual(up(map, [], "heads"), expected.upgradeAll);
    assert.deepEqual(up(map, [], id(200)), expected.upgradeTo200);
    const all = [...map.resolvedHeads];
    assert.deepEqual(down(map, all, id(60)), expected.downgradeTo60);
    assert.deepEqual(down(map, all, "base"), expected.downgradeAll);
    assert.deepEqual(down(map, all, "branch2@base"), expected.downgradeBranch2);
  });

  it("orders history newest first: every revision after all of its descendants", () => {
    const order = history(map);
    assert.equal(new Set(order).size, sources.length);
    const position = new Map(order.map((r, i) => [r, i]));
    for (const r of map.revisions) {
      for (const p of [...r.downRevisions, ...r.dependsOn]) {
        assert.ok(position.get(p)! > position.get(r.revision)!, `${p} listed after ${r.revision}`);
      }
    }
  });

  it("round-trips the version table through a full upgrade and downgrade", () => {
    const rows = rowsAfter(map, [], planUpgrade(map, [], "heads"));
    assert.deepEqual(rows, [...map.resolvedHeads].sort());
    assert.deepEqual(map.currentRevisions(rows), map.heads);
    assert.deepEqual(rowsAfter(map, rows, planDowngrade(map, rows, "base")), []);
  });
});

describe("a 10,000-revision branchy history", () => {
  // A main line with a side branch forked every 300 revisions and merged back 120 later, and
  // two labelled long-lived branches that stay heads.
  function branchy(n: number): RevisionSource[] {
    const out: RevisionSource[] = [];
    const add = (down: string[], labels: string[] = []) => {
      const revision = `r${out.length.toString(16).padStart(5, "0")}`;
      out.push({ revision, downRevisions: down, branchLabels: labels, dependsOn: [] });
      return revision;
    };
    let main = add([]);
    let side: { tip: string; length: number } | null = null;
    const long: string[] = [];
    while (out.length < n) {
      const i = out.length;
      if (long.length < 2 && i >= n * (0.25 + 0.35 * long.length)) {
        long.push(add([main], [`feature${long.length}`]));
      } else if (long.length && i % 10 === 0) {
        long[(i / 10) % long.length] = add([long[(i / 10) % long.length]]);
      } else if (!side && i % 300 === 150) side = { tip: add([main]), length: 1 };
      else if (side && side.length >= 120) {
        main = add([main, side.tip]);
        side = null;
      } else if (side && i % 2 === 0) side = { tip: add([side.tip]), length: side.length + 1 };
      else main = add([main]);
    }
    return out;
  }

  it("builds, resolves, plans and lists history", () => {
    const sources = branchy(10_000);
    const map = new RevisionMap(sources);
    assert.equal(map.revisions.length, 10_000);
    assert.equal(map.heads.length, 3);
    assert.deepEqual(map.bases, ["r00000"]);
    assert.deepEqual(map.currentRevisions(map.heads), map.heads);
    assert.equal(historyOrder(map).length, 10_000);
    assert.equal(ids(planUpgrade(map, [], "heads")).length, 10_000);
    assert.equal(ids(planUpgrade(map, [], "feature1@head")).length < 10_000, true);
    assert.equal(planDowngrade(map, [...map.heads], "feature0@base").length > 0, true);
    assert.deepEqual(map.resolve("feature0@head").length, 1);
  });
});
