import { buildGraph } from "./_build.ts";
import { type Graph, registerGraph } from "./_graph.ts";
import { allCurrent } from "./_lookup.ts";
import { resolveIdentifier } from "./_resolve.ts";
import { RevisionNode } from "./_revision_node.ts";
import type { Revision, RevisionSource } from "./revision.ts";
import { RevisionError } from "./revision_error.ts";

const NO_LABELS: readonly string[] = Object.freeze([]);

/**
 * The revision graph of a project: every revision, its heads and bases, and the lookup of
 * revision identifiers (Alembic's `RevisionMap`). Building it validates the graph: duplicate
 * ids, missing parents or dependencies, cycles and self-loops (through dependencies too) and
 * duplicate branch labels are errors naming the revision and file.
 *
 * @example
 * ```ts
 * const map = new RevisionMap([
 *   { revision: "a1b2c3", downRevisions: [], branchLabels: [], dependsOn: [] },
 *   { revision: "d4e5f6", downRevisions: ["a1b2c3"], branchLabels: [], dependsOn: [] },
 * ]);
 * map.heads; // ["d4e5f6"]
 * map.resolve("head-1"); // ["a1b2c3"]
 * ```
 */
export class RevisionMap {
  /** Every revision, in file order. */
  readonly revisions: readonly Revision[];
  /** Revisions no other revision names as a parent, in file order (`retort heads`). */
  readonly heads: readonly string[];
  /**
   * Heads once dependencies count as parents too (`retort heads --resolve-dependencies`): the
   * rows the version table ends with after `upgrade heads`.
   */
  readonly resolvedHeads: readonly string[];
  /** Revisions without parents, in file order. */
  readonly bases: readonly string[];
  readonly #graph: Graph;

  constructor(sources: readonly RevisionSource[]) {
    const g = buildGraph(sources);
    this.#graph = g;
    registerGraph(this, g);
    const ids = g.ids;
    const revisions: Revision[] = [];
    for (let i = 0; i < ids.length; i++) {
      const own = sources[i].branchLabels;
      const labels = !own || own.length === 0
        ? NO_LABELS
        : own.length > 1
        ? [...new Set(own)]
        : [own[0]];
      revisions.push(new RevisionNode(g, i, labels, sources[i].path));
    }
    this.revisions = revisions;
    this.heads = Object.freeze(g.heads.map((i) => ids[i]));
    this.resolvedHeads = Object.freeze(g.realHeads.map((i) => ids[i]));
    this.bases = Object.freeze(g.bases.map((i) => ids[i]));
  }

  /** Whether a revision with exactly this id exists. */
  has(id: string): boolean {
    return this.#graph.index.has(id);
  }

  /** The revision with exactly this id; throws UNKNOWN_REVISION otherwise. */
  get(id: string): Revision {
    const i = this.#graph.index.get(id);
    if (i === undefined) {
      throw new RevisionError(
        "UNKNOWN_REVISION",
        `no revision '${id}'; run \`retort history\` to list revisions`,
      );
    }
    return this.revisions[i];
  }

  /**
   * The revision ids an identifier names, `[]` for `base`. Understands `head`, `heads`, `base`,
   * ids, unique prefixes, branch labels, `label@head`, `label@base`, `label@rev`, `REV+N`,
   * `REV-N`, `head-1`, `base+2`, `label@-1`, and (given the database's current heads) `+N`,
   * `-N`, `label@+N`. Without current heads, `-N` and `label@-N` walk down from the heads.
   *
   * @example
   * ```ts
   * map.resolve("ae10");               // ["ae1027a6acf2"]
   * map.resolve("+1", ["1975ea83b712"]); // ["ae1027a6acf2"]
   * ```
   */
  resolve(identifier: string, currentHeads?: readonly string[]): string[] {
    return resolveIdentifier(this.#graph, identifier, currentHeads).map((i) => this.#graph.ids[i]);
  }

  /**
   * What `retort current` shows for the given version-table rows: each applied branch's tip,
   * including branches applied only as dependencies (Alembic's `get_all_current`). File order.
   */
  currentRevisions(currentHeads: readonly string[]): string[] {
    const g = this.#graph;
    return allCurrent(g, currentHeads.map((h) => this.get(h).order)).map((i) => g.ids[i]);
  }
}
