/**
 * Keeping the version table's rows in step with each migration, as Alembic's HeadMaintainer
 * does: one row per unmerged head.
 */
import { type Graph, graphOf, isAncestor } from "./_graph.ts";
import type { MigrationStep } from "./plan.ts";
import type { RevisionMap } from "./revision_map.ts";
import { RevisionError } from "./revision_error.ts";

/**
 * One change to the version table.
 *
 * @example
 * ```ts
 * const change: VersionChange = { kind: "update", from: "1975ea83b712", to: "ae1027a6acf2" };
 * ```
 */
export type VersionChange =
  | { kind: "insert"; revision: string }
  | { kind: "update"; from: string; to: string }
  | { kind: "delete"; revision: string };

/**
 * The rows after running `step` on a database whose rows are `heads`, and the row changes that
 * get there (in the order to execute them). Upgrading a base or a revision whose parents are
 * not rows inserts a row; along a line a row is updated; a merge deletes all but one parent
 * row; downgrading a merge re-inserts its parents; downgrading to base deletes the row.
 *
 * @example
 * ```ts
 * updateHeads(map, [], { revision: "a1b2c3", direction: "upgrade" });
 * // { heads: ["a1b2c3"], changes: [{ kind: "insert", revision: "a1b2c3" }] }
 * ```
 */
export function updateHeads(
  map: RevisionMap,
  heads: readonly string[],
  step: MigrationStep,
): { heads: string[]; changes: VersionChange[] } {
  const g = graphOf(map);
  const rev = map.get(step.revision).order;
  const rows = new VersionRows(g, heads);
  const id = g.ids[rev];
  const down = g.down[rev];
  const present = down.filter((d) => rows.has(d));
  if (step.direction === "upgrade") {
    if (rows.has(rev)) {
      throw new RevisionError(
        "VERSION_TABLE_MISMATCH",
        `cannot upgrade ${id}: the version table already has it; run \`retort current\``,
      );
    }
    if (present.length === 0) rows.insert(rev);
    else if (present.length === 1) rows.update(present[0], rev);
    else {
      const others = rows.list().filter((h) => !down.includes(h));
      let from = present.filter((d) => !others.some((o) => isAncestor(g, d, o)));
      if (from.length === 0) from = present;
      for (const d of from.slice(0, -1)) rows.delete(d);
      rows.update(from[from.length - 1], rev);
    }
  } else {
    if (!rows.has(rev)) {
      throw new RevisionError(
        "VERSION_TABLE_MISMATCH",
        `cannot downgrade ${id}: the version table (${
          heads.join(", ") || "empty"
        }) does not have it; run \`retort current\``,
      );
    }
    const to = unmergeTargets(g, rows.list(), rev);
    if (to.length === 0) rows.delete(rev);
    else {
      for (const t of to.slice(0, -1)) rows.insert(t);
      rows.update(rev, to[to.length - 1]);
    }
  }
  return { heads: rows.ids(), changes: rows.changes };
}

/**
 * The parents that become rows when `rev` is taken down: its parents (dependencies count)
 * that no other row already implies.
 */
function unmergeTargets(g: Graph, rows: readonly number[], rev: number): number[] {
  const down = g.down[rev];
  const others = rows.filter((r) => r !== rev);
  if (others.length) return down.filter((d) => !others.some((o) => isAncestor(g, d, o)));
  return down.filter((d) => !down.some((e) => e !== d && isAncestor(g, d, e)));
}

/** The rows of the version table, with the changes made to them. */
export class VersionRows {
  readonly changes: VersionChange[] = [];
  #rows: number[];
  readonly #g: Graph;

  constructor(g: Graph, heads: readonly string[]) {
    this.#g = g;
    this.#rows = heads.map((h) => {
      const i = g.index.get(h);
      if (i === undefined) {
        throw new RevisionError(
          "UNKNOWN_REVISION",
          `the database is at revision '${h}', which no migration file defines; restore that file, or \`retort stamp\` a known revision`,
        );
      }
      return i;
    });
  }

  has(rev: number): boolean {
    return this.#rows.includes(rev);
  }

  list(): number[] {
    return [...this.#rows];
  }

  ids(): string[] {
    return this.#rows.map((r) => this.#g.ids[r]);
  }

  insert(rev: number): void {
    if (this.has(rev)) return;
    this.#rows.push(rev);
    this.changes.push({ kind: "insert", revision: this.#g.ids[rev] });
  }

  delete(rev: number): void {
    const at = this.#rows.indexOf(rev);
    if (at < 0) this.#missing(rev);
    this.#rows.splice(at, 1);
    this.changes.push({ kind: "delete", revision: this.#g.ids[rev] });
  }

  update(from: number, to: number): void {
    const at = this.#rows.indexOf(from);
    if (at < 0) this.#missing(from);
    if (this.has(to)) {
      this.delete(from);
      return;
    }
    this.#rows[at] = to;
    this.changes.push({ kind: "update", from: this.#g.ids[from], to: this.#g.ids[to] });
  }

  #missing(rev: number): never {
    throw new RevisionError(
      "VERSION_TABLE_MISMATCH",
      `the version table has no row for ${
        this.#g.ids[rev]
      }; run \`retort current\` and \`retort stamp\` to repair it`,
    );
  }
}
