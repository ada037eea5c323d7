/**
 * Reading upgrade and downgrade targets, absolute or relative (`+N`, `-N`, `REV+N`, `label@-N`),
 * as Alembic's `_parse_upgrade_target` and `_parse_downgrade_target` do.
 */
import { ancestors, type Graph, NOTHING } from "./_graph.ts";
import { allCurrent, filterForLineage, getRevision, getRevisions } from "./_lookup.ts";
import { walk } from "./_walk.ts";
import { RevisionError } from "./revision_error.ts";

const RELATIVE = /^(?:(.+?)@)?([\p{L}\p{N}_]+)?([+-]\d+)$/u;

/** A relative identifier split into its parts, or null when it is not relative. */
export function parseRelative(
  target: string,
): { branch: string | null; symbol: string | null; steps: number } | null {
  const m = RELATIVE.exec(target);
  if (!m) return null;
  return { branch: m[1] ?? null, symbol: m[2] ?? null, steps: parseInt(m[3], 10) };
}

function tooFar(target: string, steps: number): RevisionError {
  return new RevisionError(
    "RELATIVE_TOO_FAR",
    `'${target}' walks past the end of the history: there are fewer than ${
      Math.abs(steps)
    } revisions that way; run \`retort history\` and pick a closer target`,
  );
}

/** The revisions an upgrade goes to (may hold BASE or NOTHING for odd relative targets). */
export function parseUpgradeTarget(
  g: Graph,
  current: readonly number[],
  target: string | readonly number[],
  assertRelativeLength: boolean,
): number[] {
  if (typeof target !== "string") return [...target];
  const rel = parseRelative(target);
  if (!rel) return getRevisions(g, target);
  const { branch, symbol, steps } = rel;
  if (steps > 0) {
    if (symbol !== null) {
      return [walk(g, getRevision(g, symbol), steps, branch, assertRelativeLength, target)];
    }
    let starts: number[] = current.length ? [...current] : [NOTHING];
    if (branch) {
      starts = filterForLineage(g, current, branch);
      if (!starts.length) {
        // The branch has no current head: start from the highest applied revision on it.
        const applied = ancestors(g, current);
        const active = filterForLineage(g, indexesOf(applied), branch);
        const below = new Uint8Array(g.ids.length);
        for (const a of active) for (const p of g.down[a]) below[p] = 1;
        starts = active.filter((a) => !below[a]);
        if (!starts.length) starts = [NOTHING];
      }
    }
    if (starts.length > 1) {
      throw new RevisionError(
        "AMBIGUOUS_UPGRADE",
        `'${target}' is ambiguous: the database is at several heads (${
          starts.map((s) => g.ids[s]).join(", ")
        }); use 'LABEL@${target}' or an absolute target`,
      );
    }
    const rev = walk(g, starts[0], steps, branch, assertRelativeLength, target);
    if (rev === NOTHING) throw tooFar(target, steps);
    return [rev];
  }
  if (symbol === null) {
    throw new RevisionError(
      "INVALID_RELATIVE",
      `upgrade cannot go to '${target}'; use \`retort downgrade ${target}\` to go back`,
    );
  }
  const start = getRevision(g, branch === null ? symbol : `${branch}@${symbol}`);
  return [walk(g, start, steps, null, assertRelativeLength, target)];
}

/** The revision a downgrade goes to (NOTHING or BASE for base) and the branch it is limited to. */
export function parseDowngradeTarget(
  g: Graph,
  current: readonly number[],
  target: string | null,
  assertRelativeLength: boolean,
): { branch: string | null; rev: number } {
  if (target === null) return { branch: null, rev: NOTHING };
  const rel = parseRelative(target);
  if (rel) {
    const { branch, symbol, steps } = rel;
    if (steps >= 0) {
      if (symbol === null) {
        throw new RevisionError(
          "INVALID_RELATIVE",
          `downgrade cannot go to '${target}'; use \`retort upgrade ${target}\` to go forward`,
        );
      }
      const rev = walk(g, getRevision(g, symbol), steps, branch, assertRelativeLength, target);
      if (rev === NOTHING) throw tooFar(target, steps);
      return { branch, rev };
    }
    let start: number;
    let limitTo = branch;
    if (symbol !== null) {
      start = getRevision(g, branch === null ? symbol : `${branch}@${symbol}`);
    } else if (branch) {
      let onBranch = filterForLineage(g, current, branch);
      if (!onBranch.length) onBranch = filterForLineage(g, allCurrent(g, current), branch);
      if (onBranch.length !== 1) {
        throw new RevisionError(
          onBranch.length ? "AMBIGUOUS_WALK" : "INVALID_DOWNGRADE_TARGET",
          onBranch.length
            ? `'${target}' is ambiguous: the database has several revisions on branch '${branch}' (${
              onBranch.map((s) => g.ids[s]).join(", ")
            }); give a revision id instead`
            : `'${target}' has nothing to downgrade: no applied revision is on branch '${branch}'; run \`retort current\``,
        );
      }
      start = onBranch[0];
    } else {
      if (!current.length) throw tooFar(target, steps);
      if (current.length > 1) {
        // Alembic 1.8 picks a row here with a deprecation warning; the pick depends on row order.
        const heads = current.map((c) => g.ids[c]);
        throw new RevisionError(
          "AMBIGUOUS_WALK",
          `'${target}' is ambiguous: the database is at several revisions (${heads.join(", ")}); ` +
            `name one, e.g. \`${heads[0]}${target}\`, or a branch: \`LABEL@${target}\``,
        );
      }
      start = current[0];
      limitTo = g.ids[start];
    }
    const rev = walk(g, start, steps, null, assertRelativeLength, target);
    if (rev === NOTHING) throw tooFar(target, steps);
    return { branch: limitTo, rev };
  }
  const at = target.lastIndexOf("@");
  const branch = at > 0 ? target.slice(0, at) : null;
  return { branch, rev: getRevision(g, target.slice(at + 1)) };
}

/** The indexes set in a mark array. */
export function indexesOf(marks: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < marks.length; i++) if (marks[i]) out.push(i);
  return out;
}
