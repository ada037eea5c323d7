/** Small builders for revision-graph tests. */
import assert from "node:assert/strict";
import { RevisionError, RevisionMap, type RevisionSource } from "../../src/revision/mod.ts";

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
