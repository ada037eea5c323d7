/** Small builders for revision-graph tests. */
import assert from "node:assert/strict";
import {
  historyOrder,
  type MigrationStep,
  planDowngrade,
  planStamp,
  planUpgrade,
  RevisionError,
  RevisionMap,
  type RevisionSource,
  updateHeads,
} from "../../src/revision/mod.ts";

/** One source: `rev("b", "a")`, `rev("m", ["b1", "b2"])`, `rev("c", "b", { labels: ["x"] })`. */
export function rev(
  revision: string,
  down: string | string[] | null = null,
  opts: { labels?: string[]; deps?: string[]; path?: string } = {},
): RevisionSource {
  return {
    revision,
    downRevisions: down === null ? [] : typeof down === "string" ? [down] : down,
    branchLabels: opts.labels ?? [],
    dependsOn: opts.deps ?? [],
    ...(opts.path ? { path: opts.path } : {}),
  };
}

/** A map from sources. */
export function mapOf(...sources: RevisionSource[]): RevisionMap {
  return new RevisionMap(sources);
}

/** Assert that `fn` throws a RevisionError with this code (and message matching `message`). */
export function throwsCode(fn: () => unknown, code: string, message?: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof RevisionError, `expected RevisionError, got ${err}`);
    assert.equal(err.code, code, err.message);
    assert.equal(err.exitCode, 1);
    assert.ok(!err.message.includes("\n"), "message is one line");
    if (message) assert.match(err.message, message);
    return true;
  });
}

/** Step ids with a direction prefix: "+a" upgrade, "-a" downgrade. */
export function steps(list: { revision: string; direction: string }[]): string[] {
  return list.map((s) => (s.direction === "upgrade" ? "+" : "-") + s.revision);
}

/** Revision ids of a list of revisions. */
export function ids(revs: readonly { revision: string }[]): string[] {
  return revs.map((r) => r.revision);
}

/** `historyOrder` as ids; `range` as typed after `-r`. */
export function history(map: RevisionMap, range?: string, current?: string[]): string[] {
  return ids(historyOrder(map, range, current));
}

/** The revisions `upgrade target` runs from `current`, in order. */
export function up(map: RevisionMap, current: string[], target: string): string[] {
  return ids(planUpgrade(map, current, target));
}

/** The revisions `downgrade target` runs from `current`, in order. */
export function down(map: RevisionMap, current: string[], target: string): string[] {
  return ids(planDowngrade(map, current, target));
}

/**
 * Run steps written as "+a +b -b" through `updateHeads`: the rows at the end (sorted) and
 * every change as "insert a", "update a>b" or "delete a".
 */
export function apply(
  map: RevisionMap,
  heads: string[],
  steps: string,
): { rows: string[]; changes: string[] } {
  const changes: string[] = [];
  for (const s of steps.split(/\s+/).filter(Boolean)) {
    const r = updateHeads(map, heads, {
      revision: s.slice(1),
      direction: s[0] === "+" ? "upgrade" : "downgrade",
    });
    heads = r.heads;
    for (const c of r.changes) {
      changes.push(c.kind === "update" ? `update ${c.from}>${c.to}` : `${c.kind} ${c.revision}`);
    }
  }
  return { rows: [...heads].sort(), changes };
}

/** Run a whole plan through `updateHeads`: the rows at the end, sorted. */
export function rowsAfter(
  map: RevisionMap,
  heads: string[],
  plan: readonly MigrationStep[],
): string[] {
  for (const step of plan) heads = updateHeads(map, heads, step).heads;
  return [...heads].sort();
}

/** `planStamp`, sorted. */
export function stamp(
  map: RevisionMap,
  current: string[],
  targets: string[],
  purge = false,
): string[] {
  return planStamp(map, current, targets, purge).sort();
}

/** Every label naming each of `revs`, sorted. */
export function labelsOf(map: RevisionMap, revs: string[]): Record<string, string[]> {
  return Object.fromEntries(revs.map((r) => [r, [...map.get(r).allBranchLabels].sort()]));
}
