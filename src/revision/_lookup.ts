/**
 * Resolving revision identifiers to revisions, following Alembic's RevisionMap lookups:
 * `head`, `heads`, `base`, ids, unique prefixes, branch labels, `label@...`, and `-N` from heads.
 */
import { closest } from "./_suggest.ts";
import {
  ancestors,
  BASE,
  descendants,
  type Graph,
  keyToIndex,
  lineage,
  NOTHING,
  prefixMatches,
} from "./_graph.ts";
import { RevisionError } from "./revision_error.ts";
import { walk } from "./_walk.ts";

export { BASE, NOTHING };

const INTEGER = /^\s*[+-]?\d+\s*$/;

/** An identifier split into its branch part and either resolved revisions or a raw symbol. */
export interface ResolvedNumber {
  branch: string | null;
  revs: number[] | null;
  raw: string;
}

/** Alembic's `_resolve_revision_number`: `label@` split off, `head`/`heads`/`base` expanded. */
export function resolveNumber(g: Graph, id: string): ResolvedNumber {
  let branch: string | null = null;
  let raw = id;
  const at = id.indexOf("@");
  if (at >= 0) {
    branch = id.slice(0, at);
    raw = id.slice(at + 1);
  }
  if (raw === "heads") {
    return { branch, raw, revs: branch ? filterForLineage(g, g.heads, branch) : [...g.realHeads] };
  }
  if (raw === "head") {
    const head = currentHead(g, branch);
    return { branch, raw, revs: head === null ? [] : [head] };
  }
  if (raw === "base") return { branch, raw, revs: [] };
  return { branch, raw, revs: null };
}

/** The single versioned head (of a branch); throws MULTIPLE_HEADS when there are several. */
export function currentHead(g: Graph, branch: string | null): number | null {
  const heads = branch ? filterForLineage(g, g.heads, branch) : g.heads;
  if (heads.length > 1) throw multipleHeads(g, branch ? `${branch}@head` : "head", heads);
  return heads[0] ?? null;
}

/** The error for an identifier that names several heads. */
export function multipleHeads(g: Graph, arg: string, heads: readonly number[]): RevisionError {
  return new RevisionError(
    "MULTIPLE_HEADS",
    `'${arg}' matches several heads (${
      heads.map((h) => g.ids[h]).join(", ")
    }); use 'heads' for all of them, or 'LABEL@head' or a revision id for one`,
  );
}

/** Alembic's `get_revisions`: every revision an identifier names (may hold BASE or NOTHING). */
export function getRevisions(g: Graph, id: string): number[] {
  const r = resolveNumber(g, id);
  if (r.revs) return r.revs;
  if (INTEGER.test(r.raw)) {
    const steps = parseInt(r.raw, 10);
    if (steps < 0) {
      const heads = r.branch
        ? g.realHeads.filter((h) => g.labelsOf(h).includes(r.branch!))
        : g.realHeads;
      return heads.map((h) => walk(g, h, steps, null, true, id));
    }
  }
  return [forIdent(g, r.raw, r.branch)];
}

/** Alembic's `get_revision`: one revision, or NOTHING for `base`. */
export function getRevision(g: Graph, id: string): number {
  const r = resolveNumber(g, id);
  if (r.revs) {
    if (r.revs.length > 1) throw multipleHeads(g, id, r.revs);
    return r.revs[0] ?? NOTHING;
  }
  return forIdent(g, r.raw, r.branch);
}

/** The revision a branch part (`label@`) stands for: the labelled revision, or any identifier. */
export function resolveBranch(g: Graph, branch: string): number {
  const owner = g.labelOwner.get(branch);
  if (owner !== undefined) return owner;
  try {
    return forIdent(g, branch, null);
  } catch (cause) {
    if (cause instanceof RevisionError && cause.code === "AMBIGUOUS_REVISION") throw cause;
    throw new RevisionError(
      "UNKNOWN_BRANCH",
      `no branch '${branch}'; run \`retort branches\` or \`retort heads -v\` to see branch labels`,
      { cause },
    );
  }
}

/** Alembic's `_revision_for_ident`: an exact key, else a unique prefix; checked against a branch. */
export function forIdent(g: Graph, symbol: string, branch: string | null): number {
  const branchRev = branch ? resolveBranch(g, branch) : null;
  let rev = keyToIndex(g, symbol);
  if (rev === undefined) {
    let found = [...new Set(prefixMatches(g.prefixKeys(), symbol).map((k) => keyToIndex(g, k)!))];
    if (branchRev !== null) {
      const inLine = lineage(g, [branchRev], true);
      found = found.filter((i) => inLine[i]);
    }
    if (found.length === 0) throw unknownRevision(g, symbol);
    if (found.length > 1) {
      const shown = found.slice(0, 3).map((i) => g.ids[i]).join(", ");
      throw new RevisionError(
        "AMBIGUOUS_REVISION",
        `'${symbol}' matches several revisions (${shown}${
          found.length > 3 ? ", ..." : ""
        }); type more characters of the id`,
      );
    }
    rev = found[0];
  }
  if (branchRev !== null && !sharesLineage(g, rev, branchRev)) {
    throw new RevisionError(
      "REVISION_NOT_IN_BRANCH",
      `revision ${
        g.ids[rev]
      } is not on branch '${branch}'; drop '${branch}@' or name a revision of that branch`,
    );
  }
  return rev;
}

/** Whether `a` is an ancestor or descendant of `b` (or `b` itself). */
export function sharesLineage(g: Graph, a: number, b: number, includeDeps = false): boolean {
  return lineage(g, [b], !includeDeps)[a] === 1;
}

/**
 * Alembic's `filter_for_lineage`: keep the targets that are ancestors or descendants of what
 * `checkAgainst` names (its branch part and its revisions).
 */
export function filterForLineage(
  g: Graph,
  targets: readonly number[],
  checkAgainst: string,
  includeDeps = false,
): number[] {
  if (targets.length === 0) return [];
  const r = resolveNumber(g, checkAgainst);
  const shares: number[] = [];
  if (r.branch) shares.push(resolveBranch(g, r.branch));
  if (r.revs) shares.push(...r.revs);
  // a bare identifier: a label, else a revision (missing, it reads as any other command's miss)
  else shares.push(g.labelOwner.get(r.raw) ?? forIdent(g, r.raw, null));
  if (shares.length === 0) return [...targets];
  const inLine = lineage(g, shares, !includeDeps);
  return targets.filter((t) => t >= 0 && inLine[t]);
}

/**
 * Alembic's `_get_all_current`: the given heads plus everything they need, reduced to the
 * revisions with no declared child among them (the tip of every branch that is applied).
 */
export function allCurrent(g: Graph, heads: readonly number[]): number[] {
  const applied = ancestors(g, heads);
  const out: number[] = [];
  for (let i = 0; i < applied.length; i++) {
    if (applied[i] && !g.vnext[i].some((c) => applied[c])) out.push(i);
  }
  return out;
}

/** Versioned descendants of `revs`, themselves included. */
export function versionedDescendants(g: Graph, revs: readonly number[]): Uint8Array {
  return descendants(g, revs, true);
}

/** "no revision or branch 'hed'; did you mean head?", else how to find the right one. */
export function unknownRevision(g: Graph, symbol: string): RevisionError {
  const guess = closest(symbol, ["head", "heads", "base", ...g.labelOwner.keys(), ...g.ids]);
  const hint = guess !== undefined
    ? `; did you mean ${guess}?`
    : "; run `retort history` to list revisions";
  return new RevisionError("UNKNOWN_REVISION", `no revision or branch '${symbol}'${hint}`);
}
