// The plan a run follows when other runs move the heads: along its plan costs nothing, away
// from it is allowed a few times, and then the run stops instead of chasing the other runs.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { planDowngrade, planUpgrade } from "../../src/revision/plan.ts";
import { RevisionMap } from "../../src/revision/revision_map.ts";
import { maxReplans, Planner } from "../../src/runtime/planner.ts";
import { RetortError } from "../../src/errors.ts";

const map = new RevisionMap(
  ["r1", "r2", "r3", "r4"].map((revision, i) => ({
    revision,
    downRevisions: i === 0 ? [] : [`r${i}`],
    branchLabels: [],
    dependsOn: [],
  })),
);
const up = () => new Planner((heads) => planUpgrade(map, heads, "head"), false);

describe("Planner", () => {
  it("keeps its plan while nobody else moves the heads", () => {
    const planner = up();
    assert.deepEqual(planner.stepsFrom([]).map((s) => s.revision), ["r1", "r2", "r3", "r4"]);
    planner.ran(1, ["r1"]);
    assert.deepEqual(planner.stepsFrom(["r1"]).map((s) => s.revision), ["r2", "r3", "r4"]);
  });

  it("follows another run's progress along its plan as often as it happens", () => {
    const planner = up();
    planner.stepsFrom([]);
    for (const at of ["r1", "r2", "r3"]) planner.stepsFrom([at]);
    assert.deepEqual(planner.stepsFrom(["r4"]), []);
    assert.equal(planner.finished, true);
  });

  it(`plans again ${maxReplans} times for moves away from its plan, then stops with CONCURRENT_CHANGE`, () => {
    const planner = up();
    planner.stepsFrom([]);
    planner.ran(2, ["r2"]);
    // Downgrades take it back to base, upgrades along this run's plan to r3, and again...
    for (let away = 1; away <= maxReplans; away++) {
      planner.stepsFrom([]);
      planner.stepsFrom(["r3"]);
    }
    assert.throws(
      () => planner.stepsFrom([]),
      (error: unknown) =>
        error instanceof RetortError && error.code === "CONCURRENT_CHANGE" &&
        error.message ===
          `another retort run changed the database ${maxReplans + 1} times while this one ran; ` +
            "the database is at <base>; run the command again",
    );
  });

  it("a downgrade counts upgrades the same way, and names the heads it found", () => {
    const planner = new Planner((heads) => planDowngrade(map, heads, "base"), false);
    planner.stepsFrom(["r4"]);
    planner.ran(2, ["r2"]);
    for (let away = 1; away <= maxReplans; away++) {
      planner.stepsFrom(["r4"]);
      planner.stepsFrom(["r2"]);
    }
    assert.throws(() => planner.stepsFrom(["r4"]), /changed the database 4 times .*at r4;/);
  });
});
